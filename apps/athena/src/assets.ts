/**
 * Athena's stylesheet and its one convenience script (copy to clipboard), served from the admin
 * origin, so the page CSP needs only 'self'. Every page works without the script.
 */
import type { FastifyInstance } from 'fastify';
import { FRAME_CSS, pageSchema } from '@olympus/http';

export const ASSETS = { css: '/athena/assets/athena.css', js: '/athena/assets/athena.js' } as const;

/** The shared frame's rules (FRAME_CSS, packages/http), then this app's own; axe-core checks every page's contrast. */
const CSS = `${FRAME_CSS}.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
header.top .who{margin-left:auto;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;font-size:.9rem}
header.top .who button{background:transparent;color:#fff;border:1px solid #fff;border-radius:4px;padding:.2rem .6rem;font:inherit;cursor:pointer}
.card{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:1rem;margin:0 0 1rem}
form.search{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 1rem}
form.search input{flex:1 1 12rem}
label{font-weight:600;display:block;margin:0 0 .25rem}
.field{margin:0 0 1rem}
fieldset{border:1px solid #d0d7de;border-radius:6px;margin:0 0 1rem;padding:.5rem 1rem}
fieldset label{font-weight:400;display:inline-flex;gap:.4rem;align-items:center;margin-right:1rem}
legend{font-weight:600}
input[type=text],input[type=url],input[type=search],input[type=email],select,textarea{width:100%;max-width:40rem;min-height:2.75rem;font:inherit;padding:.4rem .5rem;border:1px solid #6e7781;border-radius:4px;background:#fff;color:#1f2328}
button{min-height:2.75rem}
textarea{min-height:4.5rem}
.hint{color:#57606a;font-size:.9rem;margin:.2rem 0 0}
.error{color:#b3261e;font-weight:600;margin:.25rem 0 0}
[role=alert]{border-left:4px solid #b3261e;background:#fff5f5;padding:.5rem 1rem;margin:0 0 1rem}
[role=status]{border-left:4px solid #0b4fc4;background:#f0f6ff;padding:.5rem 1rem;margin:0 0 1rem}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:.5rem;border-bottom:1px solid #d0d7de;vertical-align:top;overflow-wrap:anywhere}
dl.details{display:grid;grid-template-columns:minmax(8rem,14rem) 1fr;gap:.4rem 1rem;margin:0}
dl.details dt{font-weight:600}
dl.details dd{margin:0;overflow-wrap:anywhere}
.copy{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.copy input{flex:1 1 14rem;font-family:ui-monospace,monospace}
.counts{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:1rem;list-style:none;padding:0}
.counts li{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:1rem}
.counts strong{display:block;font-size:1.6rem}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:flex-end;margin:0 0 1rem}
form.filters .field{margin:0;flex:1 1 12rem}
.card>h2:first-child{margin-top:0}
table.ops th,table.ops .keep{overflow-wrap:normal}
h1,h2{overflow-wrap:break-word}
ul.diff{margin:0;padding-left:1rem}
form.search .hint,form.search details{flex:1 1 100%}
form.search fieldset input{flex:none}
th.short,td.short{overflow-wrap:normal}
summary{cursor:pointer;padding:.5rem 0;color:#0b4fc4}
fieldset.group label{display:block;font-weight:600}
label.check{display:inline-flex;gap:.4rem;align-items:center;font-weight:400}
ul.plain{list-style:none;margin:0;padding:0}
pre.json{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;font-family:ui-monospace,monospace;font-size:.9rem}
.timeline{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:.5rem;margin:0 0 1rem}
.timeline svg{display:block;max-width:100%;height:auto}
.timeline svg.narrow{display:none}
ol.chain{padding-left:2rem;margin:0 0 1rem}
ol.chain>li{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:.5rem 1rem;margin:0 0 .5rem}
ol.chain>li.failing{border:2px solid #b3261e;border-left-width:6px;background:#fff5f5}
ol.chain .line{margin:0}
.failing-label,.outcome-failed{color:#b3261e}
.finding{border-top:1px solid #d0d7de;margin:.5rem 0;padding-top:.5rem}
.finding h3{font-size:1.05rem;margin:0 0 .25rem}
dl.evidence{grid-template-columns:minmax(6rem,16rem) 1fr;font-size:.9rem}
code{overflow-wrap:anywhere}
h1 code.trace-id{font-size:1rem;display:inline-block}
table.logs code{font-size:.85rem}
@media (max-width:40em){
 table,thead,tbody,tr,th,td{display:block}
 thead tr{position:absolute;left:-9999px}
 tr{border:1px solid #d0d7de;border-radius:6px;margin:0 0 .75rem;background:#fff}
 td{border:0;padding:.25rem .5rem}
 td::before{content:attr(data-label) ": ";font-weight:600}
 dl.details{grid-template-columns:1fr}
 .timeline svg.wide{display:none}
 .timeline svg.narrow{display:block}
}
`;

/** Copies the value of the input a [data-copy] button names; without the script, the value can be selected. */
const JS = `document.addEventListener('click', (event) => {
  const button = event.target.closest('[data-copy]');
  if (!button) return;
  const field = document.getElementById(button.getAttribute('data-copy'));
  if (!field || !navigator.clipboard) return;
  navigator.clipboard.writeText(field.value).then(() => { button.setAttribute('aria-live', 'polite'); button.dataset.copied = 'yes'; });
});
`;

export const registerAthenaAssets = (app: FastifyInstance): void => {
  app.get(ASSETS.css, { schema: pageSchema({ summary: "The console's stylesheet", tag: 'athena', produces: 'text/css' }) }, async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CSS));
  app.get(ASSETS.js, { schema: pageSchema({ summary: "The console's script", tag: 'athena', produces: 'text/javascript' }) }, async (_req, reply) => reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(JS));
};
