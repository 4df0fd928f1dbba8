import { Worker } from 'node:worker_threads';

/** What the checkpoint thread opens (sqlite-checkpoint-worker.ts). */
export interface CheckpointerData {
  path: string;
  synchronousFull: boolean;
  busyTimeoutMs: number;
}

export type CheckpointKind = 'passive' | 'restart';
export type CheckpointerRequest = CheckpointKind | 'stop';

/** `PRAGMA wal_checkpoint`'s row: whether it was kept from finishing, WAL frames, frames copied back. */
export interface CheckpointDone {
  busy: number;
  log: number;
  checkpointed: number;
}

export interface CheckpointThreadEvents {
  /** Its connection is open: checkpoints may be asked for. */
  ready(): void;
  /** It died (an I/O error, say); it is not restarted. */
  failed(error: Error): void;
}

/** The checkpoint worker thread seen from the serving thread: one request at a time, answered in order. */
export class CheckpointThread {
  readonly #worker: Worker;
  readonly #events: CheckpointThreadEvents;
  #answer: { resolve: (done: CheckpointDone) => void; reject: (error: Error) => void } | undefined;
  #exited: Promise<void>;
  #stopping = false;
  #failed = false;

  constructor(data: CheckpointerData, events: CheckpointThreadEvents) {
    this.#events = events;
    this.#worker = new Worker(new URL('./sqlite-checkpoint-worker.ts', import.meta.url), { workerData: data });
    this.#worker.on('message', (message: 'ready' | CheckpointDone) => {
      if (message === 'ready') return this.#events.ready();
      const answer = this.#answer;
      this.#answer = undefined;
      answer?.resolve(message);
    });
    this.#worker.on('error', (error) => this.#fail(error));
    this.#exited = new Promise((resolve) => this.#worker.once('exit', (code) => {
      if (!this.#stopping) this.#fail(new Error(`the SQLite checkpoint thread exited with code ${code}`));
      resolve();
    }));
    // A Db nobody closes (a test, a one-shot CLI command) must not keep the process alive for it.
    // After the listeners: adding a 'message' listener refs the worker's port again.
    this.#worker.unref();
  }

  run(kind: CheckpointKind): Promise<CheckpointDone> {
    if (this.#failed) return Promise.reject(new Error('the SQLite checkpoint thread has failed'));
    return new Promise((resolve, reject) => {
      this.#answer = { resolve, reject };
      this.#worker.postMessage(kind satisfies CheckpointerRequest);
    });
  }

  /** Ends the thread once the checkpoint it is running, if any, is done. */
  async stop(): Promise<void> {
    this.#stopping = true;
    if (!this.#failed) {
      this.#worker.ref();
      this.#worker.postMessage('stop' satisfies CheckpointerRequest);
    }
    await this.#exited;
  }

  #fail(error: Error): void {
    if (this.#failed) return;
    this.#failed = true;
    this.#answer?.reject(error);
    this.#answer = undefined;
    this.#events.failed(error);
  }
}
