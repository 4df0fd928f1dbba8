/**
 * The checkpointer's thread (sqlite-checkpoint.ts): its own connection to the serving connection's
 * file, running the checkpoint it is asked for. The two fsyncs a checkpoint costs happen here
 * instead of inside a COMMIT on the event loop (docs/operations/faults.md, "WAL checkpoints").
 */
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';
import type { CheckpointDone, CheckpointerData, CheckpointerRequest } from './sqlite-checkpoint-thread.ts';

const { path, synchronousFull, busyTimeoutMs } = workerData as CheckpointerData;
const port = parentPort!;
const db = new DatabaseSync(path);
// Only RESTART waits for locks (for another process' readers): here, not on the event loop.
db.exec(`PRAGMA busy_timeout = ${busyTimeoutMs}`);
// A checkpoint syncs the WAL and then the database file under NORMAL too; FULL keeps the serving
// connection's choice rather than relying on that.
db.exec(`PRAGMA synchronous = ${synchronousFull ? 'FULL' : 'NORMAL'}`);
// PASSIVE takes no lock a writer needs and never waits, so the serving thread keeps committing;
// RESTART also makes the next writer start the WAL over (https://sqlite.org/c3ref/wal_checkpoint_v2.html).
const checkpoints = {
  passive: db.prepare('PRAGMA wal_checkpoint(PASSIVE)'),
  restart: db.prepare('PRAGMA wal_checkpoint(RESTART)'),
};

port.on('message', (request: CheckpointerRequest) => {
  if (request === 'stop') {
    // The serving connection is still open, so closing this one neither checkpoints nor deletes
    // the WAL: the serving connection does both when it closes, last, as before.
    db.close();
    port.close();
    return;
  }
  const row = checkpoints[request].get() as { busy: number; log: number; checkpointed: number };
  port.postMessage({ busy: row.busy, log: row.log, checkpointed: row.checkpointed } satisfies CheckpointDone);
});
port.postMessage('ready');
