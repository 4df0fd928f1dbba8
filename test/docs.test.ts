/**
 * The troubleshooting promise of docs/architecture.md §5: every OAuth2 error code and every identity-server error id
 * Olympus can emit has a page at docs/troubleshooting/<code>.md (error hints link there) with the sections
 * Cause, How to see it and Fix, and the README index links every page. Adding a code to
 * OAUTH2_ERROR_CODES or IDENTITY_ERROR_IDS without a page fails here.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { IDENTITY_ERROR_IDS } from '@olympus/identity';
import { OAUTH2_ERROR_CODES } from '@olympus/oauth2';

const DIR = new URL('../docs/troubleshooting/', import.meta.url);
/** Pages that are not OAuth2 error codes: start-up refusals. */
const EXTRA_PAGES = ['config_error'];
const PAGES: string[] = [...new Set<string>([...OAUTH2_ERROR_CODES, ...IDENTITY_ERROR_IDS, ...EXTRA_PAGES])];
const SECTIONS = ['Cause', 'How to see it', 'Fix'];
const MIN_LINES = 30;
const MAX_LINES = 80;

const read = (name: string): Promise<string> => readFile(new URL(name, DIR), 'utf8');

/** The page's lines outside fenced code blocks, so a "## " inside an example is not a heading. */
const proseLines = (text: string): string[] => {
  let fenced = false;
  return text.split('\n').filter((line) => {
    if (line.trimStart().startsWith('```')) fenced = !fenced;
    return !fenced && !line.trimStart().startsWith('```');
  });
};

/** The level-2 sections of a page with their body text. */
const sectionsOf = (text: string): { title: string; body: string }[] => {
  const sections: { title: string; body: string[] }[] = [];
  for (const line of proseLines(text)) {
    if (line.startsWith('## ')) sections.push({ title: line.slice(3).trim(), body: [] });
    else sections.at(-1)?.body.push(line);
  }
  return sections.map((s) => ({ title: s.title, body: s.body.join('\n').trim() }));
};

/** Relative Markdown links (`[text](target.md)`), without anchors. */
const relativeLinks = (text: string): string[] =>
  [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((t) => !/^[a-z]+:/i.test(t) && !t.startsWith('#')).map((t) => t.split('#')[0]);

describe('troubleshooting pages', () => {
  test('OAUTH2_ERROR_CODES and IDENTITY_ERROR_IDS are non-empty and every code can be served as /docs/troubleshooting/<code>', () => {
    assert.ok(OAUTH2_ERROR_CODES.length >= 20);
    assert.ok(IDENTITY_ERROR_IDS.length >= 10);
    for (const code of PAGES) assert.match(code, /^[a-z0-9_]+$/, `${code} is not a servable page name`);
  });

  for (const code of PAGES) {
    test(`${code}.md has the title and the sections ${SECTIONS.join(', ')}`, async () => {
      const text = await read(`${code}.md`).catch(() => assert.fail(`docs/troubleshooting/${code}.md is missing`));
      assert.equal(text.split('\n')[0], `# ${code}`, `${code}.md must start with "# ${code}"`);
      const sections = sectionsOf(text);
      assert.deepEqual(sections.map((s) => s.title), SECTIONS, `${code}.md must have exactly the sections ${SECTIONS.join(', ')}, in order`);
      for (const { title, body } of sections) assert.ok(body.length > 0, `${code}.md: section "${title}" is empty`);
      const fix = sections.find((s) => s.title === 'Fix')!.body;
      assert.match(fix, /^1\. /m, `${code}.md: Fix must be numbered steps`);
      assert.match(fix, /^2\. /m, `${code}.md: Fix must have more than one step`);
      const lines = text.trimEnd().split('\n').length;
      assert.ok(lines >= MIN_LINES && lines <= MAX_LINES, `${code}.md has ${lines} lines; keep it within ${MIN_LINES}–${MAX_LINES}`);
    });
  }

  test('the README index links every page from its own table row', async () => {
    const index = await read('README.md');
    for (const code of PAGES) {
      const row = index.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
      assert.ok(row, `README.md has no table row for ${code}`);
      assert.ok(row.includes(`](${code}.md)`), `README.md's row for ${code} does not link ${code}.md`);
    }
  });

  test('every page in the folder belongs to a known code (no stale pages)', async () => {
    const files = (await readdir(DIR)).filter((f) => f.endsWith('.md') && f !== 'README.md');
    // Guides such as tracing-causes.md are named with hyphens; an error code never has one.
    const unknown = files.map((f) => f.slice(0, -3)).filter((name) => !PAGES.includes(name) && !name.includes('-'));
    assert.deepEqual(unknown, [], 'pages for codes that neither OAUTH2_ERROR_CODES nor IDENTITY_ERROR_IDS lists');
  });

  test('relative links in the README and the pages point at existing files', async () => {
    for (const name of ['README.md', ...PAGES.map((code) => `${code}.md`)]) {
      const text = await read(name).catch(() => '');
      for (const target of relativeLinks(text)) {
        assert.ok(existsSync(new URL(target, DIR)), `${name} links ${target}, which does not exist`);
      }
    }
  });
});
