/**
 * The identity service of a context, built once: new passwords are hashed by the password
 * strategy's hasher (argon2id at the configured parameters, never below OWASP's minimum).
 */
import type { IdentityContext } from '../context.ts';
import { hasherFor } from '../strategies/password/hasher-for.ts';
import { IdentityService } from './service.ts';

const services = new WeakMap<IdentityContext, IdentityService>();

export const identityServiceFor = (ctx: IdentityContext): IdentityService => {
  let service = services.get(ctx);
  if (!service) {
    const hasher = hasherFor(ctx.config);
    service = new IdentityService(ctx, { hashPassword: (password) => hasher.hash(password) });
    services.set(ctx, service);
  }
  return service;
};
