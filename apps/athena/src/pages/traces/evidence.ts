/**
 * A stop's evidence as label/value lines, like `olympus trace` prints it (apps/cli/src/trace/render-chain.ts):
 * nested members dotted (`csrf.cookie_present`), arrays and scalars as JSON, strings bare. The values
 * are redacted before they are stored (docs/operations/tracing.md, "What is never stored").
 */
import { html, type SafeHtml } from '@olympus/http';
import type { EvidenceLine, TraceEvidence } from '@olympus/trace';

export const evidenceLines = (evidence: TraceEvidence, prefix = ''): EvidenceLine[] =>
  Object.entries(evidence).flatMap(([key, value]) => {
    const label = `${prefix}${key}`;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const nested = evidenceLines(value as TraceEvidence, `${label}.`);
      return nested.length > 0 ? nested : [{ label, value: '{}' }];
    }
    return [{ label, value: typeof value === 'string' ? value : JSON.stringify(value) ?? 'null' }];
  });

export const evidenceList = (lines: readonly EvidenceLine[]): SafeHtml =>
  html`<dl class="details evidence">${lines.map((l) => html`<dt>${l.label}</dt><dd><code>${l.value}</code></dd>`)}</dl>`;
