/**
 * Two API keys on one service: key k2 never receives anything k1 uploaded, on any route, and the
 * result cache never hands one caller another's report (its file name, its time, its existence).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { ThreadEngine } from '../src/batch';
import { CsvMarketData } from '../src/market';
import { AnalysisStore } from '../src/server/analysis-store';
import { createApp } from '../src/server/app';
import { BatchService } from '../src/server/batch-service';
import { ETF_DIR, PRICES_DIR } from './helpers/paths';

const logger = pino({ level: 'silent' });
const dir = mkdtempSync(path.join(tmpdir(), 'aix-owners-'));
const market = new CsvMarketData({ pricesDir: PRICES_DIR, etfHoldingsDir: ETF_DIR });
const store = new AnalysisStore(path.join(dir, 'a.sqlite'), path.join(dir, 'reports'));
const batches = new BatchService({ market, dir: path.join(dir, 'batches'), engine: new ThreadEngine(1), logger });
const app = createApp({
  market,
  store,
  logger,
  maxUploadBytes: 1 << 20,
  rateLimitPerMinute: 0,
  resultCacheSeconds: 300,
  apiKeys: ['k1-secret', 'k2-secret'],
  batches,
});
const CSV = Buffer.from('symbol,quantity\nNVDA,10\nMSFT,3\n');
const as = (key: string) => ({
  get: (url: string) => request(app).get(url).set('Authorization', `Bearer ${key}`),
  upload: (url: string, name: string) =>
    request(app).post(url).set('Authorization', `Bearer ${key}`).attach('file', CSV, name),
});
const k1 = as('k1-secret');
const k2 = as('k2-secret');

test('key k2 never receives what key k1 uploaded: analyses, reports, batches, portfolios, PDFs', async () => {
  const mine = await k1.upload('/api/v1/analyses?asOf=2025-12-31', 'JohnDoe-acct-99812.csv');
  expect(mine.status).toBe(201);
  const id = mine.body.id as string;
  expect((await k1.get(`/api/v1/analyses/${id}/report.html`)).status).toBe(200);
  const lines = await request(app)
    .post('/api/v1/batches')
    .set('Authorization', 'Bearer k1-secret')
    .set('Content-Type', 'application/x-ndjson')
    .send('{"id":"john-doe","holdings":[{"symbol":"NVDA","quantity":1}]}');
  expect(lines.status).toBe(202);
  await batches.idle();
  const batchId = lines.body.id as string;
  expect((await k1.get(`/api/v1/batches/${batchId}/portfolios/john-doe`)).status).toBe(200);

  const unknown = await k2.get('/api/v1/analyses/3b241101-e2bb-4255-8caf-4136c566a962');
  for (const url of [
    `/api/v1/analyses/${id}`,
    `/api/v1/analyses/${id}/report.html`,
    `/api/v1/analyses/${id}/report.pdf`,
    `/api/v1/batches/${batchId}`,
    `/api/v1/batches/${batchId}/summary.csv`,
    `/api/v1/batches/${batchId}/portfolios/john-doe`,
    `/api/v1/batches/${batchId}/portfolios/john-doe/report.pdf`,
  ]) {
    const res = await k2.get(url);
    // The same answer as for an id that never existed: nothing says k1's exists.
    expect([url, res.status, res.body.error?.code]).toEqual([url, 404, 'not_found']);
    expect(JSON.stringify(res.body)).not.toMatch(/JohnDoe|john-doe.*(NVDA|report)/);
    expect(Object.keys(res.body.error.details)).toEqual(Object.keys(unknown.body.error.details));
  }
});

test('the result cache is per caller: the same bytes give k2 its own report, with its own name and time', async () => {
  const first = await k1.upload('/api/v1/analyses?asOf=2025-12-31', 'JohnDoe-acct-99812.csv');
  const again = await k1.upload('/api/v1/analyses?asOf=2025-12-31', 'JohnDoe-acct-99812.csv');
  // k1's own repeat is served from the cache: the same report (same time), a new stored analysis.
  expect(again.body.report.generatedAt).toBe(first.body.report.generatedAt);
  expect(again.body.id).not.toBe(first.body.id);
  const theirs = await k2.upload('/api/v1/analyses?asOf=2025-12-31', 'mine.csv');
  expect(theirs.status).toBe(201);
  expect(theirs.body.report.input.fileName).toBe('mine.csv');
  expect(JSON.stringify(theirs.body)).not.toContain('JohnDoe');
  expect(theirs.body.report.generatedAt).not.toBe(first.body.report.generatedAt);
  // Even under the same file name, k2 does not learn that k1 uploaded these bytes.
  const sameName = await k2.upload('/api/v1/analyses?asOf=2025-12-31', 'JohnDoe-acct-99812.csv');
  expect(sameName.body.report.generatedAt).not.toBe(first.body.report.generatedAt);
  // k1's analyses are still k1's alone.
  expect((await k2.get(`/api/v1/analyses/${first.body.id}`)).status).toBe(404);
  expect((await k1.get(`/api/v1/analyses/${first.body.id}`)).status).toBe(200);
});

test('without API keys there is one owner, but a repeat under another name carries its own name', async () => {
  const open = createApp({
    market,
    store,
    logger,
    maxUploadBytes: 1 << 20,
    rateLimitPerMinute: 0,
    resultCacheSeconds: 300,
  });
  const a = await request(open).post('/api/v1/analyses').attach('file', CSV, 'JohnDoe-acct-99812.csv');
  const b = await request(open).post('/api/v1/analyses').attach('file', CSV, 'mine.csv');
  expect([a.status, b.status]).toEqual([201, 201]);
  expect(b.body.report.input.fileName).toBe('mine.csv');
  // Analyses stored with a key are not visible without one either.
  const keyed = await k1.upload('/api/v1/analyses', 'k1.csv');
  expect((await request(open).get(`/api/v1/analyses/${keyed.body.id}`)).status).toBe(404);
});
