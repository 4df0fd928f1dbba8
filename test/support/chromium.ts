/**
 * Real headless Chromium for end-to-end tests: playwright-core driving Debian's /usr/bin/chromium
 * (never a browser Playwright downloads), a page that records each hop of the network chain, PNG
 * screenshots under test-output/screenshots/, and axe-core's accessibility check.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { ensureChromium } from '../../scripts/ensure-chromium.ts';

/**
 * Without the background-networking flags Chromium keeps dialling Google's hosts, which this
 * machine's closed network refuses; --no-sandbox because the tests run as root.
 */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const root = fileURLToPath(new URL('../..', import.meta.url));
export const SCREENSHOT_DIR = join(root, 'test-output', 'screenshots');

/**
 * Playwright refuses an explicit --user-data-dir in `args` (it reserves it for persistent contexts);
 * `launch` itself gives every browser a new empty profile directory in tmpdir and deletes it on close.
 */
export const launchBrowser = async (): Promise<Browser> =>
  chromium.launch({ executablePath: await ensureChromium(), args: CHROMIUM_FLAGS, timeout: 60_000 });

/** One hop of the browser's network chain: a redirect (3xx with its Location) or a final response. */
export interface NetworkHop {
  method: string;
  url: string;
  status: number;
  location: string | null;
  /** The response's X-Request-Id: what Olympus' trace events of this hop name. */
  requestId: string | null;
}

export interface TracedPage {
  page: Page;
  context: BrowserContext;
  /** Every response the page received, redirect hops included, in arrival order. */
  network: NetworkHop[];
  close(): Promise<void>;
}

const hopOf = async (request: Request): Promise<NetworkHop | undefined> => {
  const response = await request.response();
  if (!response) return undefined;
  const headers = response.headers();
  return { method: request.method(), url: request.url(), status: response.status(), location: headers.location ?? null, requestId: headers['x-request-id'] ?? null };
};

/** The hops that led to `request`, oldest first, following Chromium's own redirect chain. */
export const redirectChain = async (request: Request): Promise<NetworkHop[]> => {
  const requests: Request[] = [];
  for (let r: Request | null = request; r; r = r.redirectedFrom()) requests.unshift(r);
  const hops = await Promise.all(requests.map(hopOf));
  return hops.filter((h): h is NetworkHop => h !== undefined);
};

/** A page in its own context (own cookies), recording the status and Location of every hop. */
export const newPage = async (browser: Browser): Promise<TracedPage> => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const network: NetworkHop[] = [];
  page.on('response', (response) => {
    const request = response.request();
    const headers = response.headers();
    network.push({ method: request.method(), url: response.url(), status: response.status(), location: headers.location ?? null, requestId: headers['x-request-id'] ?? null });
  });
  return { page, context, network, close: () => context.close() };
};

/** Saves a full-page PNG as test-output/screenshots/<name>.png and returns its path. */
export const screenshot = async (page: Page, name: string): Promise<string> => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
};

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

const axeSource = (): string => {
  const require = createRequire(import.meta.url);
  return readFileSync(join(dirname(require.resolve('axe-core')), 'axe.min.js'), 'utf8');
};

/**
 * Runs axe-core on the whole page and returns its violations. The source is evaluated through the
 * DevTools protocol, which the page's CSP does not govern, so the page keeps its strict CSP.
 */
export const checkAccessibility = async (page: Page): Promise<AxeViolation[]> => {
  await page.evaluate(axeSource());
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    const { violations } = await axe.run();
    return violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
};

/** A readable summary for an assertion message. */
export const describeViolations = (violations: AxeViolation[]): string =>
  violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`).join('\n');
