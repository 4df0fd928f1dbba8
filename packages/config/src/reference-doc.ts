/**
 * docs/configuration.md, generated from the schema so the reference cannot drift from what the
 * loader accepts. Regenerate with `node packages/config/src/write-reference-doc.ts`.
 */
import { configSchema, type SchemaNode } from './schema.ts';
import { keysOf } from './schema-walk.ts';

const FORMAT_NAMES: Record<string, string> = { duration: 'duration', 'http-url': 'URL', dsn: 'DSN' };

const typeOf = (node: SchemaNode): string => {
  if (Array.isArray(node.enum)) return node.enum.map((v) => `\`${String(v)}\``).join(' \\| ');
  if (typeof node.format === 'string') return FORMAT_NAMES[node.format] ?? node.format;
  if (node.type === 'array') {
    const items = (node.items ?? {}) as SchemaNode;
    if (items.type === 'object') return `list of \`{${Object.keys((items.properties ?? {}) as object).join(', ')}}\``;
    return items.format === 'http-url' ? 'list of URLs' : 'list of strings';
  }
  return String(node.type);
};

const defaultOf = (node: SchemaNode): string => {
  if (typeof node['x-default'] === 'string') return node['x-default'];
  if (node.default === undefined) return '—';
  return `\`${typeof node.default === 'string' ? node.default : JSON.stringify(node.default)}\``;
};

const envOf = (node: SchemaNode): string => {
  if (typeof node['x-env'] !== 'string') return '';
  return `\`${node['x-env']}\`${node.type === 'array' ? ' (comma-separated)' : ''}`;
};

const cell = (text: string): string => text.replaceAll('\n', ' ');

const INTRO = `# Configuration reference

<!-- Generated from packages/config/src/schema.ts by packages/config/src/write-reference-doc.ts; edit those, not this file. -->

Olympus reads one YAML file (optional) and a few environment variables, checks them against one JSON
Schema, and refuses to start on any problem, listing all of them at once with the key path, the line
and, for a misspelt key, the nearest known key:

\`\`\`
config.yml: unknown key "acess_token" at ttl.acess_token (did you mean "access_token"?), line 12
\`\`\`

- **Unknown keys are errors**, at every level.
- **Durations** are Go-style strings: \`15m\`, \`1h30m\`, \`720h\`, \`0s\` (units \`ms\`, \`s\`, \`m\`, \`h\`).
- **Environment variables** override the file. \`OLYMPUS_PUBLIC_URL\` and \`OLYMPUS_ADMIN_URL\` also set the
  listen ports (the URL's port, or 80/443 by scheme) unless \`port\` is set.
- **Secrets are lists**: the first entry encrypts and signs; every entry decrypts and verifies. To rotate, put
  a new secret first and keep the old one after it until everything it protected has expired.

## Development and production

With \`--dev\`, everything has a local default: SQLite in \`<data_dir>/olympus.sqlite\`, secrets generated on
first start and kept in \`<data_dir>/secrets.json\` (mode 0600), plain http, \`expose_debug\` on, cookies without
\`Secure\`, and a client's \`jwks_uri\` may point to loopback and private addresses.

Without \`--dev\`, Olympus refuses to start until \`secrets.system\` is set, the issuer is https and \`dsn\` is
set, and it lists everything missing in one message. In both modes an admin origin bound beyond loopback needs
\`serve.admin.api_keys\`.

## All keys
`;

const EXAMPLE = `
## Example: production

\`\`\`yaml
dsn: postgres://olympus:secret@db:5432/olympus
serve:
  public: { base_url: https://auth.example.com, host: 0.0.0.0, port: 4444 }
  admin: { base_url: http://10.0.0.5:4445, host: 10.0.0.5, api_keys: ["<openssl rand -base64 32>"] }
urls:
  login: https://auth.example.com/login
  consent: https://auth.example.com/consent
secrets:
  system: ["<newest secret>", "<previous secret, kept while rotating>"]
ttl: { access_token: 15m, refresh_token: 720h }
\`\`\`
`;

export const renderConfigReference = (): string => {
  const rows = keysOf(configSchema).map(
    ({ path, node }) =>
      `| \`${path.join('.')}\` | ${typeOf(node)} | ${cell(defaultOf(node))} | ${envOf(node)} | ${cell(String(node.description ?? ''))} |`,
  );
  return `${INTRO}\n| key | type | default | environment | meaning |\n|---|---|---|---|---|\n${rows.join('\n')}\n${EXAMPLE}`;
};
