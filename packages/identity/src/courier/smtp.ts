/**
 * SMTP delivery through nodemailer. `courier.smtpConnectionUri` follows Kratos' `connection_uri`:
 * `smtps://user:pass@host:465/` (TLS from the first byte) or `smtp://user:pass@host:587/` (STARTTLS,
 * required so credentials and codes never cross the network in clear). Two query flags, as in Kratos:
 * `disable_starttls=true` for a plain connection (a local mail catcher) and `skip_ssl_verify=true`
 * for a server with a self-signed certificate.
 */
import type { OlympusConfig } from '@olympus/config';
import type { CourierMessage } from './message.ts';

type Transporter = ReturnType<typeof import('nodemailer').createTransport>;

export interface MailTransport {
  send(message: CourierMessage): Promise<void>;
  close(): void;
}

export type SmtpSettings = OlympusConfig['courier'];

/** Nodemailer options from the connection URI; throws with the reason when the URI is unusable. */
export const smtpOptions = (uri: string) => {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new Error('courier.smtpConnectionUri is not a URL; write it as smtp://user:pass@host:587/ or smtps://user:pass@host:465/.');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error(`courier.smtpConnectionUri must start with smtp:// or smtps://, not ${url.protocol}//.`);
  }
  const secure = url.protocol === 'smtps:';
  const plain = url.searchParams.get('disable_starttls') === 'true';
  const user = decodeURIComponent(url.username);
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port === '' ? (secure ? 465 : 587) : Number(url.port),
    secure,
    requireTLS: !secure && !plain,
    ignoreTLS: !secure && plain,
    auth: user === '' ? undefined : { user, pass: decodeURIComponent(url.password) },
    tls: { rejectUnauthorized: url.searchParams.get('skip_ssl_verify') !== 'true' },
    // A worker's claim outlives any send (see worker.ts LEASE_MS); these keep a dead server from holding it.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  };
};

/**
 * The URI is checked at once, so a bad one stops the start; nodemailer itself loads with the first
 * message (a tenth of a start's CPU otherwise: docs/decisions/0002-hot-path-performance.md).
 */
export const smtpTransport = (settings: SmtpSettings): MailTransport => {
  const options = { ...smtpOptions(settings.smtpConnectionUri), pool: true, maxConnections: 1 };
  const from = { name: settings.fromName, address: settings.fromAddress };
  let transporter: Promise<Transporter> | undefined;
  return {
    async send(message) {
      transporter ??= import('nodemailer').then(({ createTransport }) => createTransport(options));
      await (await transporter).sendMail({ from, to: message.recipient, subject: message.subject, text: message.body });
    },
    close: () => void transporter?.then((ready) => ready.close()),
  };
};
