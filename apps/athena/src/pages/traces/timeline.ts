/**
 * The chain drawn as a timeline: one mark per stop in chain order, numbered with the stop's number
 * (docs/operations/tracing.md, "Stops"), named, and timed from the first stop; the failing stop is
 * drawn larger and red. It is a picture only (aria-hidden): the ordered list under it says the same
 * to a screen reader. Server-rendered SVG, no script, presentation attributes only (the page CSP
 * allows no inline style).
 */
import { html, type SafeHtml } from '@olympus/http';
import { TRACE_STOPS, type TraceEvent } from '@olympus/trace';

const SLOT = 96;
const HEIGHT = 112;
const LINE_Y = 56;
/** Room at the sides for the name of a first or last stop, wider than its slot. */
const PAD = 16;
const COLOURS = { ok: '#1a7f37', refused: '#9a6700', error: '#9a6700', failing: '#b3261e' } as const;

/** `+1.25 s` after the first stop. */
export const offsetText = (from: string, at: string): string => {
  const ms = Date.parse(at) - Date.parse(from);
  return ms < 1000 ? `+${ms} ms` : `+${(ms / 1000).toFixed(ms < 10_000 ? 2 : 0)} s`;
};

/** Marks per row of the narrow drawing: three fit a 320 px screen at full size. */
const NARROW_ROW = 3;

const mark = (event: TraceEvent, index: number, perRow: number, first: string, failing: boolean): SafeHtml => {
  const x = SLOT / 2 + (index % perRow) * SLOT;
  const lineY = LINE_Y + Math.floor(index / perRow) * HEIGHT;
  const radius = failing ? 17 : 13;
  const colour = failing ? COLOURS.failing : COLOURS[event.outcome];
  // Names alternate above and below the line so neighbours never overlap.
  const above = index % 2 === 0;
  const nameY = above ? lineY - 28 : lineY + 36;
  const timeY = above ? lineY - 42 : lineY + 50;
  return html`<g class="mark${failing ? ' failing' : ''}">
<circle cx="${x}" cy="${lineY}" r="${radius}" fill="${colour}"${failing ? html` stroke="#1f2328" stroke-width="3"` : html``}/>
<text x="${x}" y="${lineY + 5}" text-anchor="middle" font-size="14" font-weight="700" fill="#fff">${TRACE_STOPS[event.stop].number}</text>
<text x="${x}" y="${nameY}" text-anchor="middle" font-size="11" fill="#1f2328"${failing ? html` font-weight="700"` : html``}>${event.stop}</text>
<text x="${x}" y="${timeY}" text-anchor="middle" font-size="10" fill="#57606a">${offsetText(first, event.time)}</text>
</g>`;
};

/** One drawing with `perRow` marks per row, each row on its own line. */
const drawing = (events: readonly TraceEvent[], failingEventId: string | undefined, perRow: number, className: string): SafeHtml => {
  const rows = Math.max(1, Math.ceil(events.length / perRow));
  const width = Math.max(1, Math.min(events.length, perRow)) * SLOT;
  const first = events[0]?.time ?? '';
  const lines = Array.from({ length: rows }, (_, row) => {
    const inRow = Math.min(perRow, events.length - row * perRow);
    const y = LINE_Y + row * HEIGHT;
    return html`<line x1="${SLOT / 2}" y1="${y}" x2="${SLOT / 2 + (inRow - 1) * SLOT}" y2="${y}" stroke="#6e7781" stroke-width="2"/>`;
  });
  return html`<svg class="${className}" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg" viewBox="${-PAD} 0 ${width + 2 * PAD} ${rows * HEIGHT}" width="${width + 2 * PAD}" height="${rows * HEIGHT}">
${lines}
${events.map((event, index) => mark(event, index, perRow, first, event.id === failingEventId))}
</svg>`;
};

/** The whole chain on one row; on a narrow screen (the stylesheet's 40em breakpoint) three stops a row instead. */
export const timeline = (events: readonly TraceEvent[], failingEventId: string | undefined): SafeHtml =>
  html`<div class="timeline">${drawing(events, failingEventId, Math.max(1, events.length), 'wide')}${drawing(events, failingEventId, NARROW_ROW, 'narrow')}</div>`;
