export type { HttpDeps, RegisterRoutes } from './deps.ts';
export { buildPublicApp, buildAdminApp } from './app.ts';
export { parseForm } from './form-body.ts';
