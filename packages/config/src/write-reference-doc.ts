/** Writes docs/configuration.md from the schema. Run: node packages/config/src/write-reference-doc.ts */
import { writeFile } from 'node:fs/promises';
import { renderConfigReference } from './reference-doc.ts';

const target = new URL('../../../docs/configuration.md', import.meta.url);
await writeFile(target, renderConfigReference());
console.log(`wrote ${target.pathname}`);
