/**
 * Reads an identity schema from its configured location: `file://<path>` (relative paths from the
 * working directory) or `base64://<JSON>`. Remote URLs are not fetched: a schema is configuration,
 * and fetching it at start would make a node's start depend on another server.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export class SchemaSourceError extends Error {}

const readFile = (url: string, cwd: string): string => {
  const rest = url.slice('file://'.length);
  // file:///abs/path is a proper file URL; file://relative/path is the Kratos shorthand.
  const path = rest.startsWith('/') ? fileURLToPath(url) : resolve(cwd, rest);
  return readFileSync(isAbsolute(path) ? path : resolve(cwd, path), 'utf8');
};

/** The parsed schema document; throws SchemaSourceError naming the schema and the problem. */
export const readSchemaSource = (id: string, url: string, cwd: string): Record<string, unknown> => {
  let text: string;
  try {
    if (url.startsWith('file://')) text = readFile(url, cwd);
    else if (url.startsWith('base64://')) text = Buffer.from(url.slice('base64://'.length), 'base64').toString('utf8');
    else throw new SchemaSourceError(`use file://<path> or base64://<JSON>, not ${JSON.stringify(url)}`);
  } catch (err) {
    throw new SchemaSourceError(`Identity schema "${id}" cannot be read: ${(err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new SchemaSourceError(`Identity schema "${id}" is not JSON: ${(err as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new SchemaSourceError(`Identity schema "${id}" must be a JSON object (a JSON Schema with "properties.traits").`);
  }
  return parsed as Record<string, unknown>;
};
