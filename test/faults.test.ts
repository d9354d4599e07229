/** Faults of the machine, not of the request: full or unwritable disk, a locked database, a kill, a SIGTERM. */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import request from 'supertest';
import { DemoMarketData } from '../src/market';
import { createApp } from '../src/server/app';
import { AnalysisStore } from '../src/server/analysis-store';
import { BatchService } from '../src/server/batch-service';
import { ThreadEngine } from '../src/batch';
import { ROOT } from './helpers/paths';

const logger = pino({ level: 'silent' });
const CSV = 'symbol,quantity\nNVDA,10\nSPY,3\n';
const tmp = () => mkdtempSync(path.join(tmpdir(), 'aix-fault-'));

async function storedId(app: ReturnType<typeof createApp>): Promise<string> {
  const res = await request(app).post('/api/v1/analyses').set('Content-Type', 'text/csv').send(CSV);
  expect(res.status).toBe(201);
  return res.body.id as string;
}

test('disk full while writing a report: 507 in the envelope, no file left behind', async () => {
  const dir = tmp();
  const full = async () => {
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  };
  const app = createApp({
    market: new DemoMarketData(),
    store: new AnalysisStore(path.join(dir, 'a.sqlite'), path.join(dir, 'reports'), Date.now, { writeFile: full }),
    logger,
    maxUploadBytes: 1 << 20,
  });
  const id = await storedId(app);
  const res = await request(app).get(`/api/v1/analyses/${id}/report.html`);
  expect(res.status).toBe(507);
  expect(res.body.error).toMatchObject({
    code: 'insufficient_storage',
    message: 'no space left to store the report file',
  });
  expect(existsSync(path.join(dir, 'reports', id))).toBe(false);
});

test('an unwritable reports folder: a clear 500 envelope naming the cause, nothing partial', async () => {
  const dir = tmp();
  writeFileSync(path.join(dir, 'not-a-folder'), 'x');
  const app = createApp({
    market: new DemoMarketData(),
    store: new AnalysisStore(path.join(dir, 'a.sqlite'), path.join(dir, 'not-a-folder', 'reports')),
    logger,
    maxUploadBytes: 1 << 20,
  });
  const id = await storedId(app);
  const res = await request(app).get(`/api/v1/analyses/${id}/report.pdf`);
  expect(res.status).toBe(500);
  expect(res.body.error).toMatchObject({
    code: 'storage_unavailable',
    message: 'the report file cannot be written (ENOTDIR)',
  });
});

test('a database locked by another writer: waited for, then a clear 503 with Retry-After', async () => {
  const dir = tmp();
  const file = path.join(dir, 'a.sqlite');
  const app = createApp({
    market: new DemoMarketData(),
    store: new AnalysisStore(file, dir, Date.now, { busyTimeoutMs: 200 }),
    logger,
    maxUploadBytes: 1 << 20,
  });
  const other = new Database(file);
  other.exec('BEGIN EXCLUSIVE');
  try {
    const started = Date.now();
    const res = await request(app).post('/api/v1/analyses').set('Content-Type', 'text/csv').send(CSV);
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body.error.code).toBe('storage_busy');
    expect(Date.now() - started).toBeGreaterThanOrEqual(200); // it waited before giving up
  } finally {
    other.exec('ROLLBACK');
    other.close();
  }
  expect((await request(app).post('/api/v1/analyses').set('Content-Type', 'text/csv').send(CSV)).status).toBe(201);
});

test('a process killed while writing reports leaves no half-written report visible, and restart clears the leftovers', async () => {
  const dir = tmp();
  const id = '3b241101-e2bb-4255-8caf-4136c566a962';
  mkdirSync(path.join(dir, id), { recursive: true });
  const script = path.join(dir, 'writer.ts');
  writeFileSync(
    script,
    `import { writeFileAtomic } from ${JSON.stringify(path.join(ROOT, 'src/shared/atomic-write'))};
(async () => {
  const big = Buffer.alloc(8 << 20, 7);
  for (let k = 0; ; k++) {
    await writeFileAtomic(${JSON.stringify(path.join(dir, id))} + '/report.en.A4.pdf', big);
    if (k === 1) process.stdout.write('writing\\n');
  }
})();
`,
  );
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  await new Promise((r) => setTimeout(r, 150));
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  const visible = readdirSync(path.join(dir, id)).filter((n) => !n.startsWith('.'));
  expect(visible).toEqual(['report.en.A4.pdf']);
  expect(statSync(path.join(dir, id, 'report.en.A4.pdf')).size).toBe(8 << 20);
  expect(readFileSync(path.join(dir, id, 'report.en.A4.pdf')).every((b) => b === 7)).toBe(true);
  new AnalysisStore(path.join(dir, 'a.sqlite'), dir).close();
  expect(readdirSync(path.join(dir, id))).toEqual(['report.en.A4.pdf']);
}, 60_000);

test('SIGTERM: in-flight requests finish, new ones are refused, the process exits 0', async () => {
  const dir = tmp();
  const port = 3400 + Math.floor(Math.random() * 400);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/server/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      MARKET_DATA: 'demo',
      LOG_LEVEL: 'silent',
      ANALYSES_DB: path.join(dir, 'a.sqlite'),
      REPORTS_DIR: path.join(dir, 'reports'),
      WORKER_THREADS: '1',
    },
    stdio: 'ignore',
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (
      await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const inFlight = fetch(`${base}/api/v1/analyses`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: readFileSync(path.join(ROOT, 'data/examples/portfolio.csv')),
  });
  await new Promise((r) => setTimeout(r, 100));
  child.kill('SIGTERM');
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  expect((await inFlight).status).toBe(201);
  expect(await exited).toBe(0);
  await expect(fetch(`${base}/healthz`)).rejects.toThrow();
}, 60_000);

test('a batch whose folder cannot be written fails as a whole, saying why; the next batch runs', async () => {
  const dir = tmp();
  const market = new DemoMarketData();
  const batches = new BatchService({ market, dir, engine: new ThreadEngine(1), logger });
  const app = createApp({
    market,
    store: new AnalysisStore(':memory:', dir),
    logger,
    maxUploadBytes: 1 << 20,
    batches,
  });
  const lines = '{"id":"a","holdings":[{"symbol":"NVDA","quantity":1}]}';
  const first = await request(app).post('/api/v1/batches').set('Content-Type', 'application/x-ndjson').send(lines);
  expect(first.status).toBe(202);
  writeFileSync(path.join(dir, first.body.id, 'portfolios'), 'not a folder'); // before any report is written
  await batches.idle();
  const failed = await request(app).get(`/api/v1/batches/${first.body.id}`);
  expect(failed.body).toMatchObject({
    state: 'failed',
    errorCode: 'storage_unavailable',
    error: 'the report cannot be written (ENOTDIR)',
  });
  const second = await request(app).post('/api/v1/batches').set('Content-Type', 'application/x-ndjson').send(lines);
  await batches.idle();
  expect((await request(app).get(`/api/v1/batches/${second.body.id}`)).body.state).toBe('done');
}, 60_000);
