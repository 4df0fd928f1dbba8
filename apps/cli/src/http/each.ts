/**
 * Commands that take several ids (`get`/`delete oauth2-client a b c`) handle each one and carry on
 * after an API error, so one bad id does not hide the others; the command exits 1 unless all worked.
 */
import type { Io } from '../io.ts';
import type { View } from '../output/print.ts';
import { tableOf } from '../output/table.ts';
import { reportError } from '../report-error.ts';
import type { ApiClient } from './api-client.ts';
import { segment } from './clients.ts';

export interface EachResult<T> {
  results: T[];
  allOk: boolean;
}

export const forEachName = async <T>(
  io: Io,
  names: readonly string[],
  action: (name: string) => Promise<T>,
): Promise<EachResult<T>> => {
  const results: T[] = [];
  for (const name of names) {
    try {
      results.push(await action(name));
    } catch (error) {
      reportError(io, error);
    }
  }
  return { results, allOk: results.length === names.length };
};

/** GET `<prefix>/<name>` for each name; the response bodies of those that exist. */
export const getEach = (
  api: ApiClient,
  io: Io,
  prefix: string,
  names: readonly string[],
): Promise<EachResult<unknown>> =>
  forEachName(io, names, async (name) => (await api.request('GET', `${prefix}/${segment(name)}`)).body);

/** DELETE `<prefix>/<name>` for each name; the names that were deleted. */
export const deleteEach = (
  api: ApiClient,
  io: Io,
  prefix: string,
  names: readonly string[],
): Promise<EachResult<string>> =>
  forEachName(io, names, async (name) => {
    await api.request('DELETE', `${prefix}/${segment(name)}`);
    return name;
  });

export const deletedView = (header: string, names: readonly string[]): View => ({
  json: names,
  ids: [...names],
  table: tableOf([{ header, value: (name: string) => name }], names, false),
});
