export { serve } from './serve.ts';
export { migrateCommand } from './migrate.ts';
export { startServer, type RunningServer, type ServerOptions } from './server.ts';
export { createLogger } from './logger.ts';
export { janitorCommand, type JanitorCommandOptions } from './janitor.ts';
export { buildIdentityContext } from './identity-context.ts';
export { ensureDemoIdentity, DEMO_EMAIL, DEMO_PASSWORD } from './demo.ts';
