/**
 * A dry run's result page: every step with its outcome (the failed one tagged), what went wrong with
 * its troubleshooting page, the claims received (with Apple's first-login `user` field), the mapping's
 * output and the schema's errors.
 */
import { html, type SafeHtml } from '@olympus/http';
import { DRY_RUN_STEPS, type DryRunResult, type DryRunStep, type OidcProvider } from '@olympus/identity';
import type { Translator } from '../../i18n/translator.ts';
import { docHref } from '../traces/docs.ts';
import { dryRunStartPath } from './paths.ts';

const outcomeOf = (result: DryRunResult, step: DryRunStep): 'passed' | 'failed' | 'not_reached' =>
  result.passed.includes(step) ? 'passed' : result.failure?.step === step ? 'failed' : 'not_reached';

const steps = (t: Translator, result: DryRunResult): SafeHtml => html`<h2>${t.t('dryrun.steps')}</h2>
<ol class="chain">${DRY_RUN_STEPS.map((step) => {
  const outcome = outcomeOf(result, step);
  return html`<li${outcome === 'failed' ? html` class="failing"` : html``} data-step="${step}"><p class="line"><strong>${t.t(`dryrun.step.${step}`)}</strong>: ${t.t(`dryrun.outcome.${outcome}`)}</p></li>`;
})}</ol>`;

const json = (title: string, value: unknown): SafeHtml => html`<section class="card"><h2>${title}</h2><pre class="json">${JSON.stringify(value, null, 2)}</pre></section>`;

const troubleshooting = (t: Translator, errorId: string | undefined): SafeHtml => {
  const href = errorId === undefined ? undefined : docHref(`docs/troubleshooting/${errorId}.md`);
  return href === undefined ? html`` : html`<p><a href="${href}">${t.t('dryrun.error.page', { id: errorId! })}</a></p>`;
};

const failure = (t: Translator, result: DryRunResult): SafeHtml => {
  const { failure: f } = result;
  if (f === undefined) return html``;
  return html`<section class="card"><h2>${t.t('dryrun.error')}</h2>
<p>${f.message}</p>${f.reason === '' ? html`` : html`<p>${f.reason}</p>`}
${troubleshooting(t, f.errorId)}
${result.schemaProblems.length === 0 ? html`` : html`<h3>${t.t('dryrun.problems')}</h3>
<ul>${result.schemaProblems.map((p) => html`<li><code>${p.trait}</code>: ${p.message}</li>`)}</ul>`}
</section>`;
};

const mapping = (t: Translator, result: DryRunResult): SafeHtml => {
  if (result.mapped === undefined) return html``;
  const { traits, verifiedAddresses } = result.mapped;
  return html`${json(t.t('dryrun.traits'), traits)}
<section class="card"><h2>${t.t('dryrun.verified')}</h2>${verifiedAddresses.length === 0
    ? html`<p>${t.t('dryrun.verified.none')}</p>`
    : html`<ul>${verifiedAddresses.map((a) => html`<li><code>${a.value}</code></li>`)}</ul>`}</section>`;
};

/** Apple's `user` field as it came (not signed; the name claims above were filled from it where the ID token had none). */
const appleUser = (t: Translator, userField: string | undefined): SafeHtml => {
  if (userField === undefined) return html``;
  let shown: unknown = userField;
  try {
    shown = JSON.parse(userField);
  } catch {
    // Not JSON: shown as it came, which is what the administrator needs to see.
  }
  return html`<section class="card"><h2>${t.t('dryrun.apple_user')}</h2><p>${t.t('dryrun.apple_user.note')}</p><pre class="json">${typeof shown === 'string' ? shown : JSON.stringify(shown, null, 2)}</pre></section>`;
};

const linked = (t: Translator, result: DryRunResult): SafeHtml => {
  if (result.claims === undefined) return html``;
  // "Would register" only holds for claims that pass the mapping.
  if (result.linkedIdentityId === undefined) return result.failure === undefined ? html`<p>${t.t('dryrun.not_linked')}</p>` : html``;
  const id = result.linkedIdentityId;
  return html`<p><a href="/identities/${encodeURIComponent(id)}">${t.t('dryrun.linked', { id })}</a></p>`;
};

export const dryRunResultBody = (t: Translator, provider: OidcProvider, result: DryRunResult, appleUserField?: string): SafeHtml => {
  const summary = result.failure === undefined
    ? html`<div role="status"><p>${t.t('dryrun.succeeded')} ${t.t('dryrun.nothing_stored')}</p></div>`
    : html`<div role="alert"><p>${t.t('dryrun.failed', { step: t.t(`dryrun.step.${result.failure.step}`) })} ${t.t('dryrun.nothing_stored')}</p></div>`;
  const separateClaims = result.claims !== undefined && result.claims !== result.idTokenClaims;
  return html`<h1>${t.t('dryrun.title', { label: provider.label })}</h1>
${summary}
${steps(t, result)}
${failure(t, result)}
${result.idTokenClaims === undefined ? html`` : json(t.t('dryrun.id_token_claims'), result.idTokenClaims)}
${appleUser(t, appleUserField)}
${separateClaims ? json(t.t('dryrun.claims'), result.claims) : html``}
${linked(t, result)}
${mapping(t, result)}
<p><a class="button" href="${dryRunStartPath(provider.id)}">${t.t('dryrun.again')}</a> <a href="/providers">${t.t('dryrun.back')}</a></p>`;
};
