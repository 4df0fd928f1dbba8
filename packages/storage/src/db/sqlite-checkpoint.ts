/**
 * WAL checkpoints off the event loop (docs/operations/faults.md, "WAL checkpoints"). SQLite runs its
 * automatic checkpoint inside the COMMIT that pushes the WAL past 1,000 pages: that commit, on the
 * serving thread, then takes two fsyncs (30–200 ms instead of ≈0.1 ms). Here the serving connection
 * turns that off, and a worker thread with its own connection (sqlite-checkpoint-worker.ts) copies
 * the WAL back into the database file meanwhile. Durability is unchanged: a commit is durable once
 * it is in the WAL; a checkpoint only moves pages from there into the main file.
 *
 * Under constant writes a PASSIVE checkpoint never catches up with the last frames, so the WAL would
 * never start over: past `hardPages` the serving connection pauses its statements (asynchronously;
 * the event loop keeps running) while the worker runs a RESTART, which copies the few frames left.
 */
import { statSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { CheckpointThread, type CheckpointerData } from './sqlite-checkpoint-thread.ts';

export interface CheckpointSizes {
  /** WAL pages not yet copied back that start a checkpoint on the worker: SQLite's own autocheckpoint size. */
  softPages: number;
  /** WAL pages past which the WAL is made to start over; with journal_size_limit, the WAL's bound. */
  hardPages: number;
  /** How often the WAL file's size is read (one stat call). */
  pollMs: number;
}

export const CHECKPOINT_SIZES: CheckpointSizes = { softPages: 1000, hardPages: 4000, pollMs: 100 };

/** SQLite's default `wal_autocheckpoint`, put back if the worker fails (https://sqlite.org/pragma.html#pragma_wal_autocheckpoint). */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;
/** https://sqlite.org/fileformat2.html#walformat: a 32-byte header, then frames of a 24-byte header and one page. */
const WAL_HEADER_BYTES = 32;
const FRAME_HEADER_BYTES = 24;

/** Runs `fn` while no statement of the serving connection runs and no transaction is open on it. */
export type PauseStatements = (fn: () => Promise<void>) => Promise<void>;

export class WalCheckpoints {
  readonly #raw: DatabaseSync;
  readonly #data: CheckpointerData;
  readonly #sizes: CheckpointSizes;
  readonly #frameBytes: number;
  readonly #pause: PauseStatements;
  readonly #timer: NodeJS.Timeout;
  #thread: CheckpointThread | undefined;
  #ready = false;
  #off = false;
  #running: Promise<void> | undefined;
  /** The WAL size past which the worker runs the next PASSIVE checkpoint. */
  #next: number;
  #lastSize = 0;
  /** The WAL size right after a RESTART, so an idle WAL is not restarted again and again. */
  #restartedAt = 0;

  constructor(raw: DatabaseSync, data: CheckpointerData, pause: PauseStatements, sizes: CheckpointSizes = CHECKPOINT_SIZES) {
    this.#raw = raw;
    this.#data = data;
    this.#sizes = sizes;
    this.#pause = pause;
    this.#frameBytes = (raw.prepare('PRAGMA page_size').get() as { page_size: number }).page_size + FRAME_HEADER_BYTES;
    this.#next = this.#bytes(sizes.softPages);
    // A WAL that starts over is cut back to the soft size instead of keeping its largest extent.
    raw.exec(`PRAGMA journal_size_limit = ${this.#bytes(sizes.softPages)}`);
    this.#timer = setInterval(() => this.#poll(), sizes.pollMs).unref();
  }

  /** Waits for a checkpoint under way, then ends the thread; the serving connection closes after. */
  async stop(): Promise<void> {
    this.#off = true;
    clearInterval(this.#timer);
    await this.#running;
    await this.#thread?.stop();
  }

  #bytes(frames: number): number {
    return WAL_HEADER_BYTES + frames * this.#frameBytes;
  }

  #walSize(): number {
    return statSync(`${this.#data.path}-wal`, { throwIfNoEntry: false })?.size ?? 0;
  }

  #poll(): void {
    if (this.#running !== undefined || this.#off) return;
    const size = this.#walSize();
    // Smaller than before: the WAL started over and journal_size_limit cut it.
    if (size < this.#lastSize) [this.#next, this.#restartedAt] = [this.#bytes(this.#sizes.softPages), 0];
    this.#lastSize = size;
    // The thread starts once there is a WAL worth checkpointing: a Db that barely writes (most
    // tests, a CLI command) never pays for one, and SQLite's own checkpoints cover until it is ready.
    if (this.#thread === undefined) {
      if (size > this.#bytes(this.#sizes.softPages / 4)) this.#start();
    } else if (!this.#ready) {
      return;
    } else if (size > this.#bytes(this.#sizes.hardPages) && size > this.#restartedAt) {
      this.#track(this.#restart());
    } else if (size > this.#next) {
      this.#track(this.#passive());
    }
  }

  #start(): void {
    this.#thread = new CheckpointThread(this.#data, {
      ready: () => {
        if (this.#off) return;
        this.#raw.exec('PRAGMA wal_autocheckpoint = 0');
        this.#ready = true;
      },
      failed: (error) => this.#fail(error),
    });
  }

  async #passive(): Promise<void> {
    const done = await this.#thread!.run('passive');
    this.#next = this.#bytes(Math.max(done.checkpointed, 0) + this.#sizes.softPages);
  }

  async #restart(): Promise<void> {
    await this.#pause(async () => {
      await this.#thread!.run('restart');
      this.#restartedAt = this.#next = this.#walSize();
    });
  }

  #track(work: Promise<void>): void {
    this.#running = work.catch((error: Error) => this.#fail(error)).finally(() => (this.#running = undefined));
  }

  /** Without the thread, checkpoints go back inside commits, as SQLite does by default: slower, never unbounded. */
  #fail(error: Error): void {
    if (this.#off) return;
    this.#off = true;
    clearInterval(this.#timer);
    this.#raw.exec(`PRAGMA wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
    process.emitWarning(`SQLite checkpoints run inside commits again: the checkpoint thread failed (${error.message})`);
  }
}
