/**
 * `node --cpu-prof bench/profile-server.ts`: one Olympus on a temp SQLite file (or OLYMPUS_DSN) on
 * ports 15444/15445 with a client_credentials client and one access token, for profiling a hot path by hand with
 * autocannon. Prints the client's credentials; stops on SIGINT so the profile is written.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultDevConfig } from '@olympus/config';
import { createLogger, startServer } from '@olympus/server';
import { createClient } from '../test/support/flow.ts';

const [pub, adm] = ['http://127.0.0.1:15444', 'http://127.0.0.1:15445'];
const dsn = process.env.OLYMPUS_DSN ?? `sqlite://${join(mkdtempSync(join(tmpdir(), 'olympus-prof-')), 'o.sqlite')}`;
const config = { ...defaultDevConfig(process.cwd(), { publicUrl: pub, adminUrl: adm, dsn }), log: { level: 'silent' as const } };
const server = await startServer(config, { logger: createLogger(config) });
const client = await createClient(adm, { grant_types: ['client_credentials'], scope: 'api' });
const basic = Buffer.from(`${client.client_id}:${client.client_secret}`).toString('base64');
const issued = await fetch(`${pub}/oauth2/token`, {
  method: 'POST',
  headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
  body: 'grant_type=client_credentials&scope=api',
});
const { access_token: accessToken } = (await issued.json()) as { access_token: string };
process.stdout.write(`${JSON.stringify({ basic, accessToken })}\n`);
process.once('SIGINT', () => void server.close().then(() => process.exit(0)));
