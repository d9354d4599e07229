/**
 * The service's SQLite file with its checkpoints on a thread of their own: the commits no longer
 * copy the WAL into the database (SQLite's own checkpoint is pushed back to 16,000 pages), the
 * thread does, and nothing written is lost across a close and a reopen.
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqliteDriver, Store } from '../src/store';

test('the thread copies 6 MB of reports into the database file while the commits only append', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'aix-checkpoint-'));
  const file = path.join(dir, 's.sqlite');
  const driver = new SqliteDriver(file, { backgroundCheckpoints: true });
  const store = new Store(driver, dir, Date.now);
  await store.ready;
  expect(driver.db.pragma('wal_autocheckpoint', { simple: true })).toBe(16_000);
  const reports = Array.from({ length: 60 }, (_, i) => JSON.stringify({ i, filler: `${'x'.repeat(100_000)}${i}` }));
  const saved = [];
  for (const [i, report] of reports.entries()) saved.push(await store.analyses.save('me', `h${i}`, {}, report));
  // 1,500 pages of WAL, far below the commits' own checkpoint: only the thread can grow the file.
  const deadline = Date.now() + 10_000;
  while (statSync(file).size < 6e6 && Date.now() < deadline) await sleep(50);
  expect(statSync(file).size).toBeGreaterThan(6e6);
  await store.close();

  const reopened = new Store(new SqliteDriver(file), dir, Date.now);
  await reopened.ready;
  for (const [i, s] of saved.entries()) expect((await reopened.analyses.get(s.id, 'me'))?.reportJson).toBe(reports[i]);
  await reopened.close();
});

test('without the thread, a store of the same reports keeps them in its WAL until SQLite checkpoints', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'aix-checkpoint-'));
  const file = path.join(dir, 's.sqlite');
  const driver = new SqliteDriver(file);
  driver.db.pragma('wal_autocheckpoint = 16000'); // as the service's connection, with no thread behind it
  const store = new Store(driver, dir, Date.now);
  await store.ready;
  for (let i = 0; i < 60; i++)
    await store.analyses.save('me', `h${i}`, {}, JSON.stringify({ i, f: 'x'.repeat(100_000) }));
  await sleep(1000);
  // The control of the test above: its file grows only because the thread checkpoints.
  expect(statSync(file).size).toBeLessThan(1e6);
  await store.close();
});
