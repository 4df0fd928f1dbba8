/**
 * `olympus courier list`: GET /admin/courier/messages, newest first. With no SMTP configured the
 * queued messages are the dev inbox, so the table format prints each message with its whole body
 * (one-time codes included) instead of squeezing it into a column.
 */
import type { Command } from '../command.ts';
import { noArgs } from '../command.ts';
import { adminApi } from '../http/clients.ts';
import { nextPageToken } from '../http/link-header.ts';
import { adminOptions } from '../http/remote-options.ts';
import { outputFormat, printView } from '../output/print.ts';
import { renderTable } from '../output/table.ts';

const STATUSES = ['queued', 'processing', 'sent', 'abandoned'] as const;

interface MessageResponse {
  id: string;
  status: string;
  recipient: string;
  subject: string;
  body: string;
  template_type: string;
  send_count: number;
  created_at: string;
}

/** One message: its fields as aligned "KEY  value" lines, then the body indented below. */
const messageBlock = (m: MessageResponse): string => {
  const fields = renderTable({
    layout: 'record',
    header: ['ID', 'RECIPIENT', 'SUBJECT', 'STATUS', 'TEMPLATE', 'SENDS', 'CREATED'],
    rows: [[m.id, m.recipient, m.subject, m.status, m.template_type, String(m.send_count), m.created_at]],
  });
  const body = m.body.replace(/\n+$/, '').split('\n').map((line) => (line === '' ? '' : `    ${line}`)).join('\n');
  return `${fields}\n${body}\n`;
};

export const courierList: Command = {
  verb: 'courier',
  nouns: ['list', 'messages'],
  summary: 'List courier messages (the dev inbox when no SMTP server is configured), newest first',
  args: noArgs,
  options: {
    recipient: { type: 'string', value: 'address', description: 'only messages to this address' },
    status: { type: 'string', value: 'status', description: `only messages with this status: ${STATUSES.join(' | ')}` },
    'page-size': { type: 'string', value: 'n', description: 'messages per page (server default: 250)' },
    'page-token': { type: 'string', value: 'token', description: 'page token printed by the previous call' },
    ...adminOptions,
  },
  details: 'Example: olympus courier list --recipient ada@example.com --status queued',
  async run({ flags, io }) {
    const status = flags.choice('status', STATUSES);
    const pageSize = flags.integer('page-size', { min: 1 });
    const response = await adminApi(flags, io).request('GET', '/admin/courier/messages', {
      query: { recipient: flags.string('recipient'), status, page_size: pageSize?.toString(), page_token: flags.string('page-token') },
    });
    const messages = Array.isArray(response.body) ? (response.body as MessageResponse[]) : [];
    const next = nextPageToken(response.headers.get('link'));
    if (outputFormat(flags) !== 'table' || flags.boolean('quiet') === true) {
      printView(io, flags, {
        json: { items: messages, next_page_token: next ?? '' },
        ids: messages.map((m) => m.id),
        table: { layout: 'list', header: [], rows: [] },
      });
      return 0;
    }
    if (messages.length === 0) io.stdout('No courier messages match.\n');
    io.stdout(messages.map(messageBlock).join(`\n${'-'.repeat(72)}\n\n`));
    if (next) io.stdout(`\nNEXT PAGE TOKEN  ${next}\n`);
    return 0;
  },
};
