/**
 * The traits form of New identity and Edit traits, generated from the identity schema (trait-fields.ts).
 * Each error is shown at its field (the validator names fields as the form does, `traits.email`);
 * errors about no field of the form are listed in the alert at the top.
 */
import { html, type SafeHtml } from '@olympus/http';
import type { Translator } from '../../i18n/translator.ts';
import type { TraitField, TraitNode } from './trait-fields.ts';

export interface TraitFormState {
  t: Translator;
  values: Record<string, string>;
  errors: Record<string, string>;
}

/** An element id for a trait path: dots would need escaping in CSS selectors. */
export const fieldId = (name: string): string => name.replaceAll('.', '-');

const errorOf = (s: TraitFormState, field: TraitField): SafeHtml =>
  s.errors[field.name] ? html`<p class="error" id="${fieldId(field.name)}-error">${s.errors[field.name]}</p>` : html``;

const hintOf = (s: TraitFormState, field: TraitField): string =>
  [field.required ? s.t.t('identity.form.required') : '', field.kind === 'list' ? s.t.t('identity.form.list_hint') : ''].filter(Boolean).join(' ');

const ariaOf = (s: TraitFormState, field: TraitField): SafeHtml => {
  const id = fieldId(field.name);
  const describedBy = [hintOf(s, field) ? `${id}-hint` : '', s.errors[field.name] ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`${describedBy ? html` aria-describedby="${describedBy}"` : html``}${s.errors[field.name] ? html` aria-invalid="true"` : html``}${field.required ? html` aria-required="true"` : html``}`;
};

const control = (s: TraitFormState, field: TraitField): SafeHtml => {
  const id = fieldId(field.name);
  const value = s.values[field.name] ?? '';
  switch (field.kind) {
    case 'select':
      return html`<select id="${id}" name="${field.name}"${ariaOf(s, field)}><option value=""></option>${(field.options ?? []).map((option) =>
        html`<option value="${option}"${option === value ? html` selected` : html``}>${option}</option>`)}</select>`;
    case 'list':
      return html`<textarea id="${id}" name="${field.name}"${ariaOf(s, field)}>${value}</textarea>`;
    case 'number':
    case 'integer':
      return html`<input id="${id}" type="text" inputmode="${field.kind === 'integer' ? 'numeric' : 'decimal'}" name="${field.name}" value="${value}"${ariaOf(s, field)}>`;
    default:
      return html`<input id="${id}" type="${field.kind === 'email' ? 'email' : 'text'}" name="${field.name}" value="${value}" autocomplete="off"${ariaOf(s, field)}>`;
  }
};

const fieldHtml = (s: TraitFormState, field: TraitField): SafeHtml => {
  const id = fieldId(field.name);
  const hint = hintOf(s, field);
  const hintHtml = hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : html``;
  if (field.kind === 'boolean') {
    return html`<div class="field"><label class="check"><input id="${id}" type="checkbox" name="${field.name}"${s.values[field.name] === 'on' ? html` checked` : html``}${ariaOf(s, field)}> ${field.label}</label>${hintHtml}${errorOf(s, field)}</div>`;
  }
  return html`<div class="field"><label for="${id}">${field.label}</label>${control(s, field)}${hintHtml}${errorOf(s, field)}</div>`;
};

export const traitFields = (s: TraitFormState, nodes: readonly TraitNode[]): SafeHtml[] =>
  nodes.map((node) => (node.kind === 'group'
    ? html`<fieldset class="group"><legend>${node.label}</legend>${traitFields(s, node.children)}</fieldset>`
    : fieldHtml(s, node)));

/** The alert above the form: how many fields need attention, and the errors no field shows. */
export const formAlert = (t: Translator, errors: Record<string, string>, shown: ReadonlySet<string>): SafeHtml => {
  const count = Object.keys(errors).length;
  if (count === 0) return html``;
  const elsewhere = Object.entries(errors).filter(([name]) => !shown.has(name)).map(([, message]) => message);
  return html`<div role="alert"><p>${t.t('identity.form.errors', { count })}</p>${elsewhere.map((message) => html`<p>${message}</p>`)}</div>`;
};
