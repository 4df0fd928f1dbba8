/**
 * The last rule: any refused or failed stop no cause rule explains is named by its error code,
 * `error:<code>`, with the producer's hint as the fix and the stop's evidence as it was recorded.
 */
import type { TraceEvent } from '../../event.ts';
import { errorDocPage } from '../doc-pages.ts';
import type { EvidenceLine, TraceFinding } from '../finding.ts';
import { evidenceAt, shown, textAt } from '../read-evidence.ts';

/** Nested members become dotted labels (`csrf.cookie_present`), like the CLI prints raw evidence. */
const flatten = (value: unknown, prefix: string): EvidenceLine[] => {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([key, inner]) => flatten(inner, prefix === '' ? key : `${prefix}.${key}`));
  }
  return [{ label: prefix, value: shown(value) }];
};

const fixOf = (event: TraceEvent, code: string): string => {
  const hint = textAt(event, 'error_hint') ?? textAt(event, 'rejection_description');
  if (hint !== undefined && hint !== '') return hint;
  const ids = evidenceAt(event, 'message_ids');
  const messages = Array.isArray(ids) ? ids.filter((id) => typeof id === 'number' || typeof id === 'string').map(String) : [];
  if (messages.length > 0) return `The form was refused with message ${messages.join(', ')}; the user corrects the input and submits again (e.g. 4000006: wrong identifier or password).`;
  const page = errorDocPage(code);
  return page === '' ? 'Read the server log line of this request (its request id) for the reason.' : `Read ${page}, and the server log line of this request (its request id) for the hint.`;
};

export const explainByErrorCode = (event: TraceEvent): TraceFinding => {
  const code = event.errorCode ?? event.outcome;
  return {
    level: 'failure', stop: event.stop, eventId: event.id, cause: `error:${code}`,
    summary: `Stop ${event.stop} was ${event.outcome === 'error' ? 'a server error' : 'refused'} with ${code}.`,
    evidence: Object.keys(event.evidence).length === 0 ? [] : flatten(event.evidence, ''),
    fix: fixOf(event, code),
    docPage: errorDocPage(event.errorCode),
  };
};
