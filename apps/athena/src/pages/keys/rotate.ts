/**
 * Rotating a key set: a confirmation page saying what happens (a new key of the signing key's
 * algorithm, published at once, signing after the publication delay; the current key published
 * until what it signed expires — OIDC Core §10.1.1, docs/security.md AS-42), then the same
 * KeyRing.createKey as POST /admin/keys/{set}, recorded as key.create with the new key's public part.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type HttpDeps } from '@olympus/http';
import { listKeySetStatuses, type KeyStatus } from '@olympus/oauth2';
import { recordConsoleChange } from '../../audit.ts';
import type { Admin } from '../../session/guard.ts';
import { confirmationBody } from '../confirm.ts';
import { rotateHref } from './list.ts';

type WithSigner = (set: string, signer: KeyStatus) => Promise<FastifyReply>;

/** Runs `work` with the set's signing key; answers 404 for an unknown set, 400 for one without a signing key. */
const withSigner = async (deps: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin, work: WithSigner): Promise<FastifyReply> => {
  const { t } = admin.page;
  const { set } = req.params as { set: string };
  const found = (await listKeySetStatuses(deps.ctx)).find((s) => s.set === set);
  const signer = found?.keys.find((k) => k.state === 'signing');
  if (signer !== undefined) return work(set, signer);
  const message = found === undefined ? t.t('keys.set_not_found', { set }) : t.t('keys.rotate.no_signer', { set });
  return admin.page.send(reply, t.t('error.title'), html`<h1>${t.t('error.title')}</h1>
<div role="alert"><p>${message}</p></div>
<p><a href="/keys">${t.t('keys.title')}</a></p>`, found === undefined ? 404 : 400);
};

export const confirmRotation = (deps: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin) =>
  withSigner(deps, req, reply, admin, async (set, signer) => {
    const { t } = admin.page;
    const title = t.t('keys.rotate.title', { set });
    return admin.page.send(reply, title, confirmationBody(admin, {
      title, warning: t.t('keys.rotate.explain', { set, alg: signer.alg, kid: signer.kid }),
      action: rotateHref(set), confirm: t.t('keys.rotate.confirm'), cancel: '/keys',
    }));
  });

export const rotateKeySet = (deps: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin) =>
  withSigner(deps, req, reply, admin, async (set, signer) => {
    const { keys } = deps.ctx;
    const created = await keys.createKey(set, { alg: signer.alg, use: 'sig' });
    const kid = String(created.kid);
    // A set of its own answers with the private key once: the console keeps only the public part.
    const after = await keys.getKey(set, kid);
    await recordConsoleChange(deps, req, admin, { action: 'key.create', target: { type: 'key', id: `${set}/${kid}`, label: set }, after });
    return reply.code(303).header('location', `/keys?${new URLSearchParams({ set, created: kid })}`).send();
  });
