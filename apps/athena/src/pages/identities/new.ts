/**
 * New identity: a form generated from the chosen identity schema's traits; Create goes through the
 * same IdentityService.create as POST /admin/identities (the schema validates, identifiers must be
 * free), is recorded as identity.create, and lands on the identity's page.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html, type HttpDeps, type SafeHtml } from '@olympus/http';
import type { IdentitySchema } from '@olympus/identity';
import type { Admin } from '../../session/guard.ts';
import { queryParam } from '../lists.ts';
import { formOf } from '../clients/new.ts';
import { formErrorsOf } from './form-errors.ts';
import { identityService } from './lookup.ts';
import { doneUrl } from './notice.ts';
import { recordIdentityChange } from './record.ts';
import { formAlert, traitFields } from './trait-form.ts';
import { leaves, traitNodes, traitsOf, traitsSchemaOf } from './trait-fields.ts';

/** With more than one schema, a small GET form picks the one the form is made from. */
const schemaChooser = (admin: Admin, schemas: readonly IdentitySchema[], chosen: IdentitySchema): SafeHtml => {
  if (schemas.length < 2) return html``;
  const { t } = admin.page;
  return html`<form method="get" action="/identities/new" class="search">
<label for="schema">${t.t('identity.form.schema')}</label>
<select id="schema" name="schema">${schemas.map((s) => html`<option value="${s.id}"${s.id === chosen.id ? html` selected` : html``}>${s.id}</option>`)}</select>
<button type="submit" class="secondary">${t.t('identity.form.schema_choose')}</button>
</form>`;
};

const showForm = (deps: HttpDeps, reply: FastifyReply, admin: Admin, schema: IdentitySchema, values: Record<string, string> = {}, errors: Record<string, string> = {}) => {
  const { t } = admin.page;
  const nodes = traitNodes(traitsSchemaOf(schema.schema));
  const shown = new Set(leaves(nodes).map((f) => f.name));
  return admin.page.send(reply, t.t('identity.new.title'), html`<h1>${t.t('identity.new.title')}</h1>
${schemaChooser(admin, identityService(deps).schemas.all(), schema)}
${formAlert(t, errors, shown)}
<form method="post" action="/identities/new" novalidate>
<input type="hidden" name="csrf_token" value="${admin.session.csrf}">
<input type="hidden" name="schema_id" value="${schema.id}">
${traitFields({ t, values, errors }, nodes)}
<button type="submit" class="primary">${t.t('identity.form.create')}</button>
</form>`, Object.keys(errors).length > 0 ? 400 : 200);
};

const schemaNamed = (deps: HttpDeps, id: string): IdentitySchema => {
  const { schemas } = identityService(deps);
  return schemas.get(id) ?? schemas.get(schemas.defaultId)!;
};

export const showNewIdentity = (deps: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin) =>
  showForm(deps, reply, admin, schemaNamed(deps, queryParam(req, 'schema')));

export const createIdentityFromForm = async (deps: HttpDeps, req: FastifyRequest, reply: FastifyReply, admin: Admin): Promise<FastifyReply> => {
  const form = formOf(req);
  const schema = schemaNamed(deps, form.schema_id ?? '');
  const nodes = traitNodes(traitsSchemaOf(schema.schema));
  try {
    const identity = await identityService(deps).create({ schema_id: schema.id, traits: traitsOf(nodes, form) });
    await recordIdentityChange(deps, req, admin, { action: 'identity.create', after: identity });
    return reply.code(303).header('location', doneUrl(`/identities/${identity.id}`, 'created')).send();
  } catch (err) {
    const errors = formErrorsOf(admin.page.t, err, form);
    if (errors === undefined) throw err;
    return showForm(deps, reply, admin, schema, form, errors);
  }
};
