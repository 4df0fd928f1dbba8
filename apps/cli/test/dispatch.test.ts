import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { captureIo, runCli } from './helpers/capture-io.ts';
import { run } from '../src/run.ts';
import type { ServerModule } from '../src/server/server-module.ts';

describe('help and dispatch', () => {
  test('no arguments and `help` print every command', async () => {
    for (const argv of [[], ['help'], ['--help']]) {
      const result = await runCli(argv);
      assert.equal(result.code, 0);
      for (const name of [
        'create oauth2-client',
        'perform authorization-code',
        'get login-request',
        'migrate',
        'serve',
      ]) {
        assert.ok(result.stdout.includes(name), `${argv.join(' ')} lists ${name}`);
      }
    }
  });

  test('help for a command lists its flags with defaults; aliases resolve', async () => {
    const viaHelp = await runCli(['help', 'perform', 'authorization-code']);
    const viaFlag = await runCli(['perform', 'authorization-code', '--client-id', 'x', '-h']);
    assert.equal(viaHelp.stdout, viaFlag.stdout);
    assert.match(viaHelp.stdout, /^Usage: olympus perform authorization-code \[flags\]/);
    assert.match(viaHelp.stdout, /-p, --port <port>\s+port of the local callback server \(default: 4446\)/);
    const alias = await runCli(['create', 'client', '--help']);
    assert.match(alias.stdout, /^Usage: olympus create oauth2-client/);
    assert.match(alias.stdout, /Aliases: olympus create client/);
  });

  test('`olympus create` without a target lists the targets and exits 2', async () => {
    const result = await runCli(['create']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /create oauth2-client/);
    assert.match(result.stderr, /create jwk/);
  });

  test('unknown command or target: usage error, exit 2', async () => {
    const verb = await runCli(['frobnicate']);
    assert.equal(verb.code, 2);
    assert.match(verb.stderr, /^error: unknown command "frobnicate"/);
    const noun = await runCli(['get', 'widget']);
    assert.equal(noun.code, 2);
    assert.match(noun.stderr, /^error: unknown target "get widget"/);
  });

  test('too many arguments: usage error', async () => {
    const result = await runCli(['list', 'clients', 'extra']);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unexpected argument "extra" \(this command takes none\)/);
  });

  test('version prints the package version', async () => {
    const result = await runCli(['version']);
    assert.match(result.stdout, /^olympus 0\.1\.0 \(node v\d+/);
  });
});

const fakeServer = () => {
  const calls: unknown[] = [];
  let closed = 0;
  const server: ServerModule = {
    serve: async (opts) => {
      calls.push(['serve', opts]);
      return { close: async () => void (closed += 1) };
    },
    migrateCommand: async (opts) => {
      calls.push(['migrate', opts]);
      return `${opts.action}: 3 migrations applied`;
    },
    janitorCommand: async (opts) => {
      calls.push(['janitor', opts]);
      return 'janitor ran';
    },
  };
  return { server, calls, closed: () => closed };
};

describe('serve and migrate', () => {
  test('serve --dev -c passes options to the server and closes it on shutdown', async () => {
    const fake = fakeServer();
    const io = captureIo({ server: fake.server });
    const running = run(['serve', '--dev', '-c', 'olympus.yml'], io);
    for (let tick = 0; fake.calls.length === 0 && tick < 1000; tick += 1)
      await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(fake.calls, [['serve', { dev: true, configPath: 'olympus.yml' }]]);
    assert.equal(fake.closed(), 0);
    io.shutdown();
    assert.equal(await running, 0);
    assert.equal(fake.closed(), 1);
  });

  test('serve public is refused: one process serves both origins', async () => {
    const result = await runCli(['serve', 'public'], { server: fakeServer().server });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /one process serves both origins/);
  });

  test('migrate up|status forward config, dsn and dev, and print the result', async () => {
    const fake = fakeServer();
    const up = await runCli(['migrate', 'up', '--dsn', 'postgres://db/olympus', '-c', 'o.yml'], {
      server: fake.server,
    });
    assert.equal(up.code, 0);
    assert.equal(up.stdout, 'up: 3 migrations applied\n');
    await runCli(['migrate', 'status', '--dev'], { server: fake.server });
    assert.deepEqual(fake.calls, [
      ['migrate', { action: 'up', dev: false, configPath: 'o.yml', dsn: 'postgres://db/olympus' }],
      ['migrate', { action: 'status', dev: true }],
    ]);
  });

  test("hydra's `migrate sql -e` reads the DSN from $DSN", async () => {
    const fake = fakeServer();
    const result = await runCli(['migrate', 'sql', '-e', '--yes'], {
      server: fake.server,
      env: { DSN: 'sqlite://data/o.db' },
    });
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(fake.calls, [['migrate', { action: 'up', dev: false, dsn: 'sqlite://data/o.db' }]]);
  });

  test('a server failure prints its message without a stack unless OLYMPUS_DEBUG is set', async () => {
    const failing = {
      ...fakeServer().server,
      migrateCommand: async () => {
        throw new Error('dsn is not set. Fix: set OLYMPUS_DSN');
      },
    };
    const plain = await runCli(['migrate', 'up'], { server: failing });
    assert.equal(plain.code, 1);
    assert.equal(
      plain.stderr,
      'error: dsn is not set. Fix: set OLYMPUS_DSN\n(set OLYMPUS_DEBUG=1 to see the stack trace)\n',
    );
    const debug = await runCli(['migrate', 'up'], { server: failing, env: { OLYMPUS_DEBUG: '1' } });
    assert.match(debug.stderr, /^error: Error: dsn is not set[^\n]*\n\s+at /);
  });

  test('an unknown migrate action is a usage error', async () => {
    const result = await runCli(['migrate', 'down'], { server: fakeServer().server });
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown migrate action "down": use up or status/);
  });
});

describe('the olympus bin', () => {
  const bin = fileURLToPath(new URL('../bin/olympus.js', import.meta.url));

  test('runs the CLI and passes the exit code through', () => {
    const ok = spawnSync(process.execPath, [bin, 'version'], { encoding: 'utf8' });
    assert.equal(ok.status, 0);
    assert.match(ok.stdout, /^olympus 0\.1\.0/);
    const usage = spawnSync(process.execPath, [bin, 'list', 'clients', '--nope'], { encoding: 'utf8' });
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /unknown flag --nope/);
  });
});
