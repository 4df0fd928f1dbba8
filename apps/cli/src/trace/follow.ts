/**
 * `olympus trace <id> --follow`: polls the selection every second and prints each trace that is new
 * or has grown since it was last printed, until SIGINT or SIGTERM (then the command ends with 0).
 * A transient failure to reach the server is reported and polling goes on.
 */
import type { ApiClient } from '../http/api-client.ts';
import type { Io } from '../io.ts';
import { findTrace, readSelection, type FoundTrace, type TraceQuery } from './find-trace.ts';
import type { TraceEventResponse } from './trace-event.ts';
import { traceViews, type TraceView } from './trace-view.ts';

const POLL_MS = 1000;

export interface FollowInput {
  api: ApiClient;
  io: Io;
  id: string;
  query: TraceQuery;
  /** What was found before following began, if anything. */
  found: FoundTrace | undefined;
  /** Event counts of the traces already printed. */
  printed: Map<string, number>;
  print(view: TraceView, found: FoundTrace): void;
}

/** Resolves after `ms`, or at once when `stop` is called; the timer never holds the process open after a stop. */
const pause = (ms: number): { done: Promise<void>; stop: () => void } => {
  let stop = (): void => {};
  const done = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    stop = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  return { done, stop };
};

const poll = async ({ api, id, query, found }: FollowInput): Promise<FoundTrace | undefined> => {
  if (found === undefined) return findTrace(api, id, query);
  const events: TraceEventResponse[] = await readSelection(api, found.selection, query);
  return { ...found, events };
};

export const followTraces = async (input: FollowInput): Promise<void> => {
  let stopped = false;
  let current = pause(0);
  input.io.onShutdown(() => {
    stopped = true;
    current.stop();
  });
  let found = input.found;
  while (!stopped) {
    current = pause(POLL_MS);
    await current.done;
    if (stopped) break;
    try {
      found = (await poll({ ...input, found })) ?? found;
    } catch (error) {
      input.io.stderr(`Polling failed, trying again: ${(error as Error).message}\n`);
      continue;
    }
    if (found === undefined) continue;
    for (const view of traceViews(found.events, Date.now())) {
      if (input.printed.get(view.trace_id) === view.events.length) continue;
      input.printed.set(view.trace_id, view.events.length);
      input.print(view, found);
    }
  }
};
