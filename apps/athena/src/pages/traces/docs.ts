/**
 * The troubleshooting pages a diagnosis names (TraceFinding.docPage, a repository path under
 * docs/troubleshooting/), served to the console as plain text at /traces/troubleshooting/<page>.md,
 * so every cause on a trace page links to its explanation whatever its file name.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyReply, FastifyRequest } from 'fastify';

const TROUBLESHOOTING_DIR = new URL('../../../../../docs/troubleshooting/', import.meta.url);
const PAGE_NAME = /^[a-z0-9][a-z0-9_-]*\.md$/;
const DOC_PAGE = /^docs\/troubleshooting\/([a-z0-9][a-z0-9_-]*\.md)(#[\w-]+)?$/;

const fileOf = (name: string): URL | undefined => (PAGE_NAME.test(name) ? new URL(name, TROUBLESHOOTING_DIR) : undefined);

/** The console's link to a docPage (keeping its #section), or undefined when there is no such page. */
export const docHref = (docPage: string): string | undefined => {
  const [, name = '', section = ''] = DOC_PAGE.exec(docPage) ?? [];
  const file = fileOf(name);
  return file !== undefined && existsSync(fileURLToPath(file)) ? `/traces/troubleshooting/${name}${section}` : undefined;
};

export const sendDocPage = async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
  const file = fileOf((req.params as { page: string }).page);
  if (file === undefined) return reply.code(404).type('text/plain; charset=utf-8').send('No such page.\n');
  try {
    return reply.type('text/plain; charset=utf-8').header('cache-control', 'no-store').send(await readFile(file, 'utf8'));
  } catch {
    return reply.code(404).type('text/plain; charset=utf-8').send('No such page.\n');
  }
};
