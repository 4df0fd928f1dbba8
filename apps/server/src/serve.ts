import { loadConfig } from '@olympus/config';
import { startServer } from './server.ts';
import { DEMO_EMAIL, DEMO_PASSWORD, ensureDemoIdentity } from './demo.ts';

/**
 * `olympus serve [--dev] [--config file]`: loads and validates config (start-up stops on any
 * problem, naming it), then serves both origins until SIGINT/SIGTERM.
 */
export const serve = async (opts: { dev: boolean; configPath?: string }): Promise<{ close(): Promise<void> }> => {
  const config = await loadConfig({ dev: opts.dev, configPath: opts.configPath });
  const server = await startServer(config);
  if (config.dev) await ensureDemoIdentity(server.identity);
  const log = server.ctx.log;
  log.info({ public_url: config.serve.public.url, admin_url: config.serve.admin.url, dev: config.dev, dsn_scheme: config.dsn.split(':')[0] }, 'Olympus is serving');
  process.stderr.write(
    `\nOlympus is running${config.dev ? ' in dev mode' : ''}\n` +
      `  public: ${config.serve.public.url}  (OAuth2, OpenID Connect, login)\n` +
      `  admin:  ${config.serve.admin.url}  (admin API; loopback only)\n` +
      `  issuer: ${config.urls.issuer}\n` +
      (config.dev ? `  demo user: ${DEMO_EMAIL} / ${DEMO_PASSWORD}  (dev mode only)\n` : '') +
      '\n',
  );
  let closing = false;
  const stop = async () => {
    if (closing) return;
    closing = true;
    await server.close();
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(0)));
  process.once('SIGTERM', () => void stop().then(() => process.exit(0)));
  return { close: stop };
};
