/**
 * DELETE one resource per argument, carrying on after a failure so one bad id does not hide the
 * others. Returns the names that were deleted; the command exits 1 unless all were.
 */
import type { Io } from '../io.ts';
import type { View } from '../output/print.ts';
import { tableOf } from '../output/table.ts';
import { reportError } from '../report-error.ts';
import type { ApiClient } from './api-client.ts';
import { segment } from './clients.ts';

export const deleteEach = async (api: ApiClient, io: Io, pathPrefix: string, names: readonly string[]): Promise<string[]> => {
  const deleted: string[] = [];
  for (const name of names) {
    try {
      await api.request('DELETE', `${pathPrefix}/${segment(name)}`);
      deleted.push(name);
    } catch (error) {
      reportError(io, error);
    }
  }
  return deleted;
};

export const deletedView = (header: string, names: readonly string[]): View => ({
  json: names,
  ids: [...names],
  table: tableOf([{ header, value: (name: string) => name }], names, false),
});
