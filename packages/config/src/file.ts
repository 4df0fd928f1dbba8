/**
 * Reads the YAML config file. A missing file or a syntax error is a ConfigError naming the file
 * (and line); the parsed document is kept so later schema errors can point at their line too.
 */
import { readFile } from 'node:fs/promises';
import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { ConfigPath } from './describe.ts';
import { ConfigError } from './errors.ts';

export interface ConfigFile {
  /** The path as the operator gave it, for messages. */
  name: string;
  data: unknown;
  /** 1-based line of the value at `path` (or of its key), when the file has it. */
  lineOf(path: ConfigPath, atKey?: boolean): number | undefined;
}

const readText = async (name: string, absolute: string): Promise<string> => {
  try {
    return await readFile(absolute, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a directory' : `${code ?? String(err)}`;
    throw new ConfigError(`Cannot read the config file ${name}: ${why} (looked at ${absolute}).`);
  }
};

const lineFinder = (doc: Document, lines: LineCounter) => (path: ConfigPath, atKey = false): number | undefined => {
  let offset: number | undefined;
  if (atKey) {
    const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
    const key = path[path.length - 1];
    const pair = isMap(parent) ? parent.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
    offset = isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
  } else {
    const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
    offset = node?.range?.[0];
  }
  return offset === undefined ? undefined : lines.linePos(offset).line;
};

export const readConfigFile = async (name: string, absolute: string): Promise<ConfigFile> => {
  const text = await readText(name, absolute);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      `The config file ${name} is not valid YAML:`,
      doc.errors.map((e) => `${name}: line ${e.linePos?.[0].line ?? '?'}, column ${e.linePos?.[0].col ?? '?'}: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`),
    );
  }
  return { name, data: doc.toJS() ?? {}, lineOf: lineFinder(doc, lines) };
};
