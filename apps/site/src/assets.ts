/**
 * The playground's stylesheet, served from the public origin so the page CSP needs only 'self'. No
 * script: every step is a link or a form (docs/playground.md).
 */
import type { FastifyInstance } from 'fastify';
import { FRAME_CSS, pageSchema } from '@olympus/http';

export const STYLESHEET = '/playground/assets/site.css';

/** The shared frame's rules (FRAME_CSS, packages/http), then this app's own; axe-core checks every page's contrast. */
const CSS = `${FRAME_CSS}.card{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:1rem;margin:0 0 1rem;overflow-wrap:anywhere}
button.danger{background:#fff;color:#b3261e;border:1px solid #b3261e;border-radius:6px;padding:.45rem .9rem;font:inherit;cursor:pointer}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
.hint{color:#57606a;font-size:.9rem;margin:.1rem 0 0}
input[type=text],input[type=password],input[type=number],input[type=url],select,textarea{width:100%;max-width:40rem;padding:.4rem .5rem;border:1px solid #6e7781;border-radius:4px;font:inherit;background:#fff;color:inherit}
textarea{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;min-height:8rem}
pre,code{font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9rem}
pre{background:#f6f8fa;border:1px solid #d0d7de;border-radius:4px;padding:.75rem;overflow-x:auto;white-space:pre-wrap;overflow-wrap:anywhere}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #d0d7de;overflow-wrap:anywhere}
.ok{color:#116329;font-weight:600}
.fail{color:#b3261e;font-weight:600}
.muted{color:#57606a}
@media (max-width:40rem){main{padding:.5rem}th,td{display:block;border:0;padding:.15rem 0}tr{display:block;border-bottom:1px solid #d0d7de;padding:.35rem 0}}
`;

export const registerSiteAssets = (app: FastifyInstance): void => {
  app.get(STYLESHEET, { schema: pageSchema({ summary: "The playground's stylesheet", tag: 'playground', produces: 'text/css' }) }, async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CSS));
};
