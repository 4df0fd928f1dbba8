/**
 * The configured sign-in providers (selfservice.methods.oidc; docs/operations/social-sign-in.md), one
 * card each, read from the configuration: never the client secret, only whether one is set. Each card
 * names both redirect URIs to register at the provider and links to a dry run (dry-run.ts): a link, not a
 * form, because a form's redirect to the provider would be held to the page's form-action 'self'.
 */
import type { OlympusConfig } from '@olympus/config';
import { html, type SafeHtml } from '@olympus/http';
import { DEFAULT_MAPPING, describeMapperSource, oidcCallbackUrl, oidcProviders, oidcScopeOf, type OidcProvider } from '@olympus/identity';
import type { Translator } from '../../i18n/translator.ts';
import { dryRunCallbackUrl, dryRunStartPath } from './paths.ts';

const claimsFrom = (t: Translator, p: OidcProvider): string => {
  if (p.config.provider === 'github') return t.t('providers.claims.github');
  return t.t(p.config.claimsSource === 'userinfo' ? 'providers.claims.userinfo' : 'providers.claims.id_token');
};

const mappingSummary = (t: Translator, p: OidcProvider): SafeHtml => {
  const traits = p.config.mapper?.traits ?? DEFAULT_MAPPING;
  return html`<span>${t.t(p.config.mapper === undefined ? 'providers.mapping.default' : 'providers.mapping.configured')}</span>
<ul class="plain">${Object.entries(traits).map(([trait, claim]) => html`<li><code>${trait}</code> ← <code>${describeMapperSource(claim)}</code></li>`)}</ul>`;
};

const detail = (label: string, value: SafeHtml | string): SafeHtml => html`<dt>${label}</dt><dd>${value}</dd>`;

const card = (config: OlympusConfig, t: Translator, p: OidcProvider, index: number): SafeHtml => html`<section class="card" aria-labelledby="provider-${index}">
<h2 id="provider-${index}">${p.label}</h2>
<dl class="details">
${detail(t.t('providers.field.id'), html`<code>${p.id}</code>`)}
${detail(t.t('providers.field.kind'), p.config.provider)}
${detail(t.t('providers.field.issuer'), p.issuer === '' ? t.t('providers.issuer.none') : html`<code>${p.issuer}</code>`)}
${detail(t.t('providers.field.client_id'), html`<code>${p.config.clientId}</code>`)}
${detail(t.t('providers.field.secret'), t.t(p.config.clientSecret || p.config.applePrivateKey ? 'providers.secret.set' : 'providers.secret.unset'))}
${detail(t.t('providers.field.scope'), html`<code>${oidcScopeOf(p).join(' ')}</code>`)}
${detail(t.t('providers.field.pkce'), p.config.pkce ?? 'auto')}
${detail(t.t('providers.field.claims_source'), claimsFrom(t, p))}
${detail(t.t('providers.field.linking'), t.t(p.config.accountLinkingMode === 'automatic' ? 'providers.linking.automatic' : 'providers.linking.never_silent'))}
${detail(t.t('providers.field.mapping'), mappingSummary(t, p))}
${detail(t.t('providers.field.callback'), html`<code>${oidcCallbackUrl(config, p.id)}</code>`)}
${detail(t.t('providers.field.dry_run_callback'), html`<code>${dryRunCallbackUrl(config, p.id)}</code>`)}
</dl>
<p>${t.t('providers.dry_run.register')}</p>
<p><a class="button" href="${dryRunStartPath(p.id)}">${t.t('providers.dry_run', { label: p.label })}</a></p>
</section>`;

export const providersListBody = (config: OlympusConfig, t: Translator): SafeHtml => {
  const providers = oidcProviders(config);
  return html`<h1>${t.t('providers.title')}</h1>
<p>${t.t('providers.intro')}</p>
${providers.length === 0 ? html`<p role="status">${t.t('providers.disabled')}</p>` : providers.map((p, index) => card(config, t, p, index))}`;
};
