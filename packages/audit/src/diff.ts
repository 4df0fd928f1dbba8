/**
 * What a change changed, field by field: the two states are walked side by side and every leaf that
 * differs becomes one entry named by its JSON Pointer (RFC 6901). Arrays are compared whole (a
 * redirect URI list reads better as "this list, then that one" than index by index). A secret member
 * is compared on its real value, so "the client secret changed" is recorded, but both sides are
 * stored masked (redact.ts).
 */
import { isDeepStrictEqual } from 'node:util';
import type { AuditFieldChange } from './event.ts';
import { isPlainObject, isSecretMember, mask, redact } from './redact.ts';

/** RFC 6901 §3: `~` and `/` inside a name are escaped. */
const pointer = (parent: string, name: string): string => `${parent}/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`;

const change = (path: string, before: unknown, after: unknown): AuditFieldChange => ({
  path,
  ...(before === undefined ? {} : { before }),
  ...(after === undefined ? {} : { after }),
});

/** An absent side is walked as an empty object, so a created or deleted object lists its fields one by one. */
const asObject = (value: unknown): Record<string, unknown> | undefined =>
  isPlainObject(value) ? value : value === undefined ? {} : undefined;

const walk = (path: string, before: unknown, after: unknown, out: AuditFieldChange[]): void => {
  const [b, a] = [asObject(before), asObject(after)];
  if (b === undefined || a === undefined || (before === undefined && after === undefined)) {
    if (!isDeepStrictEqual(before, after)) out.push(change(path, redact(before), redact(after)));
    return;
  }
  for (const name of new Set([...Object.keys(b), ...Object.keys(a)])) {
    const here = pointer(path, name);
    // Judged on the side that has the member: a removed credential is no secret because it is gone.
    if ((Object.hasOwn(b, name) && isSecretMember(name, b)) || (Object.hasOwn(a, name) && isSecretMember(name, a))) {
      if (!isDeepStrictEqual(b[name], a[name])) out.push(change(here, mask(b[name]), mask(a[name])));
    } else {
      walk(here, b[name], a[name], out);
    }
  }
};

/** The fields that differ between `before` and `after` (either may be absent: a creation, a deletion), secrets masked. */
export const diffOf = (before: unknown, after: unknown): AuditFieldChange[] => {
  const out: AuditFieldChange[] = [];
  walk('', before, after, out);
  return out;
};
