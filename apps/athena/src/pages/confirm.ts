/** The confirmation page of a destructive action: what will happen to whom, a POST button with the CSRF token, and Cancel. */
import { html, type SafeHtml } from '@olympus/http';
import type { Admin } from '../session/guard.ts';

export interface Confirmation {
  title: string;
  warning: string;
  /** Who is affected, shown between the warning and the button. */
  affected?: SafeHtml;
  action: string;
  confirm: string;
  cancel: string;
  /** Hidden fields the POST carries besides the CSRF token. */
  fields?: Readonly<Record<string, string>>;
}

export const confirmationBody = (admin: Admin, c: Confirmation): SafeHtml => html`<h1>${c.title}</h1>
<div role="alert"><p>${c.warning}</p></div>
${c.affected ?? html``}
<form method="post" action="${c.action}" class="actions">
<input type="hidden" name="csrf_token" value="${admin.session.csrf}">
${Object.entries(c.fields ?? {}).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<button type="submit" class="primary">${c.confirm}</button>
<a href="${c.cancel}">${admin.page.t.t('shell.cancel')}</a>
</form>`;
