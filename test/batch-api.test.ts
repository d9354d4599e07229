/** Batches over HTTP: submit a zip or JSON lines, follow progress, read the ranking, each report and its PDF. */
import { mkdtempSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { pino } from 'pino';
import request from 'supertest';
import { parseAnalysisOptions, runAnalysis } from '../src/analysis';
import { BATCH_MONTE_CARLO_PATHS, ThreadEngine } from '../src/batch';
import { importHoldings } from '../src/holdings';
import { CsvMarketData } from '../src/market';
import { AnalysisStore } from '../src/server/analysis-store';
import { createApp } from '../src/server/app';
import { batchPace, BatchService } from '../src/server/batch-service';
import { BatchOptionsSchema } from '../src/batch';
import { parseOptions } from '../src/analysis';

const parseBatchOptions = () => parseOptions(BatchOptionsSchema, {}, 'http');
import { ETF_DIR, PRICES_DIR } from './helpers/paths';

const logger = pino({ level: 'silent' });
const dir = mkdtempSync(path.join(tmpdir(), 'aix-batch-api-'));
const market = new CsvMarketData({ pricesDir: PRICES_DIR, etfHoldingsDir: ETF_DIR });
const store = new AnalysisStore(path.join(dir, 'analyses.sqlite'), path.join(dir, 'reports'));
const batchesDir = path.join(dir, 'reports', 'batches');
const batches = new BatchService({ market, dir: batchesDir, engine: new ThreadEngine(2), logger });
const app = createApp({
  market,
  store,
  logger,
  maxUploadBytes: 64 * 1024,
  rateLimitPerMinute: 0,
  batches,
  maxBatchUploadBytes: 256 * 1024,
});

const CSVS: Record<string, string> = {
  'clients/anna.csv': 'symbol,quantity\nNVDA,40\nSMH,10\nAVGO,5\n',
  'clients/bruno.csv': 'symbol,quantity\nJNJ,20\nXOM,30\nGLD,10\n',
  'clients/carla.csv': 'Simbolo;Quantità\nMSFT;12\nQQQ;8\nSPY;4\n',
  'clients/dario.csv': 'symbol,weight\nAMZN,50%\nGOOGL,50%\n',
  'clients/broken.csv': 'foo,bar\n1,2\n',
  'clients/ghost.csv': 'symbol,quantity\nZZZZ,3\n',
};

async function finished(id: string) {
  for (let i = 0; i < 600; i++) {
    const res = await request(app).get(`/api/v1/batches/${id}`);
    if (res.body.state !== 'queued' && res.body.state !== 'running') return res;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the batch did not finish');
}

test('a zip of CSVs: 202, progress to done, the ranking, every report identical to a single analysis, PDFs on request', async () => {
  const zip = zipSync({
    ...Object.fromEntries(Object.entries(CSVS).map(([n, t]) => [n, strToU8(t)])),
    'clients/notes.pdf': strToU8('%PDF-1.4'),
  });
  const submitted = await request(app)
    .post('/api/v1/batches')
    .field('asOf', '2025-12-31')
    .attach('file', Buffer.from(zip), { filename: 'clients.zip', contentType: 'application/zip' });
  expect(submitted.status).toBe(202);
  expect(submitted.headers.location).toBe(`/api/v1/batches/${submitted.body.id}`);
  expect(submitted.body).toMatchObject({
    state: 'queued',
    engine: 'threads',
    progress: { done: 0, failed: 0, total: 6 },
    options: { asOf: '2025-12-31' },
  });
  expect(submitted.body.skipped).toEqual({
    files: [{ name: 'clients/notes.pdf', reason: 'not a .csv, .tsv or .txt file' }],
    total: 1,
  });

  const res = await finished(submitted.body.id);
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ state: 'done', progress: { done: 4, failed: 2, total: 6 }, etaSeconds: 0 });
  expect(res.body.portfoliosPerSecond).toBeGreaterThan(0);
  const rows = res.body.summary.rows as { id: string; status: string; score?: number; reason?: string }[];
  expect(res.body.summary.rowsTotal).toBe(6);
  expect(rows.slice(0, 4).map((r) => r.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
  const scores = rows.slice(0, 4).map((r) => r.score!);
  expect(scores).toEqual([...scores].sort((a, b) => b - a));
  expect(rows.slice(4).map((r) => [r.id, r.reason])).toEqual([
    ['broken', expect.stringMatching(/no recognisable symbol or ISIN column/)],
    ['ghost', expect.stringMatching(/ZZZZ/)],
  ]);
  // The semiconductor portfolio ranks above the one of healthcare, oil and gold.
  expect(rows.findIndex((r) => r.id === 'anna')).toBeLessThan(rows.findIndex((r) => r.id === 'bruno'));
  expect((await request(app).get(`/api/v1/batches/${submitted.body.id}?limit=2`)).body.summary).toMatchObject({
    rowsShown: 2,
    rowsTotal: 6,
  });

  // Each stored report is the single analysis of that file, byte for byte, at the batch's clock.
  const report = await request(app).get(`/api/v1/batches/${submitted.body.id}/portfolios/carla`);
  expect(report.status).toBe(200);
  const alone = await runAnalysis(
    await importHoldings({ fileName: 'carla.csv', bytes: Buffer.from(CSVS['clients/carla.csv']!) }),
    parseAnalysisOptions({ asOf: '2025-12-31', monteCarloPaths: BATCH_MONTE_CARLO_PATHS }, 'http'),
    { market, now: () => new Date(res.body.started) },
  );
  expect(report.text.trimEnd()).toBe(JSON.stringify(alone));

  const csv = await request(app).get(`/api/v1/batches/${submitted.body.id}/summary.csv`);
  expect(csv.status).toBe(200);
  expect(csv.headers['content-type']).toMatch(/text\/csv/);
  const lines = csv.text.trim().split('\n');
  expect(lines[0]).toBe(
    'rank,id,status,score,ai_infrastructure,market_value,issuer_effective_n,largest_issuer,rule_breaches,reason',
  );
  expect(lines[1]!.split(',').slice(0, 3)).toEqual(['1', rows[0]!.id, 'ok']);
  expect(lines).toHaveLength(7);

  // A PDF on request: rendered once from the stored report, then served as kept.
  const pdf = await request(app)
    .get(`/api/v1/batches/${submitted.body.id}/portfolios/anna/report.pdf?lang=it`)
    .buffer(true);
  expect(pdf.status).toBe(200);
  expect(pdf.headers['content-type']).toBe('application/pdf');
  expect(pdf.body.subarray(0, 5).toString()).toBe('%PDF-');
  expect(existsSync(path.join(batchesDir, submitted.body.id, 'portfolios', 'anna', 'report.it.A4.pdf'))).toBe(true);
  const again = await request(app)
    .get(`/api/v1/batches/${submitted.body.id}/portfolios/anna/report.pdf?lang=it`)
    .buffer(true);
  expect(Buffer.compare(again.body, pdf.body)).toBe(0);

  expect((await request(app).get(`/api/v1/batches/${submitted.body.id}/portfolios/ghost`)).status).toBe(404);
  expect((await request(app).get(`/api/v1/batches/${submitted.body.id}/portfolios/..%2Fsecret`)).body.error.code).toBe(
    'invalid_id',
  );
}, 120_000);

test('JSON lines as the body, with PDFs made by the batch itself; bad lines are failed rows with their line', async () => {
  const lines = [
    JSON.stringify({
      id: 'p1',
      holdings: [
        { symbol: 'NVDA', quantity: 2 },
        { symbol: 'MSFT', quantity: 3 },
      ],
    }),
    'not json',
    JSON.stringify({
      id: 'p2',
      holdings: [
        { symbol: 'XOM', marketValue: 5000 },
        { symbol: 'NVDA', quantity: 'two' },
      ],
    }),
  ].join('\n');
  const submitted = await request(app)
    .post('/api/v1/batches?pdf=true&lang=it&paper=LETTER')
    .set('Content-Type', 'application/x-ndjson')
    .send(lines);
  expect(submitted.status).toBe(202);
  const res = await finished(submitted.body.id);
  expect(res.body).toMatchObject({
    state: 'done',
    progress: { done: 2, failed: 1, total: 3 },
    options: { pdf: true, lang: 'it', paper: 'LETTER' },
  });
  expect(res.body.summary.rows.find((r: { id: string }) => r.id === 'batch.jsonl:2')).toEqual({
    id: 'batch.jsonl:2',
    status: 'failed',
    code: 'batch_line',
    params: expect.any(Object),
    reason: 'line 2 is not a JSON object with "id" and "holdings"',
  });
  // p2 keeps its usable row; its rejected one is in its report.
  const p2 = (await request(app).get(`/api/v1/batches/${submitted.body.id}/portfolios/p2`)).body;
  expect(p2.input.rejected).toEqual([expect.objectContaining({ column: 'holdings[1].quantity', value: 'two' })]);
  const made = path.join(batchesDir, submitted.body.id, 'portfolios', 'p1', 'report.it.LETTER.pdf');
  expect(existsSync(made)).toBe(true);
  const pdf = await request(app)
    .get(`/api/v1/batches/${submitted.body.id}/portfolios/p1/report.pdf?lang=it&paper=LETTER`)
    .buffer(true);
  expect(pdf.status).toBe(200);
  expect(Buffer.compare(pdf.body, readFileSync(made))).toBe(0);
}, 120_000);

test('batch request mistakes are 4xx envelopes; a full queue is 503 with Retry-After', async () => {
  const empty = await request(app).post('/api/v1/batches').set('Content-Type', 'application/zip').send(Buffer.alloc(0));
  expect([empty.status, empty.body.error.code]).toEqual([400, 'missing_file']);
  const csv = await request(app)
    .post('/api/v1/batches')
    .set('Content-Type', 'text/csv')
    .send('symbol,quantity\nNVDA,1\n');
  expect([csv.status, csv.body.error.code]).toEqual([415, 'unsupported_media_type']);
  const binary = await request(app)
    .post('/api/v1/batches')
    .set('Content-Type', 'application/octet-stream')
    .send(Buffer.from([0xff, 0xfe, 0x00, 0x81, 0x90]));
  expect([binary.status, binary.body.error.code]).toEqual([415, 'batch_format']);
  const noCsv = await request(app)
    .post('/api/v1/batches')
    .set('Content-Type', 'application/zip')
    .send(Buffer.from(zipSync({ 'a.pdf': strToU8('x') })));
  expect([noCsv.status, noCsv.body.error.code, noCsv.body.error.message]).toEqual([
    422,
    'batch_zip_empty',
    'file batch.zip: the zip holds no .csv, .tsv or .txt file',
  ]);
  const brokenZip = await request(app)
    .post('/api/v1/batches')
    .set('Content-Type', 'application/zip')
    .send(Buffer.from('PK\u0003\u0004garbage'));
  expect([brokenZip.status, brokenZip.body.error.code]).toEqual([415, 'batch_zip']);
  const badAsOf = await request(app)
    .post('/api/v1/batches?asOf=yesterday')
    .set('Content-Type', 'application/x-ndjson')
    .send('{"id":"a","holdings":[]}');
  expect([badAsOf.status, badAsOf.body.error.code]).toEqual([400, 'invalid_option']);
  const badCurrency = await request(app)
    .post('/api/v1/batches?baseCurrency=euro')
    .set('Content-Type', 'application/x-ndjson')
    .send('{"id":"a","holdings":[]}');
  expect(badCurrency.status).toBe(400);
  const big = await request(app)
    .post('/api/v1/batches')
    .set('Content-Type', 'application/x-ndjson')
    .send('x'.repeat(300 * 1024));
  expect([big.status, big.body.error.code]).toEqual([413, 'payload_too_large']);
  expect((await request(app).get('/api/v1/batches/not-a-uuid')).status).toBe(400);
  const unknown = await request(app).get('/api/v1/batches/3b241101-e2bb-4255-8caf-4136c566a962');
  expect([unknown.status, unknown.body.error.code]).toEqual([404, 'not_found']);

  const full = createApp({
    market,
    store,
    logger,
    maxUploadBytes: 64 * 1024,
    rateLimitPerMinute: 0,
    batches: new BatchService({ market, dir: batchesDir, engine: new ThreadEngine(1), logger, maxQueued: 0 }),
  });
  const busy = await request(full)
    .post('/api/v1/batches')
    .set('Content-Type', 'application/x-ndjson')
    .send('{"id":"a","holdings":[{"symbol":"NVDA","quantity":1}]}');
  expect([busy.status, busy.headers['retry-after'], busy.body.error.code]).toEqual([503, '60', 'batch_queue_full']);
});

test('a batch the previous process was running is reported as interrupted, not running forever', async () => {
  const id = '7d444840-9dc0-41d8-9b4e-7a1d3b6c2f10';
  mkdirSync(path.join(batchesDir, id), { recursive: true });
  writeFileSync(
    path.join(batchesDir, id, 'status.json'),
    JSON.stringify({
      id,
      state: 'running',
      engine: 'threads',
      owner: '',
      created: '2026-11-24T00:00:00.000Z',
      started: '2026-11-24T00:00:01.000Z',
      finished: null,
      progress: { done: 10, failed: 0, total: 50 },
      portfoliosPerSecond: 5,
      etaSeconds: 8,
      options: {},
      skipped: { files: [], total: 0 },
    }),
  );
  const res = await request(app).get(`/api/v1/batches/${id}`);
  expect(res.body).toMatchObject({
    state: 'interrupted',
    progress: { done: 10, total: 50 },
    etaSeconds: null,
    error: expect.stringMatching(/submit it again/),
  });
  expect((await request(app).get(`/api/v1/batches/${id}/summary.csv`)).status).toBe(409);
});

test('pace and time left: hand values', () => {
  expect(batchPace(0, 0, 100)).toEqual({ portfoliosPerSecond: null, etaSeconds: null });
  expect(batchPace(10, 25, 75)).toEqual({ portfoliosPerSecond: 2.5, etaSeconds: 30 });
  expect(batchPace(3, 1, 2)).toEqual({ portfoliosPerSecond: 0.33, etaSeconds: 6 });
});

test('batches past the retention period are deleted with their files; newer ones stay', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'aix-batch-purge-'));
  let now = Date.parse('2026-11-01T00:00:00Z');
  const service = new BatchService({ market, dir: root, engine: new ThreadEngine(1), logger, now: () => now });
  const submit = (line: string) =>
    service.submit({ fileName: 'b.jsonl', bytes: Buffer.from(line) }, parseBatchOptions(), '');
  const old = await submit('{"id":"a","holdings":[{"symbol":"NVDA","quantity":1}]}');
  await service.idle();
  now = Date.parse('2026-11-20T00:00:00Z');
  const recent = await submit('{"id":"b","holdings":[{"symbol":"MSFT","quantity":1}]}');
  await service.idle();
  expect((await service.status(old.id, ''))?.state).toBe('done');
  now = Date.parse('2026-12-05T00:00:00Z');
  expect(service.purgeOlderThan(30)).toBe(1);
  expect(await service.status(old.id, '')).toBeNull();
  expect(existsSync(path.join(root, old.id))).toBe(false);
  expect((await service.status(recent.id, ''))?.state).toBe('done');
  expect(await service.portfolioReport(recent.id, '', 'b')).not.toBeNull();
}, 60_000);
