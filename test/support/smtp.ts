/** A plain loopback SMTP server (no TLS, no AUTH) that hands over each message's raw text. */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export const startSmtp = async () => {
  const waiting: Array<(raw: string) => void> = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        waiting.shift()?.(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  const listening = server.listen(0, '127.0.0.1');
  await new Promise((resolve) => listening.once('listening', resolve));
  return {
    port: (listening.address() as AddressInfo).port,
    nextMail: () => new Promise<string>((resolve) => waiting.push(resolve)),
    close: () => new Promise<void>((resolve) => server.close(resolve)),
  };
};
