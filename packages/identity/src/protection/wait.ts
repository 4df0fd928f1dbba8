import { setTimeout as sleep } from 'node:timers/promises';

/** A pause that holds one request, never the event loop; tests pass a recorder instead. */
export type Wait = (ms: number) => Promise<void>;

export const waitFor: Wait = async (ms) => {
  if (ms > 0) await sleep(ms);
};
