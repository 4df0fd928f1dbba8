/**
 * The stylesheet rules Athena and the playground share: type, links, visible focus (WCAG 2.2 §2.4.7),
 * the skip link, the dark top bar with its navigation, the main column, headings and buttons. Each
 * app serves them in front of its own rules from its own origin (page CSP `style-src 'self'`). Colours
 * pass WCAG 2.2 AA contrast (4.5:1) against their backgrounds; axe-core checks every page. Hera has
 * its own themed stylesheet (apps/hera/src/shell/stylesheet.ts).
 */
export const FRAME_CSS = `*,*::before,*::after{box-sizing:border-box}
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
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:0 0 1rem}
.button,button.primary{display:inline-block;background:#0b4fc4;color:#fff;border:0;border-radius:6px;padding:.5rem 1rem;font:inherit;text-decoration:none;cursor:pointer}
button.secondary{background:#fff;color:#0b4fc4;border:1px solid #0b4fc4;border-radius:6px;padding:.45rem .9rem;font:inherit;cursor:pointer}
`;
