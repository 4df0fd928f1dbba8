/**
 * `olympus identities import <file|->…`: each file (or stdin) holds one identity or an array of
 * them in Kratos' create shape (password hashes under credentials.password.config.hashed_password).
 * Each is created with POST /admin/identities, a few at a time; a progress line goes to stderr every
 * 100 records, then a report of every record that failed and why. Exits 1 if any failed.
 */
import type { Command } from '../command.ts';
import { ApiError, CommandFailed } from '../errors.ts';
import type { ApiClient } from '../http/api-client.ts';
import { adminApi } from '../http/clients.ts';
import { adminOptions } from '../http/remote-options.ts';
import type { Io } from '../io.ts';
import { printView } from '../output/print.ts';
import { tableOf } from '../output/table.ts';
import { isJsonObject, readJson } from '../read-json.ts';

const PROGRESS_EVERY = 100;
const PARALLEL = 4;

interface Record_ {
  source: string;
  /** 1-based position in its file. */
  position: number;
  body: Record<string, unknown>;
}

interface Outcome {
  record: Record_;
  id?: string;
  error?: ApiError;
}

const recordsIn = (path: string, document: unknown): Record_[] => {
  const items = Array.isArray(document) ? document : [document];
  const source = path === '-' ? 'stdin' : path;
  return items.map((body, i) => {
    if (!isJsonObject(body)) throw new CommandFailed(`${source} record ${i + 1} is not an identity object`);
    return { source, position: i + 1, body };
  });
};

/** What identifies a record for a person reading the report: its email-like trait, if any. */
const labelOf = (record: Record_): string => {
  const traits = isJsonObject(record.body.traits) ? record.body.traits : {};
  const hint = Object.values(traits).find((v): v is string => typeof v === 'string' && v.includes('@'));
  return `${record.source} record ${record.position}${hint ? ` (${hint})` : ''}`;
};

const importAll = async (api: ApiClient, io: Io, records: Record_[]): Promise<Outcome[]> => {
  const outcomes: Outcome[] = new Array(records.length);
  let next = 0;
  let done = 0;
  let failed = 0;
  const worker = async (): Promise<void> => {
    while (next < records.length) {
      const index = next++;
      const record = records[index]!;
      try {
        const { body } = await api.request('POST', '/admin/identities', { json: record.body });
        outcomes[index] = { record, id: String((body as { id?: unknown }).id ?? '') };
      } catch (error) {
        if (!(error instanceof ApiError)) throw error; // unreachable server: every record would fail alike
        outcomes[index] = { record, error };
        failed += 1;
      }
      done += 1;
      if (done % PROGRESS_EVERY === 0 || done === records.length) {
        io.stderr(`imported ${done - failed} of ${records.length} (${done} processed, ${failed} failed)\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL, records.length) }, worker));
  return outcomes;
};

const failureReport = (failures: Outcome[], total: number): string => {
  const lines = failures.map(({ record, error }) => {
    const d = error!.details;
    return `  ${labelOf(record)}: HTTP ${d.status} ${d.error}${d.description ? ` — ${d.description}` : ''}${d.hint ? ` (${d.hint})` : ''}`;
  });
  return `${failures.length} of ${total} records failed:\n${lines.join('\n')}\n`;
};

export const importIdentities: Command = {
  verb: 'identities',
  nouns: ['import'],
  summary: 'Create identities from JSON files (Kratos import format, password hashes included)',
  args: { usage: '[<file.json>|-…]', min: 0, max: Infinity },
  options: adminOptions,
  details:
    'Each file holds one identity or an array of identities as POST /admin/identities takes them, e.g.\n' +
    '  {"schema_id": "default", "traits": {"email": "ada@example.com"},\n' +
    '   "credentials": {"password": {"config": {"hashed_password": "$2b$12$…"}}}}\n' +
    'argon2id, argon2i, bcrypt and PBKDF2 hashes are kept and upgraded to argon2id at the next login.\n' +
    'Reads stdin without files. Exits 1 if any record failed; the report names each one.',
  async run({ flags, args, io }) {
    const records: Record_[] = [];
    for (const path of args.length > 0 ? args : ['-']) records.push(...recordsIn(path, await readJson(io, path)));
    const outcomes = await importAll(adminApi(flags, io), io, records);
    const imported = outcomes.filter((o) => o.id !== undefined);
    const failures = outcomes.filter((o) => o.error !== undefined);
    if (failures.length > 0) io.stderr(failureReport(failures, records.length));
    printView(io, flags, {
      json: {
        imported: imported.map((o) => ({ source: o.record.source, position: o.record.position, id: o.id })),
        failed: failures.map((o) => ({ source: o.record.source, position: o.record.position, ...o.error!.details })),
      },
      ids: imported.map((o) => o.id!),
      table: tableOf([{ header: 'IMPORTED IDENTITY ID', value: (o: Outcome) => o.id }, { header: 'FROM', value: (o: Outcome) => labelOf(o.record) }], imported, false),
    });
    return failures.length === 0 ? 0 : 1;
  },
};
