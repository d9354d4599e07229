/**
 * Issue #13's reproductions, each sent to a running service (worker pool, batches on threads, the
 * real shared prices): every one gets its 4xx (or its failed rows), and /healthz keeps answering
 * within 1 s while the hostile upload is being read, for a single upload, a preview and a batch.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'fflate';
import { pino } from 'pino';
import { BATCH_LIMITS, ThreadEngine } from '../src/batch';
import { CsvMarketData } from '../src/market';
import { AnalysisStore } from '../src/server/analysis-store';
import { createApp } from '../src/server/app';
import { BatchService } from '../src/server/batch-service';
import { WorkerPool } from '../src/server/worker-pool';
import { ETF_DIR, PRICES_DIR } from './helpers/paths';
import { buildZip, copies, deflated } from './helpers/zip';

const logger = pino({ level: 'silent' });
const dir = mkdtempSync(path.join(tmpdir(), 'aix-hostile-'));
const market = new CsvMarketData({ pricesDir: PRICES_DIR, etfHoldingsDir: ETF_DIR });
const pool = new WorkerPool({
  market: { kind: 'csv', pricesDir: PRICES_DIR, etfHoldingsDir: ETF_DIR },
  isinSource: market,
  threads: 2,
  maxQueue: 16,
  taskTimeoutMs: 60_000,
  importTimeoutMs: 2_000,
});
const batches = new BatchService({
  market,
  dir: path.join(dir, 'batches'),
  engine: new ThreadEngine(1),
  logger,
  readThreads: 2,
  importTimeoutMs: 2_000,
  maxQueued: 8,
});
let server: Server;
let base: string;

/** One line of 5 MB: the upload that froze the service for 43 s. */
const WIDE = Buffer.from(`symbol,quantity\nNVDA,1${';'.repeat(5_242_800)}\n`);

beforeAll(async () => {
  const app = createApp({
    market,
    runner: pool,
    store: new AnalysisStore(path.join(dir, 'a.sqlite'), path.join(dir, 'reports')),
    logger,
    maxUploadBytes: 5 * 1024 * 1024,
    maxBatchUploadBytes: 64 * 1024 * 1024,
    rateLimitPerMinute: 0,
    batches,
  });
  server = app.listen(0, '127.0.0.1');
  // Idle keep-alive sockets are not closed under the tests' feet: a test that keeps this process busy
  // for seconds (building a zip) could otherwise send its next request on a socket the server was
  // closing, and fetch fails with ECONNRESET (seen once in CI, on a loaded machine).
  server.keepAliveTimeout = 60_000;
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await post('/api/v1/holdings/preview', 'text/csv', Buffer.from('symbol,quantity\nNVDA,1\n')); // threads up
}, 60_000);

afterAll(async () => {
  await batches.idle();
  await new Promise((r) => server.close(r));
  await pool.close();
});

function post(url: string, type: string, body: Buffer | string) {
  return fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': type }, body });
}

// biome-ignore lint/suspicious/noExplicitAny: answers are read field by field, each checked by an assertion
type Body = Record<string, any>;

async function json(res: Response): Promise<Body> {
  return (await res.json()) as Body;
}

/** Runs `work` while asking /healthz every 50 ms; the slowest answer, and how many there were. */
async function healthDuring<T>(work: () => Promise<T>): Promise<{ value: T; worstMs: number; probes: number }> {
  let settled = false;
  const running = work().finally(() => {
    settled = true;
  });
  let worstMs = 0;
  let probes = 0;
  while (!settled) {
    const t = performance.now();
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    worstMs = Math.max(worstMs, performance.now() - t);
    probes++;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { value: await running, worstMs, probes };
}

async function batchDone(id: string): Promise<Body> {
  for (let i = 0; i < 1200; i++) {
    const status = await json(await fetch(`${base}/api/v1/batches/${id}?limit=1000`));
    if (status.state !== 'queued' && status.state !== 'running') return status;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the batch did not finish');
}

test('#1 one wide line: preview and analysis answer 422 naming the limit; /healthz stays under 1 s', async () => {
  for (const url of ['/api/v1/holdings/preview', '/api/v1/analyses']) {
    const { value: res, worstMs } = await healthDuring(() => post(url, 'text/csv', WIDE));
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(['line_too_long', 'import_timeout']).toContain(body.error.code);
    expect(body.error.message).toMatch(/64 KB|2 s/);
    expect(worstMs).toBeLessThan(1000);
  }
}, 60_000);

test('#2 a zip of 204 wide files and 20,000 JSON lines: 202 at once, read off the event loop, /healthz under 1 s', async () => {
  const once = deflateSync(WIDE);
  const zip = buildZip(copies(204, (i) => `wide-${i}.csv`, WIDE, once));
  expect(zip.length).toBeLessThan(2 * 1024 * 1024);
  const zipped = await healthDuring(async () => {
    const res = await post('/api/v1/batches', 'application/zip', zip);
    expect(res.status).toBe(202);
    return batchDone((await json(res)).id);
  });
  expect(zipped.value).toMatchObject({ state: 'done', progress: { done: 0, failed: 204, total: 204 } });
  expect(new Set(zipped.value.summary.rows.map((r: { code: string }) => r.code))).toEqual(new Set(['line_too_long']));
  expect(zipped.worstMs).toBeLessThan(1000);

  const line = (i: number) =>
    JSON.stringify({ id: `c${i}`, holdings: [{ symbol: 'NVDA', quantity: 'x', name: 'padding '.repeat(30) }] });
  const lines = Array.from({ length: 20_000 }, (_, i) => line(i)).join('\n');
  expect(lines.length).toBeGreaterThan(6_000_000);
  const many = await healthDuring(async () => {
    const res = await post('/api/v1/batches', 'application/x-ndjson', lines);
    expect(res.status).toBe(202);
    return batchDone((await json(res)).id);
  });
  expect(many.value).toMatchObject({ state: 'done', progress: { done: 0, failed: 20_000, total: 20_000 } });
  expect(many.probes).toBeGreaterThan(10);
  expect(many.worstMs).toBeLessThan(1000);
}, 240_000);

test('#3 and #4: ids that could collide keep their own files (a folder per portfolio)', async () => {
  const res = await post(
    '/api/v1/batches?pdf=true&lang=it',
    'application/x-ndjson',
    [
      '{"id":"a","holdings":[{"symbol":"NVDA","quantity":10}]}',
      '{"id":"a.en.A4","holdings":[{"symbol":"XOM","quantity":10}]}',
    ].join('\n'),
  );
  const status = await batchDone((await json(res)).id);
  expect(status.progress).toEqual({ done: 2, failed: 0, total: 2 });
  const pdf = Buffer.from(
    await (await fetch(`${base}${status.links.self}/portfolios/a/report.pdf?lang=en&paper=A4`)).arrayBuffer(),
  );
  const other = Buffer.from(
    await (await fetch(`${base}${status.links.self}/portfolios/a.en.A4/report.pdf?lang=it`)).arrayBuffer(),
  );
  const text = (b: Buffer) => execFileSync('pdftotext', ['-', '-'], { input: b }).toString();
  expect(text(pdf)).toContain('NVDA');
  expect(text(pdf)).not.toContain('XOM');
  expect(text(pdf)).toMatch(/Summary/);
  expect(text(other)).toContain('XOM');
}, 60_000);

test('#5 deep JSON is a 400 naming the nesting limit, in a body or a batch line', async () => {
  const deep = `{"holdings":[{"symbol":"NVDA","quantity":1}],"x":${'['.repeat(5000)}${']'.repeat(5000)}}`;
  for (const url of ['/api/v1/analyses', '/api/v1/holdings/preview']) {
    const res = await post(url, 'application/json', deep);
    const body = await json(res);
    expect([res.status, body.error.code]).toEqual([400, 'invalid_request']);
    expect(body.error.message).toBe('the JSON body is nested deeper than 16 levels');
  }
  const batch = await post('/api/v1/batches', 'application/x-ndjson', `{"id":"d","holdings":${'['.repeat(5000)}}`);
  const status = await batchDone((await json(batch)).id);
  expect(status.summary.rows).toEqual([expect.objectContaining({ id: 'batch.jsonl:1', code: 'batch_line' })]);
});

test('#6 every number option is finite and bounded: 400 for Infinity, 1e308, 0x10, 1e-320, 1e300', async () => {
  const csv = 'symbol,weight\nNVDA,100%\n';
  for (const value of ['Infinity', '1e308', '0x10', '1e-320', '1e300', '-5', '']) {
    const res = await post(`/api/v1/analyses?notionalValue=${encodeURIComponent(value)}`, 'text/csv', csv);
    expect([value, res.status, (await json(res)).error.code]).toEqual([value, 400, 'invalid_option']);
  }
  const body = '{"holdings":[{"symbol":"NVDA","weight":1}],"notionalValue":1e308}';
  const fromJson = await post('/api/v1/analyses', 'application/json', body);
  expect([fromJson.status, (await json(fromJson)).error.message]).toEqual([
    400,
    expect.stringContaining('notionalValue "1e+308": the notional value must be a plain number'),
  ]);
  for (const query of ['notionalValue=Infinity', 'monteCarloPaths=1e9', 'monteCarloPaths=1500.5']) {
    const res = await post(`/api/v1/batches?${query}`, 'application/x-ndjson', '{"id":"a","holdings":[]}');
    expect([query, res.status]).toEqual([query, 400]);
  }
});

test('#7 a zip declaring more than 1 GiB, or more entries than allowed, is refused at once, nothing inflated', async () => {
  const five = new Uint8Array(5 * 1024 * 1024);
  const once = deflateSync(five);
  const bomb = buildZip(copies(210, (i) => `p${i}.csv`, five, once));
  const many = buildZip(
    Array.from({ length: BATCH_LIMITS.zipEntries + 1 }, (_, i) => ({
      name: `${i}.txt`,
      data: new Uint8Array(0),
      method: 0 as const,
      declaredSize: 0,
    })),
  );
  const before = process.memoryUsage().rss;
  for (const [zip, code] of [
    [bomb, 'batch_too_big'],
    [many, 'batch_too_many_entries'],
  ] as const) {
    const { value: res, worstMs } = await healthDuring(() => post('/api/v1/batches', 'application/zip', zip));
    expect([res.status, (await json(res)).error.code]).toEqual([413, code]);
    expect(worstMs).toBeLessThan(1000);
  }
  expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  // Sizes that lie: the entry inflates past what its directory says; it alone fails.
  const liar = deflated('liar.csv', Buffer.from(`symbol,quantity\n${'NVDA,1\n'.repeat(50_000)}`));
  const ok = deflated('ok.csv', Buffer.from('symbol,quantity\nNVDA,1\n'));
  const res = await post('/api/v1/batches', 'application/zip', buildZip([{ ...liar, declaredSize: 100 }, ok]));
  const status = await batchDone((await json(res)).id);
  expect(status.progress).toEqual({ done: 1, failed: 1, total: 2 });
  expect(status.summary.rows[1]).toMatchObject({ id: 'liar', code: 'zip_entry_size' });
}, 60_000);

test('#8 and minors: 5,000 files that are not portfolios are counted, 1,000 named; dot-files listed; no NUL in summary.csv', async () => {
  const entries = Array.from({ length: 5_000 }, (_, i) => deflated(`junk/${i}.bin`, Buffer.from('x')));
  entries.push(
    deflated('.DS_Store', Buffer.from('x')),
    deflated('evil\u0000name.csv', Buffer.from('symbol,quantity\nNVDA,1\n')),
    deflated('ok.csv', Buffer.from('symbol,quantity\nNVDA,1\n')),
  );
  const res = await post('/api/v1/batches', 'application/zip', buildZip(entries));
  expect(res.status).toBe(202);
  const submitted = await json(res);
  expect(submitted.skipped.total).toBe(5_001);
  expect(submitted.skipped.files).toHaveLength(1_000);
  expect(submitted.skipped.files[0]).toEqual({
    name: '.DS_Store',
    reason: 'a hidden file (its name starts with a dot)',
  });
  const status = await batchDone(submitted.id);
  const small = await fetch(`${base}/api/v1/batches/${submitted.id}?limit=0`);
  expect((await small.arrayBuffer()).byteLength).toBeLessThan(200_000);
  const csv = await (await fetch(`${base}${status.links.summaryCsv}`)).text();
  expect(csv).not.toContain('\u0000');
  expect(csv).toContain('evil\uFFFDname.csv');
}, 60_000);

test('#11 and #13: the row limit is exactly 10,000; JSON holdings number account rows like the rows', async () => {
  const rows = (n: number) => `symbol,quantity\n${'NVDA,1\n'.repeat(n)}`;
  const atLimit = await post('/api/v1/holdings/preview', 'text/csv', rows(10_000));
  expect([atLimit.status, (await json(atLimit)).counts.read]).toEqual([200, 10_000]);
  const over = await post('/api/v1/holdings/preview', 'text/csv', rows(10_001));
  expect([over.status, (await json(over)).error.code]).toEqual([413, 'too_many_rows']);
  const accounts = await post(
    '/api/v1/holdings/preview',
    'application/json',
    '{"holdings":[{"symbol":"NVDA","quantity":1,"account":"A"},{"symbol":"NVDA","quantity":2,"account":"B"}]}',
  );
  const [nvda] = (await json(accounts)).holdings;
  expect(nvda.rows).toEqual([1, 2]);
  expect(nvda.accounts.map((a: { rows: number[] }) => a.rows)).toEqual([[1], [2]]);
});
