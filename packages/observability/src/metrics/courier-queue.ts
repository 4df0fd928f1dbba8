import { Gauge, type Registry } from 'prom-client';

export interface CourierDepth {
  queued: number;
  processing: number;
}

/**
 * The courier queue's depth, counted in the database at scrape time (the queue is shared by every
 * node, so each node reports the same number). A failed count keeps the last value rather than
 * failing the whole scrape.
 */
export const courierQueueMetrics = (registry: Registry): ((read: () => Promise<CourierDepth>) => void) => {
  let read: (() => Promise<CourierDepth>) | undefined;
  new Gauge({
    name: 'olympus_courier_queue_depth',
    help: 'Courier messages queued or being sent, by status (shared by all nodes).',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      if (read === undefined) return;
      const depth = await read().catch(() => undefined);
      if (depth === undefined) return;
      this.labels('queued').set(depth.queued);
      this.labels('processing').set(depth.processing);
    },
  });
  return (reader) => {
    read = reader;
  };
};
