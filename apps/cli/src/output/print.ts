/**
 * Prints a command's result in the format the user asked for: a table for people, JSON or YAML for
 * scripts, bare ids with `-q` (so `olympus list oauth2-clients -q | xargs …` works).
 */
import { createRequire } from 'node:module';
import type { Io } from '../io.ts';
import type { Flags } from '../options.ts';
import { OUTPUT_FORMATS, type OutputFormat } from '../http/remote-options.ts';
import { renderTable, type TableData } from './table.ts';

export interface View {
  /** What `--format json|json-pretty|yaml` prints. */
  json: unknown;
  /** What `-q` prints, one per line. */
  ids: string[];
  table: TableData;
  /** Lines printed after the table (table format only), e.g. the next page token. */
  footer?: string[];
}

/** yaml loads when YAML is asked for, not on every command and start (docs/decisions/0002-hot-path-performance.md). */
const toYaml = (value: unknown): string => (createRequire(import.meta.url)('yaml') as typeof import('yaml')).stringify(value);

export const outputFormat = (flags: Flags): OutputFormat => flags.choice('format', OUTPUT_FORMATS) ?? 'table';

export const formatView = (view: View, format: OutputFormat, quiet: boolean): string => {
  if (quiet) return view.ids.map((id) => `${id}\n`).join('');
  switch (format) {
    case 'json':
      return `${JSON.stringify(view.json)}\n`;
    case 'json-pretty':
      return `${JSON.stringify(view.json, null, 2)}\n`;
    case 'yaml':
      return toYaml(view.json);
    case 'table': {
      const footer = view.footer?.map((line) => `${line}\n`).join('') ?? '';
      return renderTable(view.table) + footer;
    }
  }
};

export const printView = (io: Io, flags: Flags, view: View): void => {
  io.stdout(formatView(view, outputFormat(flags), flags.boolean('quiet') === true));
};
