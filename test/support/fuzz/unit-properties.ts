/** Every pure-function property, in the order the suite and `npm run fuzz` run them. */
import type { FuzzProperty } from './property.ts';
import { parserProperties } from './unit-parsers.ts';
import { oauth2Properties } from './unit-oauth2.ts';
import { identityProperties } from './unit-identity.ts';

export const unitProperties: FuzzProperty[] = [...parserProperties, ...oauth2Properties, ...identityProperties];
