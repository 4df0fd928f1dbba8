/**
 * A form asking for one decision (consent: allow/deny, logout: yes/no): hidden fields naming what is
 * decided plus the CSRF form token, and a primary and a secondary button side by side.
 */
import { html, type SafeHtml } from '@olympus/http';

export interface Choice {
  value: string;
  label: string;
}

export const decisionForm = (action: string, hidden: Readonly<Record<string, string>>, primary: Choice, secondary: Choice): SafeHtml =>
  html`<form method="post" action="${action}">
${Object.entries(hidden).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<div class="actions">
<button type="submit" name="decision" value="${primary.value}">${primary.label}</button>
<button type="submit" name="decision" value="${secondary.value}" class="secondary">${secondary.label}</button>
</div>
</form>`;
