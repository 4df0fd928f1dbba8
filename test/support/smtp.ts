/**
 * A plain loopback SMTP server (no TLS, no AUTH) that hands over each message's raw text, one by one
 * (`nextMail`) or all of them (`received`, for exactly-once checks).
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export const startSmtp = async () => {
  const waiting: Array<(raw: string) => void> = [];
  const received: string[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push(raw);
        waiting.shift()?.(raw);
        callback();
      });
    },
  });
  const listening = server.listen(0, '127.0.0.1');
  await new Promise((resolve) => listening.once('listening', resolve));
  const port = (listening.address() as AddressInfo).port;
  return {
    port,
    uri: `smtp://127.0.0.1:${port}/?disable_starttls=true`,
    received,
    nextMail: () => new Promise<string>((resolve) => waiting.push(resolve)),
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  };
};
