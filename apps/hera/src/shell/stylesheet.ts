/**
 * Hera's stylesheet, served from the origin (CSP `style-src 'self'`, no inline styles). Colours come
 * from theme.css's custom properties; the layout is one column that fits a 320 px wide phone, focus is
 * always visible (WCAG 2.2 §2.4.7) and controls are at least 44 px tall (§2.5.8 asks 24 px).
 */
export const HERA_CSS = `
*, *::before, *::after { box-sizing: border-box; }
:root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; }
body { margin: 0; background: var(--hera-bg); color: var(--hera-text); overflow-wrap: anywhere; }
a { color: var(--hera-primary); }
.skip-link { position: absolute; left: -999px; top: 0; padding: 0.5rem 1rem; background: var(--hera-bg); }
.skip-link:focus { left: 0.5rem; top: 0.5rem; z-index: 1; }
header.brand { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 0.5rem 1rem;
  padding: 0.75rem 1rem; border-bottom: 1px solid var(--hera-line); }
header.brand .home { display: inline-flex; align-items: center; gap: 0.5rem; font-weight: 700; font-size: 1.125rem; color: var(--hera-text); text-decoration: none; }
header.brand img { max-height: 2rem; width: auto; }
header nav ul { display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; list-style: none; margin: 0; padding: 0; }
header nav form { display: inline; margin: 0; }
header nav button { min-height: auto; padding: 0; border: 0; background: none; color: var(--hera-primary); text-decoration: underline; font: inherit; width: auto; }
main { max-width: 30rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
main:focus { outline: none; }
h1 { font-size: 1.5rem; line-height: 1.25; margin: 0 0 1rem; }
h2 { font-size: 1.125rem; margin: 2rem 0 0.75rem; }
form { display: grid; gap: 1rem; margin: 1rem 0; }
/* A page with one form per method (authenticator app, recovery code) separates them. */
form + form { border-top: 1px solid var(--hera-line); padding-top: 1rem; }
.field { display: grid; gap: 0.25rem; }
label { font-weight: 600; }
.field.checkbox { grid-template-columns: auto 1fr; align-items: center; }
input:not([type=checkbox]):not([type=hidden]) { width: 100%; min-height: 44px; padding: 0.5rem 0.75rem; font: inherit;
  color: var(--hera-text); background: var(--hera-bg); border: 1px solid var(--hera-muted); border-radius: 6px; }
input[type=checkbox] { width: 1.25rem; height: 1.25rem; }
input[aria-invalid=true] { border-color: var(--hera-error); border-width: 2px; }
button { min-height: 44px; width: 100%; padding: 0.5rem 1rem; font: inherit; font-weight: 600; border-radius: 6px; cursor: pointer;
  color: #ffffff; background: var(--hera-primary); border: 2px solid var(--hera-primary); }
button.secondary { color: var(--hera-primary); background: var(--hera-bg); }
.actions { display: grid; gap: 0.75rem; grid-template-columns: 1fr 1fr; }
a:focus-visible, button:focus-visible, input:focus-visible, main a:focus, summary:focus-visible {
  outline: 3px solid var(--hera-primary); outline-offset: 2px; }
.message { margin: 0; padding: 0.5rem 0.75rem; border-radius: 6px; border-left: 4px solid var(--hera-muted); background: var(--hera-subtle); }
.message.error { border-left-color: var(--hera-error); color: var(--hera-error); }
.message.success { border-left-color: var(--hera-success); }
.messages { display: grid; gap: 0.5rem; margin: 0 0 1rem; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 0.9em; word-break: break-all; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; word-break: break-all; }
ul.scopes { padding-left: 1.25rem; }
img.qr { display: block; width: 100%; max-width: 16rem; height: auto; image-rendering: pixelated; background: #ffffff; }
section.card { padding: 1rem; margin: 1rem 0; border: 1px solid var(--hera-line); border-radius: 8px; }
section.card > h2:first-child { margin-top: 0; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: 0.5rem 0.25rem; border-bottom: 1px solid var(--hera-line); vertical-align: top; }
.links { display: grid; gap: 0.5rem; margin-top: 1.5rem; }
footer { max-width: 30rem; margin: 0 auto; padding: 0 1rem 2rem; color: var(--hera-muted); font-size: 0.875rem; }
@media (max-width: 24rem) { .actions, dl { grid-template-columns: 1fr; } dd { margin-bottom: 0.5rem; } main { padding-top: 1rem; } }
`;

/** Custom properties from config (hera.colors); muted/line/error tones are fixed and pass AA on white. */
export const themeCss = (colors: { primary: string; background: string; text: string }): string => `:root {
  --hera-primary: ${colors.primary};
  --hera-bg: ${colors.background};
  --hera-text: ${colors.text};
  --hera-muted: #59636e;
  --hera-line: #d1d9e0;
  --hera-subtle: #f6f8fa;
  --hera-error: #b42318;
  --hera-success: #1a7f37;
}
`;
