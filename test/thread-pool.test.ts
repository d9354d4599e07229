/** The thread pool under the service and the batches: time budgets, replaced threads, errors that cross intact. */
import path from 'node:path';
import { AppError } from '../src/errors';
import { ThreadPool } from '../src/shared/thread-pool';

const script = path.join(__dirname, 'helpers/test-worker.cjs');
const timeoutError = (ms: number) =>
  new AppError('unprocessable', 'import_timeout', { params: { seconds: ms / 1000 } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a task past its budget is stopped and its thread replaced; the budget starts once the thread is loaded', async () => {
  const pool = new ThreadPool({ script, threads: 1, taskTimeoutMs: 500, timeoutError });
  try {
    // Posted before the thread has loaded (it takes longer than the budget to start): still within budget.
    expect(await pool.run('spin', 100)).toBe('spun');
    const started = Date.now();
    await expect(pool.run('spin', 10_000)).rejects.toMatchObject({ code: 'import_timeout' });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await pool.run('spin', 10)).toBe('spun');
    expect(pool.stats).toEqual({ threads: 1, busy: 0, queued: 0 });
  } finally {
    await pool.close();
  }
}, 30_000);

test('the budget waits while the main thread answers a request (the network is not the file)', async () => {
  const pool = new ThreadPool({
    script,
    threads: 1,
    taskTimeoutMs: 400,
    timeoutError,
    onRequest: async (_kind, ms) => {
      await sleep(ms as number);
      return 'answered';
    },
  });
  try {
    expect(await pool.run('ask', 1_500)).toBe('answered');
  } finally {
    await pool.close();
  }
}, 30_000);

test('AppErrors cross intact; a bug becomes an internal error; a full queue is busy at once', async () => {
  const pool = new ThreadPool({ script, threads: 1, maxQueue: 1, taskTimeoutMs: 10_000, timeoutError });
  try {
    await expect(pool.run('refuse', null)).rejects.toMatchObject({
      kind: 'unprocessable',
      code: 'import_timeout',
      params: { seconds: 7 },
    });
    const bug = pool.run('crash', null);
    await expect(bug).rejects.toBeInstanceOf(AppError);
    await expect(bug).rejects.toMatchObject({ kind: 'internal', code: 'internal', message: 'internal error' });
    const running = pool.run('spin', 300);
    const queued = pool.run('spin', 10);
    await expect(pool.run('spin', 10)).rejects.toMatchObject({ kind: 'busy', code: 'busy' });
    await Promise.all([running, queued]);
  } finally {
    await pool.close();
  }
}, 30_000);
