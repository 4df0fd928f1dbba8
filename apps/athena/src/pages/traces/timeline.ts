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
const COLOURS = { ok: '#1a7f37', refused: '#9a6700', error: '#9a6700', failing: '#b3261e' } as const;

/** `+1.25 s` after the first stop. */
export const offsetText = (from: string, at: string): string => {
  const ms = Date.parse(at) - Date.parse(from);
  return ms < 1000 ? `+${ms} ms` : `+${(ms / 1000).toFixed(ms < 10_000 ? 2 : 0)} s`;
};

const mark = (event: TraceEvent, index: number, first: string, failing: boolean): SafeHtml => {
  const x = SLOT / 2 + index * SLOT;
  const radius = failing ? 17 : 13;
  const colour = failing ? COLOURS.failing : COLOURS[event.outcome];
  // Names alternate above and below the line so neighbours never overlap.
  const above = index % 2 === 0;
  const nameY = above ? LINE_Y - 28 : LINE_Y + 36;
  const timeY = above ? LINE_Y - 42 : LINE_Y + 50;
  return html`<g class="mark${failing ? ' failing' : ''}">
<circle cx="${x}" cy="${LINE_Y}" r="${radius}" fill="${colour}"${failing ? html` stroke="#1f2328" stroke-width="3"` : html``}/>
<text x="${x}" y="${LINE_Y + 5}" text-anchor="middle" font-size="14" font-weight="700" fill="#fff">${TRACE_STOPS[event.stop].number}</text>
<text x="${x}" y="${nameY}" text-anchor="middle" font-size="11" fill="#1f2328"${failing ? html` font-weight="700"` : html``}>${event.stop}</text>
<text x="${x}" y="${timeY}" text-anchor="middle" font-size="10" fill="#57606a">${offsetText(first, event.time)}</text>
</g>`;
};

export const timeline = (events: readonly TraceEvent[], failingEventId: string | undefined): SafeHtml => {
  const width = Math.max(1, events.length) * SLOT;
  const first = events[0]?.time ?? '';
  return html`<div class="timeline"><svg aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${HEIGHT}" width="${width}" height="${HEIGHT}">
<line x1="${SLOT / 2}" y1="${LINE_Y}" x2="${width - SLOT / 2}" y2="${LINE_Y}" stroke="#6e7781" stroke-width="2"/>
${events.map((event, index) => mark(event, index, first, event.id === failingEventId))}
</svg></div>`;
};
