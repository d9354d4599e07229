/**
 * The service's SQLite file with its checkpoints on a thread of their own: the commits no longer
 * copy the WAL into the database (SQLite's own checkpoint is pushed back to 16,000 pages), the
 * thread does, the log still starts over under steady writes, nothing written is lost across a
 * close and a reopen, a close finishes before the process may exit, and a thread that stops hands
 * the checkpoints back to the commits and says so.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqliteDriver, Store } from '../src/store';
import { ROOT } from './helpers/paths';

const freshFile = () => path.join(mkdtempSync(path.join(tmpdir(), 'aix-checkpoint-')), 's.sqlite');
const report = (i: number) => JSON.stringify({ i, filler: 'x'.repeat(100_000) });

test('the thread copies 6 MB of reports into the database file while the commits only append', async () => {
  const file = freshFile();
  const driver = new SqliteDriver(file, { backgroundCheckpoints: true });
  const store = new Store(driver, path.dirname(file), Date.now);
  await store.ready;
  expect(driver.db.pragma('wal_autocheckpoint', { simple: true })).toBe(16_000);
  const reports = Array.from({ length: 60 }, (_, i) => report(i));
  const saved = [];
  for (const [i, json] of reports.entries()) saved.push(await store.analyses.save('me', `h${i}`, {}, json));
  // 1,500 pages of WAL, far below the commits' own checkpoint: only the thread can grow the file.
  const deadline = Date.now() + 10_000;
  while (statSync(file).size < 6e6 && Date.now() < deadline) await sleep(50);
  expect(statSync(file).size).toBeGreaterThan(6e6);
  await store.close();

  const reopened = new Store(new SqliteDriver(file), path.dirname(file), Date.now);
  await reopened.ready;
  for (const [i, s] of saved.entries()) expect((await reopened.analyses.get(s.id, 'me'))?.reportJson).toBe(reports[i]);
  await reopened.close();
});

test('without the thread, a store of the same reports keeps them in its WAL until SQLite checkpoints', async () => {
  const file = freshFile();
  const driver = new SqliteDriver(file);
  driver.db.pragma('wal_autocheckpoint = 16000'); // as the service's connection, with no thread behind it
  const store = new Store(driver, path.dirname(file), Date.now);
  await store.ready;
  for (let i = 0; i < 60; i++) await store.analyses.save('me', `h${i}`, {}, report(i));
  await sleep(1000);
  // The control of the test above: its file grows only because the thread checkpoints.
  expect(statSync(file).size).toBeLessThan(1e6);
  await store.close();
});

/** The WAL file's largest size while `commits` reports of 100 KB are stored, `gapMs` apart. */
async function largestWal(commits: number, gapMs: number): Promise<number> {
  const file = freshFile();
  const store = new Store(new SqliteDriver(file, { backgroundCheckpoints: true }), path.dirname(file), Date.now);
  await store.ready;
  let largest = 0;
  for (let i = 0; i < commits; i++) {
    await store.analyses.save('me', `h${i}`, {}, report(i));
    largest = Math.max(largest, statSync(`${file}-wal`).size);
    await sleep(gapMs);
  }
  await store.close();
  return largest;
}

// A passive pass rarely ends between two commits, and the log only starts over when a write
// begins with every frame copied: without help the WAL would grow to the 64 MB backstop.
test('under steady writes the log starts over: a commit every 5 ms keeps the WAL under 14 MB', async () => {
  // 7-9 MB here; 26 MB when the thread does not chase a long log
  expect(await largestWal(300, 5)).toBeLessThan(14e6);
});

test('a commit every 2 ms, faster than a pass: the thread holds writers back once to restart the log', async () => {
  // 17 MB here; 53 MB when it only ever copies passively
  expect(await largestWal(400, 2)).toBeLessThan(24e6);
});

test('a close is finished before the process exits: the WAL is folded in and its file removed', () => {
  const file = freshFile();
  const script = `
    const { SqliteDriver } = require(${JSON.stringify(path.join(ROOT, 'src/store/sqlite-driver.ts'))});
    const driver = new SqliteDriver(${JSON.stringify(file)}, { backgroundCheckpoints: true });
    driver.db.exec('CREATE TABLE t (x TEXT)');
    driver.db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(100000));
    // Closed once the thread runs its passes, as when the service shuts down.
    setTimeout(() => driver.close().then(() => console.log('closed')), 500);
  `;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(out.trim()).toBe('closed');
  expect(existsSync(`${file}-wal`)).toBe(false);
});

test('a thread that cannot run hands the checkpoints back to the commits and reports why', async () => {
  const file = freshFile();
  const failures: Error[] = [];
  const driver = new SqliteDriver(file, {
    backgroundCheckpoints: true,
    onCheckpointerFailure: (err) => failures.push(err),
  });
  // The thread opens the file by name once it has started; by then its folder is gone.
  renameSync(path.dirname(file), `${path.dirname(file)}-moved`);
  const deadline = Date.now() + 10_000;
  while (failures.length === 0 && Date.now() < deadline) await sleep(20);
  expect(failures).toHaveLength(1);
  expect(driver.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  await driver.close();
});
