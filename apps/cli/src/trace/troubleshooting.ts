/**
 * The troubleshooting page of an error code: docs/troubleshooting/<code>.md has a page per OAuth2
 * and identity error code (docs/troubleshooting/README.md); a form's message id (4000006) has none.
 * The page is named only when the file is there, so the link printed is never dead.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const TROUBLESHOOTING_DIR = new URL('../../../../docs/troubleshooting/', import.meta.url);

/** Error codes are snake_case words; anything else (a message id, a path) names no page. */
const ERROR_CODE = /^[a-z][a-z0-9_]*$/;

export const troubleshootingPage = (errorCode: string | null): string | undefined => {
  if (errorCode === null || !ERROR_CODE.test(errorCode)) return undefined;
  const page = new URL(`${errorCode}.md`, TROUBLESHOOTING_DIR);
  return existsSync(fileURLToPath(page)) ? `docs/troubleshooting/${errorCode}.md` : undefined;
};
