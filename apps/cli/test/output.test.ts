import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { formatView, type View } from '../src/output/print.ts';
import { tableOf } from '../src/output/table.ts';
import { clientsView } from '../src/clients/client-view.ts';

const clients = [
  {
    client_id: 'app-1',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    scope: 'openid',
    audience: [],
    redirect_uris: ['https://a/cb'],
  },
  {
    client_id: 'service-22',
    grant_types: ['client_credentials'],
    response_types: [],
    scope: 'read write',
    audience: ['api'],
    redirect_uris: [],
  },
];

describe('output formats', () => {
  test('one record prints vertically with hydra column names', () => {
    const text = formatView(clientsView([{ ...clients[0], client_secret: 's3cret' }], true), 'table', false);
    assert.equal(
      text,
      [
        'CLIENT ID       app-1',
        'CLIENT SECRET   s3cret',
        'GRANT TYPES     authorization_code, refresh_token',
        'RESPONSE TYPES  code',
        'SCOPE           openid',
        'AUDIENCE',
        'REDIRECT URIS   https://a/cb',
        '',
      ].join('\n'),
    );
  });

  test('several records print as aligned columns under a header', () => {
    const lines = formatView(clientsView(clients, false), 'table', false).trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.match(
      lines[0],
      /^CLIENT ID\s+CLIENT SECRET\s+GRANT TYPES\s+RESPONSE TYPES\s+SCOPE\s+AUDIENCE\s+REDIRECT URIS$/,
    );
    assert.equal(lines[1].indexOf('authorization_code'), lines[0].indexOf('GRANT TYPES'));
    assert.equal(lines[2].indexOf('client_credentials'), lines[0].indexOf('GRANT TYPES'));
  });

  test('json, json-pretty and yaml print the API objects', () => {
    const view = clientsView(clients, false);
    assert.deepEqual(JSON.parse(formatView(view, 'json', false)), clients);
    assert.equal(formatView(view, 'json', false).split('\n').length, 2);
    assert.deepEqual(JSON.parse(formatView(view, 'json-pretty', false)), clients);
    assert.ok(formatView(view, 'json-pretty', false).includes('\n  {'));
    assert.deepEqual(parseYaml(formatView(view, 'yaml', false)), clients);
  });

  test('quiet prints only ids whatever the format', () => {
    assert.equal(formatView(clientsView(clients, false), 'json', true), 'app-1\nservice-22\n');
  });

  test('footer lines follow the table only in table format', () => {
    const view: View = {
      json: [],
      ids: [],
      table: tableOf([{ header: 'A', value: () => 'x' }], [1], false),
      footer: ['NEXT  t'],
    };
    assert.equal(formatView(view, 'table', false), 'A\nx\nNEXT  t\n');
    assert.equal(formatView(view, 'json', false), '[]\n');
  });
});
