/**
 * GET /recovery and GET /verification: the UIs of the two code flows (selfservice.flows.recovery
 * .ui_url, .verification.ui_url). Both ask for an address, then for the code mailed to it; the
 * flow's messages say what happened (code sent, wrong code, verified). A recovered user is sent to
 * the settings page by the identity server itself, signed in, to set a new password.
 */
import type { FastifyInstance } from 'fastify';
import { getRecoveryFlow, getVerificationFlow, type IdentityContext, type SelfServiceFlow } from '@olympus/identity';
import { answerError, html, readCsrfCookie, type HttpDeps, type SafeHtml, pageSchema } from '@olympus/http';
import { flowShell } from '../flow-page.ts';
import type { Translator } from '../i18n/translator.ts';
import { queryParam } from '../send.ts';
import { uiForms } from '../ui-nodes.ts';
import { startBrowserFlow } from './flow-entry.ts';

interface CodeFlowPage {
  kind: 'recovery' | 'verification';
  path: string;
  load: (identity: IdentityContext, id: string, csrfSecret: string | undefined) => Promise<SelfServiceFlow>;
  title: 'recovery.title' | 'verification.title';
  heading: 'recovery.heading' | 'verification.heading';
  intro: 'recovery.intro' | 'verification.intro';
  links: (t: Translator) => SafeHtml;
}

const PAGES: readonly CodeFlowPage[] = [
  {
    kind: 'recovery', path: '/recovery', load: getRecoveryFlow, title: 'recovery.title', heading: 'recovery.heading', intro: 'recovery.intro',
    links: (t) => html`<p class="links"><a href="/login">${t.t('recovery.login')}</a></p>`,
  },
  {
    kind: 'verification', path: '/verification', load: getVerificationFlow, title: 'verification.title', heading: 'verification.heading', intro: 'verification.intro',
    links: (t) => html`<p class="links"><a href="/">${t.t('verification.account')}</a></p>`,
  },
];

const registerCodeFlowPage = (app: FastifyInstance, identity: IdentityContext, page: CodeFlowPage): void => {
  app.get(page.path, { schema: pageSchema({ summary: 'Recovery or verification page', tag: 'hera', query: { flow: 'The flow id' } }) }, async (req, reply) => {
    const flowId = queryParam(req, 'flow');
    if (flowId === undefined) return startBrowserFlow(identity, req, reply, page.kind, ['return_to']);
    try {
      const flow = await page.load(identity, flowId, readCsrfCookie(req, identity.config));
      const shell = flowShell(req, reply, identity.config, flow);
      const { t } = shell;
      // The intro explains the first step only; afterwards the flow's own messages say what happened.
      const intro = flow.state === 'choose_method' ? html`<p>${t.t(page.intro)}</p>` : html``;
      return shell.send(reply, t.t(page.title), html`<h1>${t.t(page.heading)}</h1>
${intro}
${uiForms(t, flow.ui)}
${page.links(t)}`);
    } catch (err) {
      return answerError(identity, req, reply, err, { redirect: true, kind: page.kind });
    }
  });
};

export const registerCodeFlowPages = (app: FastifyInstance, { identity }: HttpDeps): void => {
  if (identity === undefined) return;
  for (const page of PAGES) registerCodeFlowPage(app, identity, page);
};
