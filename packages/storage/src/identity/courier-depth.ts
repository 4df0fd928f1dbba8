import type { Db } from '../db/types.ts';

export interface CourierDepth {
  /** Messages waiting to be sent, due or retrying later. */
  queued: number;
  /** Messages a worker claimed and is sending (or died sending: see courier/worker.ts LEASE_MS). */
  processing: number;
}

/**
 * The courier queue's depth for the operator's metrics (docs/operations/observability.md): read at
 * scrape time, not on the request path. Sent and abandoned messages are history, not queue.
 */
export const courierQueueDepth = async (db: Db): Promise<CourierDepth> => {
  const rows = await db.query<{ status: string; n: number }>(
    "SELECT status, COUNT(*) AS n FROM courier_messages WHERE status IN ('queued', 'processing') GROUP BY status",
  );
  const count = (status: string): number => Number(rows.find((row) => row.status === status)?.n ?? 0);
  return { queued: count('queued'), processing: count('processing') };
};
