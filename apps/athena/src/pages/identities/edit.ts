/**
 * Edit traits: the identity schema's form filled with the stored traits; Save replaces the traits
 * with the same IdentityService.patch as PATCH /admin/identities/{id} (state, metadata and the traits
 * the form has no field for stay), recorded as identity.update with its diff.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type HttpDeps } from '@olympus/http';
import type { Identity } from '@olympus/identity';
import type { Admin } from '../../session/guard.ts';
import { formOf } from '../clients/new.ts';
import { formErrorsOf } from './form-errors.ts';
import { identityLabel } from './label.ts';
import { identityOr404, identityService } from './lookup.ts';
import { doneUrl } from './notice.ts';
import { recordIdentityChange } from './record.ts';
import { formAlert, traitFields } from './trait-form.ts';
import { formValuesOf, leaves, traitNodes, traitsOf, traitsSchemaOf, type TraitNode } from './trait-fields.ts';

const nodesOf = (deps: HttpDeps, identity: Identity): TraitNode[] => {
  const schema = identityService(deps).schemas.get(identity.schema_id);
  return schema ? traitNodes(traitsSchemaOf(schema.schema)) : [];
};

const showForm = (reply: FastifyReply, admin: Admin, identity: Identity, nodes: TraitNode[], values: Record<string, string>, errors: Record<string, string> = {}) => {
  const { t } = admin.page;
  const heading = t.t('identity.edit.title', { label: identityLabel(identity) });
  return admin.page.send(reply, heading, html`<h1>${heading}</h1>
${formAlert(t, errors, new Set(leaves(nodes).map((f) => f.name)))}
<form method="post" action="/identities/${identity.id}/edit" novalidate>
<input type="hidden" name="csrf_token" value="${admin.session.csrf}">
${traitFields({ t, values, errors }, nodes)}
<div class="actions"><button type="submit" class="primary">${t.t('identity.form.save')}</button>
<a href="/identities/${identity.id}">${t.t('shell.cancel')}</a></div>
</form>`, Object.keys(errors).length > 0 ? 400 : 200);
};

export const showEditIdentity = (deps: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin) =>
  identityOr404(deps, req, reply, admin, async (identity) => {
    const nodes = nodesOf(deps, identity);
    return showForm(reply, admin, identity, nodes, formValuesOf(nodes, identity.traits));
  });

export const saveIdentityTraits = (deps: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin) =>
  identityOr404(deps, req, reply, admin, async (before) => {
    const nodes = nodesOf(deps, before);
    const form = formOf(req);
    try {
      const traits = traitsOf(nodes, form, before.traits);
      const after = await identityService(deps).patch(before.id, [{ op: 'replace', path: '/traits', value: traits }]);
      await recordIdentityChange(deps, req, admin, { action: 'identity.update', before, after });
      return reply.code(303).header('location', doneUrl(`/identities/${after.id}`, 'saved')).send();
    } catch (err) {
      const errors = formErrorsOf(admin.page.t, err, form);
      if (errors === undefined) throw err;
      return showForm(reply, admin, before, nodes, form, errors);
    }
  });
