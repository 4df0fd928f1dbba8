/**
 * The README's "Your first OAuth2 client" walkthrough, run exactly as written: its shell blocks are
 * read from README.md and run as real processes (`npm run olympus --` becomes the CLI's launcher under
 * the pinned Node, `node` the pinned Node; the CLI and the example script find the test server through
 * OLYMPUS_ADMIN_URL / OLYMPUS_PUBLIC_URL, as the README says). Chromium opens the printed URL, signs in
 * as the demo user and allows the consent screen; the process prints the tokens and the ID token's
 * claims. Both ways the README offers: `olympus perform authorization-code` and
 * examples/first-client.mjs — the latter also with the client registered the seed-002 way, in Athena's
 * New Client form. The callback port 8765 is fixed by the README, so the scenarios run one
 * after another and no other test file uses that port.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { Browser } from 'playwright-core';
import { DEMO_EMAIL, DEMO_PASSWORD, ensureDemoIdentity } from '@olympus/server';
import { launchBrowser, newPage } from './support/chromium.ts';
import { clientPage, signInToAthena } from './support/athena.ts';
import { startTestServer, type TestServer } from './support/server.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI_LAUNCHER = 'apps/cli/bin/olympus.js';
const CALLBACK = 'http://localhost:8765/callback';

/** The ```sh blocks of one README section (from its `## ` heading to the next). */
const readmeShellBlocks = (heading: string): string[] => {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8');
  const start = readme.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `README.md has a "## ${heading}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
};

const BLOCKS = readmeShellBlocks('Your first OAuth2 client');
const blockStarting = (prefix: string): string => {
  const block = BLOCKS.find((b) => b.startsWith(prefix));
  assert.ok(block, `the section has a block starting with "${prefix}"; blocks:\n${BLOCKS.join('\n')}`);
  return block;
};

/** Shell words of a one-command block: backslash-newline joins lines; single and double quotes group. */
const shellWords = (block: string): string[] => {
  const line = block.replace(/\\\n/g, ' ').trim();
  assert.ok(!/[\n;|&$`]/.test(line.replace(/"[^"]*"|'[^']*'/g, '')), `one plain command per block: ${line}`);
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
};

/** The block's command as this machine runs it: the pinned Node for `node` and for the npm script. */
const commandOf = (block: string, placeholders: Record<string, string>): string[] => {
  let text = block;
  for (const [placeholder, value] of Object.entries(placeholders)) text = text.replaceAll(placeholder, value);
  assert.doesNotMatch(text, /<[A-Z ]+>/, 'every placeholder of the block is filled in');
  const words = shellWords(text);
  if (words.slice(0, 4).join(' ') === 'npm run olympus --') return [process.execPath, CLI_LAUNCHER, ...words.slice(4)];
  if (words[0] === 'node') return [process.execPath, ...words.slice(1)];
  assert.fail(`the walkthrough runs only the olympus CLI and node: ${words.join(' ')}`);
};

interface Running {
  child: ChildProcess;
  /** stdout and stderr as they arrived, for assertions and failure messages. */
  output: () => { stdout: string; stderr: string };
  /** Resolves with the first match of `pattern` in stdout + stderr. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
  exit: Promise<number | null>;
}

const start = (command: string[], olympus: TestServer): Running => {
  const env: NodeJS.ProcessEnv = { ...process.env, OLYMPUS_ADMIN_URL: olympus.adminUrl, OLYMPUS_PUBLIC_URL: olympus.publicUrl };
  for (const name of ['ORY_SDK_URL', 'OLYMPUS_ADMIN_API_KEY', 'OAUTH2_CLIENT_ID', 'OAUTH2_CLIENT_SECRET']) delete env[name];
  const child = spawn(command[0], command.slice(1), { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: Array<() => void> = [];
  const notify = () => waiters.forEach((w) => w());
  child.stdout!.on('data', (chunk: Buffer) => { stdout += chunk; notify(); });
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk; notify(); });
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => { notify(); resolve(code); }));
  const waitFor = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = (stdout + stderr).match(pattern);
        if (match) resolve(match);
        else if (child.exitCode !== null) reject(new Error(`${command.join(' ')} exited ${child.exitCode} before printing ${pattern}:\n${stdout}\n${stderr}`));
      };
      waiters.push(check);
      check();
    });
  return { child, output: () => ({ stdout, stderr }), waitFor, exit };
};

const runToEnd = async (command: string[], olympus: TestServer) => {
  const running = start(command, olympus);
  const code = await running.exit;
  return { code, ...running.output() };
};

/** JSON printed after a label line, up to the next line that is not part of it. */
const jsonAfter = (text: string, label: string): Record<string, unknown> => {
  const at = text.indexOf(label);
  assert.ok(at >= 0, `the output has "${label}":\n${text}`);
  const rest = text.slice(at + label.length).trimStart();
  const end = rest.search(/\n\}/);
  return JSON.parse(rest.slice(0, end + 2)) as Record<string, unknown>;
};

interface PrintedTokens {
  access: string;
  refresh: string;
  id: string;
  claims: Record<string, unknown>;
}

/** `olympus perform authorization-code`'s table: one "NAME  value" line per field, then the claims. */
const cliTokens = (stdout: string): PrintedTokens => {
  const field = (name: string) => new RegExp(`^${name}\\s+(\\S+)$`, 'm').exec(stdout)?.[1] ?? '';
  return {
    access: field('ACCESS TOKEN'),
    refresh: field('REFRESH TOKEN'),
    id: field('ID TOKEN'),
    claims: jsonAfter(stdout, 'ID TOKEN CLAIMS (decoded, signature not checked):'),
  };
};

/** examples/first-client.mjs prints the token response and the decoded claims as JSON. */
const scriptTokens = (stdout: string): PrintedTokens => {
  const tokens = jsonAfter(stdout, 'Tokens:') as Record<string, string>;
  return { access: tokens.access_token, refresh: tokens.refresh_token, id: tokens.id_token, claims: jsonAfter(stdout, 'ID token claims (decoded, signature not checked):') };
};

let browser: Browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

for (const kind of ['sqlite', 'postgres'] as const) describe(`README: your first OAuth2 client, in Chromium (${kind})`, () => {
  let olympus: TestServer;
  before(async () => {
    olympus = await startTestServer(kind);
    await ensureDemoIdentity(olympus.server.identity);
  });
  after(async () => {
    await olympus?.close();
  });

  /** The README's first block: `create client` prints the CLIENT ID. */
  const createClient = async (): Promise<string> => {
    const created = await runToEnd(commandOf(blockStarting('npm run olympus -- create client'), {}), olympus);
    assert.equal(created.code, 0, created.stderr);
    const clientId = /^CLIENT ID\s+(\S+)$/m.exec(created.stdout)?.[1];
    assert.ok(clientId, `create client printed a CLIENT ID:\n${created.stdout}`);
    return clientId;
  };

  /** Opens the printed URL, signs in as the demo user, allows the consent screen, lands on the callback. */
  const signInAndAllow = async (authorizationUrl: string): Promise<string> => {
    const { page, close } = await newPage(browser);
    try {
      await page.goto(authorizationUrl);
      const login = new URL(page.url());
      assert.equal(login.pathname, '/login', 'the URL leads to Hera\'s sign-in page');
      assert.ok(login.searchParams.get('flow'), 'with the identity server\'s login flow');
      await page.locator('input[name="identifier"]').fill(DEMO_EMAIL);
      await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
      await Promise.all([page.waitForURL(/\/consent\?/), page.locator('button[name="method"][value="password"]').click()]);
      assert.match(await page.locator('h1').innerText(), /playground-client/, 'the consent screen names the client');
      await Promise.all([page.waitForURL((u) => u.toString().startsWith(CALLBACK)), page.getByRole('button', { name: 'Allow' }).click()]);
      return (await page.locator('body').innerText()).trim();
    } finally {
      await close();
    }
  };

  /** Checks the printed tokens against the server: a verifiable ID token for the demo user, live access token. */
  const assertTokensFor = async (printed: PrintedTokens, clientId: string): Promise<void> => {
    assert.ok(printed.access && printed.refresh && printed.id, `access, refresh and ID tokens are printed: ${JSON.stringify(printed)}`);
    const demo = await olympus.server.identity.storage.identities.findByCredentialIdentifier('password', DEMO_EMAIL);
    const jwks = createRemoteJWKSet(new URL(`${olympus.publicUrl}/.well-known/jwks.json`));
    const { payload } = await jwtVerify(printed.id, jwks, { issuer: olympus.config.urls.issuer, audience: clientId });
    for (const claim of ['sub', 'email', 'iat', 'exp', 'iss', 'aud'] as const) assert.ok(claim in printed.claims, `the printed claims include ${claim}`);
    assert.deepEqual(printed.claims, payload as JWTPayload & Record<string, unknown>, 'the printed claims are the ID token\'s');
    assert.equal(payload.sub, demo!.id);
    assert.equal(payload.email, DEMO_EMAIL);
    assert.equal(payload.name, 'Demo Admin');
    const userinfo = await fetch(`${olympus.publicUrl}/userinfo`, { headers: { authorization: `Bearer ${printed.access}` } });
    assert.equal(userinfo.status, 200);
    assert.equal(((await userinfo.json()) as { email?: string }).email, DEMO_EMAIL);
  };

  /**
   * The README's Athena way of the first block: sign in to the console as the demo user, OAuth2 Clients →
   * New Client with the walkthrough's values → Save, and read the Client ID from the client's page.
   */
  const createClientInAthena = async (): Promise<string> => {
    const { page, context } = await signInToAthena(browser, olympus, DEMO_EMAIL, DEMO_PASSWORD);
    try {
      await page.getByRole('link', { name: 'OAuth2 Clients' }).first().click();
      await page.getByRole('link', { name: 'New Client' }).click();
      await page.getByLabel('Name', { exact: true }).fill('playground-client');
      await page.getByLabel('Public', { exact: true }).check();
      await page.getByLabel('Redirect URI', { exact: true }).fill(CALLBACK);
      await page.getByLabel('authorization_code').check();
      await page.getByLabel('refresh_token').check();
      await page.getByLabel('Allowed scopes').fill('openid profile email');
      await page.getByLabel('code', { exact: true }).check();
      await Promise.all([page.waitForURL(clientPage), page.getByRole('button', { name: 'Save' }).click()]);
      return await page.getByLabel('Client ID').inputValue();
    } finally {
      await context.close();
    }
  };

  const walkthrough = async (block: string, parse: (stdout: string) => PrintedTokens, create = createClient): Promise<void> => {
    const clientId = await create();
    const running = start(commandOf(block, { '<CLIENT ID>': clientId }), olympus);
    try {
      const [authorizationUrl] = await running.waitFor(/http:\/\/\S+\/oauth2\/auth\?\S+/);
      assert.equal(new URL(authorizationUrl).origin, olympus.publicUrl, 'the URL points at the server in OLYMPUS_PUBLIC_URL');
      assert.equal(new URL(authorizationUrl).searchParams.get('redirect_uri'), CALLBACK);
      const callbackPage = await signInAndAllow(authorizationUrl);
      assert.match(callbackPage, /Signed in/, 'the callback page tells the user to look at the terminal');
      const code = await running.exit;
      const { stdout, stderr } = running.output();
      assert.equal(code, 0, `${stdout}\n${stderr}`);
      await assertTokensFor(parse(stdout), clientId);
    } finally {
      if (running.child.exitCode === null) running.child.kill();
      await running.exit;
    }
  };

  test('npm run olympus -- perform authorization-code, as the README writes it', async () => {
    await walkthrough(blockStarting('npm run olympus -- perform authorization-code'), cliTokens);
  });

  test('node examples/first-client.mjs, as the README writes it', async () => {
    await walkthrough(blockStarting('node examples/first-client.mjs'), scriptTokens);
  });

  test('seed 002\'s Athena way: New Client in the console, then node examples/first-client.mjs', async () => {
    await walkthrough(blockStarting('node examples/first-client.mjs'), scriptTokens, createClientInAthena);
  });
});
