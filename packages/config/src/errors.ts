/**
 * Thrown for every configuration problem. The message lists each issue on its own line, so the
 * operator fixes all of them in one go; `issues` holds the same lines for programs and tests.
 */
export class ConfigError extends Error {
  readonly issues: readonly string[];

  constructor(summary: string, issues: readonly string[] = []) {
    super(issues.length === 0 ? summary : [summary, ...issues.map((issue) => `  - ${issue}`)].join('\n'));
    this.name = 'ConfigError';
    this.issues = issues;
  }
}
