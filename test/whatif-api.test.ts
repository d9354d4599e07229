/** POST /api/v1/analyses/:id/what-if: the same document as the CLI, on the caller's stored analysis. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { parseAnalysisOptions, runAnalysis } from '../src/analysis';
import { reader } from '../src/i18n';
import { importJsonHoldings } from '../src/holdings';
import { CsvMarketData } from '../src/market';
import { AnalysisStore } from '../src/server/analysis-store';
import { createApp } from '../src/server/app';
import { openApiDocument } from '../src/server/openapi';
import { WorkerPool } from '../src/server/worker-pool';
import { parseWhatIfOptions, runWhatIf, WhatIfSchema } from '../src/whatif';
import { ETF_DIR, PRICES_DIR } from './helpers/paths';

const market = new CsvMarketData({ pricesDir: PRICES_DIR, etfHoldingsDir: ETF_DIR });
const dir = mkdtempSync(path.join(tmpdir(), 'aix-whatif-api-'));
const store = new AnalysisStore(path.join(dir, 'analyses.sqlite'), path.join(dir, 'reports'));
const app = createApp({
  market,
  store,
  logger: pino({ level: 'silent' }),
  maxUploadBytes: 64 * 1024,
  rateLimitPerMinute: 0,
});
const HOLDINGS = {
  holdings: [
    { symbol: 'NVDA', quantity: 100 },
    { symbol: 'MSFT', quantity: 40 },
    { symbol: 'SPY', quantity: 20 },
    { symbol: 'JNJ', quantity: 60 },
    { symbol: 'VWCE.DE', marketValue: 9000, currency: 'EUR' },
    { symbol: 'CASH', quantity: 2000, currency: 'USD' },
  ],
  monteCarloPaths: 1000,
};

async function stored(): Promise<{ id: string; report: { asOf: string } }> {
  const res = await request(app).post('/api/v1/analyses').send(HOLDINGS);
  expect(res.status).toBe(201);
  return res.body;
}

const expectEnvelope = (body: unknown, code: string) =>
  expect(body).toEqual({ error: { code, message: expect.any(String), details: expect.any(Object) } });

test('the document of a stored analysis: before is the stored report, the rest as the CLI computes it', async () => {
  const { id, report } = await stored();
  const res = await request(app)
    .post(`/api/v1/analyses/${id}/what-if`)
    .send({ maxIssuer: 0.15, buy: ['JNJ'] });
  expect(res.status).toBe(200);
  const doc = WhatIfSchema.parse(res.body);
  expect(doc.asOf).toBe(report.asOf);
  expect(doc.targets).toEqual({ maxIssuer: 0.15 });
  expect(doc.trades.length).toBeGreaterThan(0);
  expect(doc.after.concentration.issuer!.top1).toBeLessThanOrEqual(0.15 + 1e-6);
  expect(doc.check.agrees).toBe(true);
  // The same holdings through the CLI's path: the same trades and figures.
  const options = parseWhatIfOptions({ monteCarloPaths: 1000, maxIssuer: 0.15, buy: ['JNJ'] }, 'http');
  const imported = await importJsonHoldings({ holdings: HOLDINGS.holdings });
  const direct = (await runWhatIf(imported, { ...options, asOf: report.asOf }, { market })).document;
  expect(doc.before).toEqual(direct.before);
  expect(doc.trades.map((t) => [t.side, t.symbol])).toEqual(direct.trades.map((t) => [t.side, t.symbol]));
  expect(doc.turnover).toBeCloseTo(direct.turnover, 6);
  expect(doc.after.exposure).toEqual(direct.after.exposure);
});

test('before equals the stored report, so the stored analysis is what the trades start from', async () => {
  const { id, report } = await stored();
  const res = await request(app).post(`/api/v1/analyses/${id}/what-if`).send({ maxAiRevenueShare: '20%' });
  expect(res.status).toBe(200);
  const full = report as unknown as {
    exposure: { headline: { aiRevenueShare: number } };
    overspending: { score: number };
  };
  expect(res.body.before.exposure.headline.aiRevenueShare).toBeCloseTo(full.exposure.headline.aiRevenueShare, 12);
  expect(res.body.before.overspending.score).toBeCloseTo(full.overspending.score, 10);
  const analysed = await runAnalysis(
    await importJsonHoldings({ holdings: HOLDINGS.holdings }),
    parseAnalysisOptions({ monteCarloPaths: 1000 }, 'http'),
    { market },
  );
  expect(res.body.before.risk.volatility).toBeCloseTo(analysed.risk.volatility, 12);
});

test('a file with average costs: the stored analysis keeps them, and its what-if taxes each sale’s gain', async () => {
  const csv = 'symbol,quantity,average price\nNVDA,100,50\nMSFT,40,\nSPY,20,300\nJNJ,60,\n';
  const saved = await request(app)
    .post('/api/v1/analyses?monteCarloPaths=1000')
    .set('Content-Type', 'text/csv')
    .send(csv);
  expect(saved.status).toBe(201);
  const costs = Object.fromEntries(
    (saved.body.report.holdings as { symbol: string; costBasis?: number }[]).map((h) => [h.symbol, h.costBasis]),
  );
  expect(costs).toEqual({ NVDA: 50, MSFT: undefined, SPY: 300, JNJ: undefined });
  const res = await request(app)
    .post(`/api/v1/analyses/${saved.body.id}/what-if`)
    .send({ maxIssuer: 0.3, onlySell: true });
  expect(res.status).toBe(200);
  const doc = WhatIfSchema.parse(res.body);
  const nvda = doc.trades.find((t) => t.symbol === 'NVDA' && t.side === 'sell')!;
  expect(nvda).toBeDefined();
  // 26 % of the gain over the file's average cost, in dollars (the base): the rule says which tax.
  expect(nvda.tax).toBeCloseTo(0.26 * nvda.quantity * (nvda.price - 50), 6);
  expect(nvda.taxRule.code).toBe('tax.capital_gain');
  for (const t of doc.trades.filter((x) => x.side === 'sell' && (x.symbol === 'MSFT' || x.symbol === 'JNJ')))
    expect(t.tax).toBeNull();
});

test('with Accept: text/html, the report’s what-if page as a fragment in ?lang, else the Accept-Language', async () => {
  const { id } = await stored();
  const body = { maxAiRevenueShare: 0.2, onlySell: true };
  const json = await request(app).post(`/api/v1/analyses/${id}/what-if`).send(body);
  const it = await request(app).post(`/api/v1/analyses/${id}/what-if?lang=it`).set('Accept', 'text/html').send(body);
  expect(it.status).toBe(200);
  expect(it.type).toBe('text/html');
  expect(it.text).toMatch(/^<section id="what-if"><h2>Simulazione: /);
  // The same figures as the document, worded by the report's view in Italian.
  expect(it.text).toContain(reader('it', 'USD').m(json.body.disclaimer));
  expect(it.text).toContain(reader('it', 'USD').pct(json.body.after.exposure.headline.aiRevenueShare));
  const en = await request(app)
    .post(`/api/v1/analyses/${id}/what-if`)
    .set({ Accept: 'text/html', 'Accept-Language': 'en-GB' })
    .send(body);
  expect(en.text).toContain('What-if: the fewest trades');
});

test('refusals: unknown id 404, no target 400, a bad value 400 naming the field, an unreachable target 422', async () => {
  const { id } = await stored();
  const missing = await request(app)
    .post('/api/v1/analyses/3b241101-e2bb-4255-8caf-4136c566a962/what-if')
    .send({ maxIssuer: 0.1 });
  expect(missing.status).toBe(404);
  expectEnvelope(missing.body, 'not_found');
  const none = await request(app).post(`/api/v1/analyses/${id}/what-if`).send({});
  expect(none.status).toBe(400);
  expectEnvelope(none.body, 'option_combination');
  const bad = await request(app).post(`/api/v1/analyses/${id}/what-if`).send({ maxCoreFour: 2 });
  expect(bad.status).toBe(400);
  expect(bad.body.error.message).toContain('maxCoreFour');
  const unreachable = await request(app)
    .post(`/api/v1/analyses/${id}/what-if`)
    .send({ maxIssuer: 0.01, onlySell: true });
  expect(unreachable.status).toBe(422);
  expectEnvelope(unreachable.body, 'whatif_infeasible');
  expect(unreachable.body.error.details).toMatchObject({
    constraint: 'maxIssuer',
    limit: 0.01,
    best: expect.any(Number),
  });
});

test('on the service’s worker threads: the same document, and a 422 crosses the thread as the same error', async () => {
  const pool = new WorkerPool({
    market: { kind: 'csv', pricesDir: PRICES_DIR, etfHoldingsDir: ETF_DIR },
    isinSource: market,
    threads: 1,
    maxQueue: 4,
    taskTimeoutMs: 60_000,
    importTimeoutMs: 10_000,
  });
  try {
    const threaded = createApp({
      market,
      store,
      runner: pool,
      logger: pino({ level: 'silent' }),
      maxUploadBytes: 65536,
    });
    const { id } = await stored();
    const body = { maxAiRevenueShare: 0.15, maxIssuer: 0.2 };
    const here = await request(app).post(`/api/v1/analyses/${id}/what-if`).send(body);
    const there = await request(threaded).post(`/api/v1/analyses/${id}/what-if`).send(body);
    expect(there.status).toBe(200);
    expect({ ...there.body, generatedAt: '' }).toEqual({ ...here.body, generatedAt: '' });
    const refused = await request(threaded)
      .post(`/api/v1/analyses/${id}/what-if`)
      .send({ maxIssuer: 0.01, onlySell: true });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({ code: 'whatif_infeasible', details: { constraint: 'maxIssuer' } });
  } finally {
    await pool.close();
  }
});

test('OpenAPI describes the route, its body and its answer', () => {
  const doc = openApiDocument() as {
    paths: Record<string, { post?: { requestBody: unknown; responses: Record<string, unknown> } }>;
    components: { schemas: Record<string, { properties: Record<string, unknown> }> };
  };
  const route = doc.paths['/analyses/{id}/what-if']!.post!;
  expect(Object.keys(route.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '422']));
  expect(Object.keys((route.responses['200'] as { content: object }).content)).toEqual([
    'application/json',
    'text/html',
  ]);
  expect(Object.keys(doc.components.schemas.WhatIfRequest!.properties)).toEqual(
    expect.arrayContaining(['maxAiRevenueShare', 'maxIssuer', 'maxScore', 'onlySell', 'buy', 'wholeShares']),
  );
  expect(Object.keys(doc.components.schemas.WhatIf!.properties)).toEqual(
    expect.arrayContaining(['trades', 'turnover', 'holdingsAfter', 'before', 'after', 'predicted', 'binding', 'check']),
  );
});
