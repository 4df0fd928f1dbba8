#!/usr/bin/env node
/**
 * Your first OAuth2 client, with nothing but Node's standard library: the Authorization Code flow
 * with PKCE (RFC 6749 §4.1, RFC 7636) against a running Olympus, as a public client.
 *
 *   node examples/first-client.mjs <client-id>
 *
 * It builds the PKCE pair, prints the authorization URL, waits for the browser on
 * http://localhost:8765/callback, exchanges the code and prints the tokens and the ID token's claims.
 * Olympus' public URL is $OLYMPUS_PUBLIC_URL, else http://localhost:4444. Plain JavaScript (no
 * dependencies) so any Node ≥ 18 runs it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

const CLIENT_ID = process.argv[2];
const OLYMPUS = (process.env.OLYMPUS_PUBLIC_URL || 'http://localhost:4444').replace(/\/+$/, '');
const REDIRECT_URI = 'http://localhost:8765/callback';
const SCOPE = 'openid profile email';

if (!CLIENT_ID) {
  console.error('usage: node examples/first-client.mjs <client-id>   (create one with: npm run olympus -- create client …)');
  process.exit(2);
}

// 1. A fresh PKCE pair (RFC 7636 §4.1: 32 random bytes → 43 characters; §4.2: S256), state against
//    forged callbacks (RFC 6749 §10.12) and a nonce the ID token must echo (OIDC Core §3.1.2.1).
const random = () => randomBytes(32).toString('base64url');
const codeVerifier = random();
const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');
const state = random();
const nonce = random();

// 2. The URL the user opens.
const authorizeUrl = new URL(`${OLYMPUS}/oauth2/auth`);
authorizeUrl.search = new URLSearchParams({
  client_id: CLIENT_ID,
  response_type: 'code',
  redirect_uri: REDIRECT_URI,
  scope: SCOPE,
  state,
  nonce,
  code_challenge: codeChallenge,
  code_challenge_method: 'S256',
}).toString();

/** The JWT's payload, decoded for display only: a real app verifies the signature (e.g. with jose). */
const claimsOf = (jwt) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));

const fail = (res, message) => {
  res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end(`${message}\n`);
  console.error(message);
  process.exitCode = 1;
  server.close();
};

// 4. The code, with the verifier only this process knows, buys the tokens (RFC 6749 §4.1.3).
const exchange = async (code) => {
  const response = await fetch(`${OLYMPUS}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: CLIENT_ID, code, redirect_uri: REDIRECT_URI, code_verifier: codeVerifier }),
  });
  return { ok: response.ok, tokens: await response.json() };
};

// 3. The callback: check state, then take the code or report the error Olympus sent back.
const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', REDIRECT_URI);
  if (url.pathname !== '/callback') return void res.writeHead(404).end();
  const params = url.searchParams;
  if (params.get('state') !== state) return fail(res, 'state mismatch: this callback does not answer our request');
  if (params.has('error')) return fail(res, `authorization failed: ${params.get('error')}: ${params.get('error_description') ?? ''}`);
  const { ok, tokens } = await exchange(params.get('code') ?? '');
  if (!ok) return fail(res, `token exchange failed: ${JSON.stringify(tokens)}`);
  const claims = claimsOf(tokens.id_token);
  if (claims.nonce !== nonce) return fail(res, 'the ID token does not carry our nonce');
  res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end('Signed in. The tokens are in the terminal.\n');
  console.log(`Tokens:\n${JSON.stringify(tokens, null, 2)}`);
  console.log(`ID token claims (decoded, signature not checked):\n${JSON.stringify(claims, null, 2)}`);
  server.close();
});

server.listen(8765, 'localhost', () => {
  console.log(`Open this URL in a browser:\n\n  ${authorizeUrl}\n\nListening on ${REDIRECT_URI} …`);
});
