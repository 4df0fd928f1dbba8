/**
 * The courier worker: every second it claims a batch of due messages and sends them over SMTP.
 * Claims are atomic in the store, so every node of a cluster may run a worker. Without an SMTP URI
 * there is no worker: messages stay queued and form the dev inbox (`olympus courier list`).
 */
import type { Logger } from '@olympus/oauth2';
import type { OlympusConfig } from '@olympus/config';
import { MAX_SENDS, type CourierMessage } from './message.ts';
import { smtpTransport, type MailTransport } from './smtp.ts';
import type { CourierStore } from './store.ts';
import type { IdentityMetrics } from '../metrics-port.ts';

/** What the worker needs from the IdentityContext (the whole context fits). */
export interface CourierWorkerDeps {
  config: Pick<OlympusConfig, 'courier'>;
  storage: { courier: CourierStore };
  log: Logger;
  now: () => number;
  metrics?: Pick<IdentityMetrics, 'courierSent' | 'courierSendFailed'>;
}

export interface CourierWorkerOptions {
  /** Pause between polls when the last batch was not full (1 s). */
  intervalMs?: number;
  batchSize?: number;
  /** Defaults to SMTP from config; tests pass their own. */
  transport?: MailTransport;
}

export interface CourierWorker {
  /** Finishes the batch in flight, then stops polling and closes the SMTP connection. */
  stop(): Promise<void>;
}

const POLL_INTERVAL_MS = 1000;
const BATCH_SIZE = 10;
/** A claim older than this (a worker died mid-batch) is handed out again. */
/**
 * The reason of storage's StorageUnavailable (unreachable, timeout, read_only, …), recognised by name:
 * the identity core imports no storage code (docs/architecture.md §2).
 */
const storageOutageReason = (err: unknown): string | undefined => {
  const reason = (err as { reason?: unknown } | null)?.reason;
  return err instanceof Error && err.name === 'StorageUnavailable' && typeof reason === 'string' ? reason : undefined;
};

export const LEASE_MS = 5 * 60_000;
/** First retry after 15 s, then 30 s, 60 s, 120 s: five sends span about four minutes. */
export const retryDelayMs = (sendCount: number): number => 15_000 * 2 ** Math.max(0, sendCount - 1);

const sendOne = async (deps: CourierWorkerDeps, transport: MailTransport, message: CourierMessage): Promise<void> => {
  const fields = { courier_message_id: message.id, template_type: message.template_type };
  try {
    await transport.send(message);
  } catch (err) {
    const now = deps.now();
    const error = err instanceof Error ? err.message : String(err);
    const status = await deps.storage.courier.markFailed(message.id, {
      error, now, retryAt: now + retryDelayMs(message.send_count + 1), maxSends: MAX_SENDS,
    });
    deps.metrics?.courierSendFailed(status === 'abandoned');
    if (status === 'abandoned') deps.log.error({ ...fields, error }, `courier message abandoned after ${MAX_SENDS} failed sends`);
    else deps.log.warn({ ...fields, error }, 'courier send failed; will retry');
    return;
  }
  await deps.storage.courier.markSent(message.id, deps.now());
  deps.metrics?.courierSent();
  deps.log.info(fields, 'courier message sent');
};

/** One round: claim a batch and send it; resolves to the number of messages handled. */
export const deliverDueMessages = async (deps: CourierWorkerDeps, transport: MailTransport, batchSize = BATCH_SIZE): Promise<number> => {
  const batch = await deps.storage.courier.claim(batchSize, deps.now(), LEASE_MS);
  for (const message of batch) await sendOne(deps, transport, message);
  return batch.length;
};

const idleWorker: CourierWorker = { stop: async () => {} };

export const startCourierWorker = (deps: CourierWorkerDeps, options: CourierWorkerOptions = {}): CourierWorker => {
  if (options.transport === undefined && deps.config.courier.smtpConnectionUri === '') {
    deps.log.info('courier: no SMTP connection URI configured; messages stay queued in the dev inbox (olympus courier list)');
    return idleWorker;
  }
  const transport = options.transport ?? smtpTransport(deps.config.courier);
  const interval = options.intervalMs ?? POLL_INTERVAL_MS;
  const batchSize = options.batchSize ?? BATCH_SIZE;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const schedule = (delay: number): void => {
    if (!stopped) timer = setTimeout(tick, delay).unref();
  };
  const tick = (): void => {
    inFlight = deliverDueMessages(deps, transport, batchSize).then(
      (handled) => schedule(handled === batchSize ? 0 : interval),
      (err: unknown) => {
        const outage = storageOutageReason(err);
        // A database outage (docs/operations/faults.md) is one warn line per poll with its reason, not a stack each time.
        if (outage !== undefined) deps.log.warn({ reason: outage }, 'courier round skipped: the database is unavailable; retrying at the next poll');
        else deps.log.error({ err }, 'courier round failed; retrying at the next poll');
        schedule(interval);
      },
    );
  };
  schedule(0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
      transport.close();
    },
  };
};
