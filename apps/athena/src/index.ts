export { registerAthena } from './routes.ts';
export { ensureAthenaClient, ATHENA_CLIENT_ID } from './client.ts';
