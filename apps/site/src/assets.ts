/**
 * The playground's stylesheet, served from the public origin so the page CSP needs only 'self'. No
 * script: every step is a link or a form (docs/playground.md).
 */
import type { FastifyInstance } from 'fastify';
import { pageSchema } from '@olympus/http';

export const STYLESHEET = '/playground/assets/site.css';

/** Colours pass WCAG 2.2 AA contrast (4.5:1) against their backgrounds; axe-core checks every page. */
const CSS = `*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5;color:#1f2328;background:#f6f8fa}
body{margin:0}
a{color:#0b4fc4}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #0b4fc4;outline-offset:2px}
.skip-link{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}
.skip-link:focus{left:.5rem}
header.top{background:#1f2328;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center}
header.top a{color:#fff}
header.top .product{font-weight:700;text-decoration:none}
header.top nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
header.top nav a[aria-current="page"]{text-decoration:underline;text-underline-offset:.3em}
main{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
.card{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:1rem;margin:0 0 1rem;overflow-wrap:anywhere}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:0 0 1rem}
.button,button.primary{display:inline-block;background:#0b4fc4;color:#fff;border:0;border-radius:6px;padding:.5rem 1rem;font:inherit;text-decoration:none;cursor:pointer}
button.secondary{background:#fff;color:#0b4fc4;border:1px solid #0b4fc4;border-radius:6px;padding:.45rem .9rem;font:inherit;cursor:pointer}
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
