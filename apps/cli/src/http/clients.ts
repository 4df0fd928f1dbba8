/** The API clients a command needs, built from its flags. */
import type { Io } from '../io.ts';
import type { Flags } from '../options.ts';
import { ApiClient } from './api-client.ts';
import { adminTarget, publicTarget } from './target.ts';

export const adminApi = (flags: Flags, io: Io): ApiClient => new ApiClient(adminTarget(flags, io));
export const publicApi = (flags: Flags, io: Io): ApiClient => new ApiClient(publicTarget(flags, io));

/** Path segments from the user (ids, set names) are escaped so `a/b` cannot reach another route. */
export const segment = (value: string): string => encodeURIComponent(value);
