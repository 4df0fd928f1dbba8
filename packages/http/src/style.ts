/** The stylesheet of Olympus' own pages, served from the origin so CSP needs no inline styles. */
export const STYLESHEET = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
body { margin: 0; padding: 2rem 1rem; }
main { max-width: 40rem; margin: 0 auto; }
h1 { font-size: 1.5rem; }
code, pre { font-family: ui-monospace, monospace; font-size: 0.9em; }
pre { white-space: pre-wrap; word-break: break-all; padding: 0.75rem; border: 1px solid #8884; border-radius: 6px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; word-break: break-all; }
a:focus, button:focus { outline: 3px solid #4a90e2; outline-offset: 2px; }
`;
