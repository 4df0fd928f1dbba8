/**
 * Schema issues with where they came from: the config file (with line) or an environment variable,
 * in file order.
 */
import { describeErrors } from './describe.ts';
import { envSourceOf, type EnvOverride } from './env.ts';
import type { ConfigFile } from './file.ts';
import { schemaErrors } from './validate.ts';

export const checkedIssues = (input: unknown, file: ConfigFile | undefined, fromEnv: readonly EnvOverride[]): string[] =>
  describeErrors(schemaErrors(input))
    .map((issue) => {
      const env = envSourceOf(issue.path, fromEnv);
      if (env) return { text: `${env.name}: ${issue.message}`, line: Infinity };
      if (!file) return { text: issue.message, line: Infinity };
      const line = file.lineOf(issue.path, issue.atKey);
      return { text: `${file.name}: ${issue.message}${line ? `, line ${line}` : ''}`, line: line ?? Infinity };
    })
    .sort((a, b) => (a.line === b.line ? 0 : a.line < b.line ? -1 : 1))
    .map((issue) => issue.text);
