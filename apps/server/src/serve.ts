import { loadConfig } from '@olympus/config';
import { startServer } from './server.ts';
import { shutdown } from './shutdown.ts';
import { DEMO_EMAIL, DEMO_PASSWORD, ensureDemoIdentity } from './demo.ts';

/**
 * `olympus serve [--dev] [--config file]`: loads and validates config (start-up stops on any
 * problem, naming it), then serves both origins until SIGINT/SIGTERM, which drain it (shutdown.ts).
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
  let closing: Promise<void> | undefined;
  const stop = (): Promise<void> => (closing ??= shutdown(server, config.serve.shutdown));
  // A second signal finds no handler and ends the process at once: the way out of a drain that hangs.
  const onSignal = (): void =>
    void stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return { close: stop };
};
