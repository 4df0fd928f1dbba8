export type { HttpDeps, RegisterRoutes } from './deps.ts';
