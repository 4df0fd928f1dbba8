/**
 * The repository explains itself: every document a tracked file cites is in the repository.
 * (a) a `docs/…` path, a README.md or a relative Markdown link names a file that exists, a `#anchor`
 *     after a Markdown file's path names one of its headings, and a cited
 *     section of docs/compatibility.md, docs/architecture.md or docs/security.md (`§2.3`) exists;
 * (b) no file cites the design notes, reference documents or work items Olympus was started from,
 *     which live outside the repository (their facts are in docs/architecture.md, docs/compatibility.md
 *     and docs/security.md now);
 * (c) every security id a file cites (AS-n, ID-n, …) has its row in docs/security.md, and no source
 *     file cites an id that docs/security.md lists as "not yet".
 * test/docs.test.ts checks the troubleshooting pages (their sections and links); this file leaves
 * their relative links to it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SELF = 'test/docs-references.test.ts';

/** Text files whose comments and prose may cite documents. */
const SCANNED = /\.(?:ts|mts|js|mjs|cjs|md|sql|json|ya?ml|sh)$/;
const SKIPPED = new Set(['package-lock.json', SELF]);
/** Pages whose relative links test/docs.test.ts already checks. */
const LINKS_CHECKED_ELSEWHERE = 'docs/troubleshooting/';

/** Documents and numbered work items outside the repository that nothing may cite any more. */
const OUTSIDE_DOCUMENTS = /\bDESIGN\.md\b|\bDESIGN §|\bory-api(?:\.md)?\b|\bsecurity[- ]checklist\b|\bcapabilities-research\b|\bstyle-anchors\b|\.\.\/shared\b|\bissue \d\b/gi;
/** A repository path under docs/, not part of a URL or of a longer relative path. */
const DOCS_PATH = /(?<![\w./-])docs\/[\w./-]*(?:#[\w-]+)?/g;
/** A README.md, with the folders in front of it. */
const README_PATH = /(?<![\w/.:-])(?:\.{1,2}\/|[\w-]+\/)*README\.md/g;
/** `[text](target)` in Markdown. */
const MARKDOWN_LINK = /\]\(([^)\s]+)\)/g;
/** The numbered documents: a citation such as `docs/compatibility.md §2.1` must name a heading of theirs. */
const NUMBERED = ['compatibility', 'architecture', 'security'];
/** `docs/compatibility.md §2.1, §2.3` or `[compatibility](../compatibility.md) §5.3` — the document and the numbers after it. */
const SECTION_CITATION = new RegExp(`(?:docs/|\\]\\((?:\\.\\./)*)(${NUMBERED.join('|')})\\.md\\)?((?:(?:[\\s*,;&–]|//|--|and)*§\\s?\\d+(?:\\.\\d+)*)+)`, 'g');

interface Finding {
  file: string;
  line: number;
  reference: string;
}

interface Citations {
  outside: Finding[];
  docsPaths: Finding[];
  readmes: Finding[];
  links: Finding[];
  sections: (Finding & { doc: string; section: string })[];
}

const lineOf = (text: string, index: number): number => text.slice(0, index).split('\n').length;

/** A heading's anchor as GitHub makes it: lower case, punctuation but `-` and `_` dropped, spaces as `-`. */
const slugOf = (heading: string): string => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}_\- ]/gu, '').replaceAll(' ', '-');

/** The anchors of a Markdown text's headings (outside fenced code), a repeated one numbered `-1`, `-2` as GitHub does. */
const anchorsOf = (markdown: string): Set<string> => {
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (line.trimStart().startsWith('```')) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const slug = slugOf((heading[1] as string).replace(/`/g, ''));
    let unique = slug;
    for (let n = 1; anchors.has(unique); n += 1) unique = `${slug}-${n}`;
    anchors.add(unique);
  }
  return anchors;
};

/** Whether `#anchor` of a path (repository-relative) names a heading of that Markdown file; a path without one, or not Markdown, passes. */
const anchorExists = (path: string): boolean => {
  const [file, anchor] = path.split('#') as [string, string | undefined];
  if (anchor === undefined || anchor === '' || !file.endsWith('.md') || !existsSync(join(root, file))) return true;
  return anchorsOf(readFileSync(join(root, file), 'utf8')).has(decodeURIComponent(anchor).toLowerCase());
};

const findAll = (file: string, text: string, pattern: RegExp, group = 0): Finding[] =>
  [...text.matchAll(pattern)].map((m) => ({ file, line: lineOf(text, m.index), reference: m[group] as string }));

/** Everything a file's text cites, before any check against the file system. */
const citationsOf = (file: string, text: string): Citations => ({
  outside: findAll(file, text, OUTSIDE_DOCUMENTS),
  docsPaths: findAll(file, text, DOCS_PATH).map((f) => ({ ...f, reference: f.reference.replace(/[.,:;]+$/, '') })),
  readmes: findAll(file, text, README_PATH),
  links: file.endsWith('.md')
    ? findAll(file, text, MARKDOWN_LINK, 1).filter((f) => !/^[a-z][a-z0-9+.-]*:/i.test(f.reference) && !f.reference.startsWith('#'))
    : [],
  sections: [...text.matchAll(SECTION_CITATION)].flatMap((m) =>
    [...(m[2] as string).matchAll(/§\s?(\d+(?:\.\d+)*)/g)].map((s) => ({
      file, line: lineOf(text, m.index), doc: `docs/${m[1]}.md`, section: s[1] as string, reference: `docs/${m[1]}.md §${s[1]}`,
    }))),
});

/** The security ids a text cites, for the prefixes docs/security.md defines. */
const securityIdsIn = (file: string, text: string, prefixes: readonly string[]): Finding[] =>
  prefixes.length === 0 ? [] : findAll(file, text, new RegExp(`\\b(?:${prefixes.join('|')})-\\d+\\b`, 'g'));

/** Section numbers of a numbered document: headings such as `## 2. …` or `### 2.3 …`. */
const sectionNumbersOf = (markdown: string): Set<string> =>
  new Set([...markdown.matchAll(/^#{2,4}\s+(\d+(?:\.\d+)*)\.?\s/gm)].map((m) => m[1] as string));

/** The ids docs/security.md defines (its table rows), and those it reserves under "Not yet". */
const securityIdsOf = (markdown: string): { defined: Set<string>; notYet: Set<string> } => {
  const defined = new Set<string>();
  const notYet = new Set<string>();
  let inNotYet = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('## ')) inNotYet = /not yet/i.test(line);
    const row = /^\|\s*([A-Z]{2,3}-\d+)\s*\|/.exec(line);
    if (!row) continue;
    defined.add(row[1] as string);
    if (inNotYet) notYet.add(row[1] as string);
  }
  return { defined, notYet };
};

const trackedFiles = (): string[] =>
  execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter((f) => SCANNED.test(f) && !SKIPPED.has(f));

const readText = (file: string): string | undefined => {
  const path = join(root, file);
  if (!existsSync(path)) return undefined; // deleted in the working tree, not yet committed
  const bytes = readFileSync(path);
  return bytes.includes(0) ? undefined : bytes.toString('utf8');
};

const texts = new Map(trackedFiles().flatMap((file) => {
  const text = readText(file);
  return text === undefined ? [] : [[file, text] as const];
}));

/** Fails with one line per finding: which file, which line, which reference, and why it is wrong. */
const assertNone = (findings: Finding[], heading: string, why: string): void => {
  const lines = findings.map((f) => `  ${f.file}:${f.line}: ${f.reference} — ${why}`);
  assert.ok(findings.length === 0, `${heading} (${findings.length}):\n${lines.join('\n')}`);
};

/** Resolves a path as written in `file`: `./` and `../` from the file's folder, anything else from there or from the root. */
const resolvesFrom = (file: string, target: string): boolean => {
  const clean = decodeURIComponent(target.split('#')[0] as string);
  if (clean === '') return true;
  const fromFile = existsSync(join(root, posix.join(dirname(file), clean)));
  return fromFile || (!clean.startsWith('.') && existsSync(join(root, clean)));
};

const citations = [...texts].map(([file, text]) => citationsOf(file, text));

describe('documents cited by tracked files exist in the repository', () => {
  test('every docs/… path names an existing file or folder', () => {
    const missing = citations.flatMap((c) => c.docsPaths).filter((f) => !existsSync(join(root, f.reference.split('#')[0] as string)));
    assertNone(missing, 'Paths under docs/ that do not exist', 'no such file in the repository');
  });

  test('every #anchor after a cited Markdown path or in a relative Markdown link names a heading of that file', () => {
    const linked = citations.flatMap((c) => c.links).map((f) => ({ ...f, path: posix.join(dirname(f.file), f.reference) }));
    const cited = citations.flatMap((c) => c.docsPaths).map((f) => ({ ...f, path: f.reference }));
    const missing = [...cited, ...linked].filter((f) => f.path.includes('#') && !anchorExists(f.path));
    assertNone(missing, 'Anchors that name no heading', 'no heading with that anchor in the file');
  });

  test('every README.md named exists', () => {
    const missing = citations.flatMap((c) => c.readmes).filter((f) => !resolvesFrom(f.file, f.reference));
    assertNone(missing, 'README files that do not exist', 'no such README');
  });

  test('every relative Markdown link points at an existing file', () => {
    const missing = citations
      .flatMap((c) => c.links)
      .filter((f) => !f.file.startsWith(LINKS_CHECKED_ELSEWHERE))
      .filter((f) => !existsSync(join(root, posix.join(dirname(f.file), decodeURIComponent(f.reference.split('#')[0] as string)))));
    assertNone(missing, 'Broken relative links', 'the link target does not exist');
  });

  test('every cited section of docs/compatibility.md, docs/architecture.md and docs/security.md exists', () => {
    const numbers = new Map(NUMBERED.map((name) => [`docs/${name}.md`, sectionNumbersOf(texts.get(`docs/${name}.md`) ?? '')]));
    const missing = citations.flatMap((c) => c.sections).filter((f) => !numbers.get(f.doc)?.has(f.section));
    assertNone(missing, 'Cited sections that do not exist', 'no heading with that number');
  });

  test('no file cites the design notes or reference documents kept outside the repository', () => {
    const found = citations.flatMap((c) => c.outside);
    assertNone(found, 'Citations of documents outside the repository (cite docs/architecture.md, docs/compatibility.md §N, docs/security.md <id>, docs/decisions/… or the RFC instead)', 'not in the repository');
  });
});

describe('security ids', () => {
  const { defined, notYet } = securityIdsOf(texts.get('docs/security.md') ?? '');
  const prefixes = [...new Set([...defined].map((id) => id.split('-')[0] as string))];
  const cited = [...texts].flatMap(([file, text]) => securityIdsIn(file, text, prefixes));

  test('docs/security.md defines the AS and ID ids', () => {
    assert.ok(prefixes.includes('AS') && prefixes.includes('ID'), `docs/security.md defines the prefixes ${prefixes.join(', ') || '(none)'}`);
  });

  test('every cited security id is defined in docs/security.md', () => {
    const undefinedIds = cited.filter((f) => !defined.has(f.reference));
    assertNone(undefinedIds, 'Security ids without a row in docs/security.md', 'add its row or fix the id');
  });

  test('no source file cites an id docs/security.md lists as not yet provided', () => {
    const premature = cited.filter((f) => notYet.has(f.reference) && !f.file.endsWith('.md'));
    assertNone(premature, 'Ids cited as if they were guaranteed', 'docs/security.md lists it under "Not yet"');
  });
});

test('the extractors find what they are meant to find, and leave URLs alone', () => {
  const outside = ['DESIGN', '.md'].join('');
  const sample = [
    `// see ${outside} §7 and reference/${'ory'}-api.md §2.1, security-${'checklist'} AS-7 (issue ${3} §7; hydra issue 2585)`,
    ' * docs/compatibility.md §2.1, §2.3 and',
    ' * §2.4; docs/architecture.md §5. See [compatibility](../compatibility.md) §5.3.',
    '`${base}/docs/troubleshooting/x` and new URL(\'../docs/configuration.md\', import.meta.url)',
    'docs/operations/hera.md. bench/README.md [a](../x.md) [b](https://example.com/y.md) [c](#top)',
  ].join('\n');
  const found = citationsOf('docs/sample.md', sample);
  assert.deepEqual(found.outside.map((f) => f.reference), [outside, 'ory-api.md', 'security-checklist', 'issue 3']);
  assert.deepEqual(found.sections.map((f) => f.reference), ['docs/compatibility.md §2.1', 'docs/compatibility.md §2.3', 'docs/compatibility.md §2.4', 'docs/architecture.md §5', 'docs/compatibility.md §5.3']);
  assert.deepEqual(found.docsPaths.map((f) => f.reference), ['docs/compatibility.md', 'docs/architecture.md', 'docs/operations/hera.md']);
  assert.deepEqual(citationsOf('x.ts', 'see docs/troubleshooting/invalid_request.md#cause-pkce_missing.').docsPaths.map((f) => f.reference), ['docs/troubleshooting/invalid_request.md#cause-pkce_missing']);
  assert.deepEqual([...anchorsOf('# Title\n## Cause: `pkce_missing`\n```\n## not a heading\n```\n### Fix\n### Fix\n')], ['title', 'cause-pkce_missing', 'fix', 'fix-1']);
  assert.deepEqual(found.readmes.map((f) => f.reference), ['bench/README.md']);
  assert.deepEqual(found.links.map((f) => f.reference), ['../compatibility.md', '../x.md']);
  assert.deepEqual(securityIdsIn('x.ts', 'AS-7, ID-1..ID-4, SHA-256, CVE-2020, UUID-4', ['AS', 'ID']).map((f) => f.reference), ['AS-7', 'ID-1', 'ID-4']);
  assert.deepEqual([...sectionNumbersOf('## 1. Parts\n### 1.2 Admin\n#### 5.10 x\n# 9 title\n')], ['1', '1.2', '5.10']);
  const ids = securityIdsOf('## 1. A\n| id | p |\n|---|---|\n| AS-1 | x |\n## 3. Not yet\n| AS-18 | y |\n');
  assert.deepEqual([[...ids.defined], [...ids.notYet]], [['AS-1', 'AS-18'], ['AS-18']]);
});
