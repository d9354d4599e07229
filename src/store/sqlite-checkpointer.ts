import { Worker } from 'node:worker_threads';

/** How often the background connection copies the WAL into the database while the WAL is short. */
const CHECKPOINT_EVERY_MS = 250;
/** Past this many frames (SQLite's own threshold, about 4 MB), it copies again soon after each pass. */
const CHASE_PAST_FRAMES = 1000;
const CHASE_EVERY_MS = 5;
/**
 * Past this many (16 MB), the next pass holds writers back until it has copied every frame, so the
 * log starts over; it waits for them at most 100 ms (a commit waits as long for it, at worst).
 */
const RESTART_PAST_FRAMES = 4000;
const RESTART_WAIT_MS = 100;

/**
 * The thread: its own connection, PASSIVE checkpoints (writers go on appending while it copies),
 * closed when told. The WAL starts over only when a write begins with every frame already copied;
 * under steady writes a commit usually lands while a pass copies, so a long WAL is chased with
 * passes 5 ms apart until one catches up just before a write. Plain JavaScript evaluated as a
 * worker, so it runs the same from dist/ and under the tests' TypeScript loader; better-sqlite3 is
 * resolved by the parent.
 */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma('busy_timeout = ' + workerData.restartWaitMs);
let timer;
let restart = false;
const pass = () => {
  const [{ log }] = db.pragma(restart ? 'wal_checkpoint(RESTART)' : 'wal_checkpoint(PASSIVE)');
  restart = log > workerData.restartPastFrames;
  timer = setTimeout(pass, log > workerData.chasePastFrames ? workerData.chaseEveryMs : workerData.everyMs);
};
timer = setTimeout(pass, workerData.everyMs);
parentPort.once('message', () => {
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Checkpoints of a WAL database on a thread of their own. SQLite's automatic checkpoint runs inside
 * the commit that crosses 1,000 pages, on the service's request thread: with 100 KB reports that
 * was one commit in forty taking 30-40 ms (it copies 4 MB and syncs the file twice). Measured here
 * through SqliteDriver, 20 s of 100 KB commits:
 * - 100 a second: SQLite's own checkpoints gave a p99 of 46 ms (42 of 1,620 commits over 10 ms);
 *   this thread, a p99 of 1.6-2.6 ms, at most 4-14 ms, the WAL under 6.6 MB (three runs).
 * - 245 a second: a WAL of at most 17 MB, commits of at most 21-37 ms, 19-28 of 5,180 over 10 ms
 *   (the restarts; two runs). With passive passes every 250 ms alone the WAL reached the 64 MB backstop and that
 *   commit took 260 ms.
 * `onFailure` is told if the thread stops, so the caller can checkpoint inline again.
 */
export class BackgroundCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;

  constructor(file: string, onFailure: (err: Error) => void) {
    this.worker = new Worker(SOURCE, {
      eval: true,
      workerData: {
        file,
        module: require.resolve('better-sqlite3'),
        everyMs: CHECKPOINT_EVERY_MS,
        chasePastFrames: CHASE_PAST_FRAMES,
        chaseEveryMs: CHASE_EVERY_MS,
        restartPastFrames: RESTART_PAST_FRAMES,
        restartWaitMs: RESTART_WAIT_MS,
      },
    });
    this.worker.once('error', onFailure);
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    // Not a reason to stay alive on its own; close() holds the process until the thread is done.
    this.worker.unref();
  }

  /** Stops the thread after its current checkpoint, and closes its connection. */
  async close(): Promise<void> {
    this.worker.ref();
    this.worker.postMessage('close');
    await this.exited;
  }
}
