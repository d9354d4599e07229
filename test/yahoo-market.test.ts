/** The Yahoo provider and its cache, replayed offline through the injected fetch. */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { pino } from 'pino';
import request from 'supertest';
import { analysePortfolio } from '../src/analyse-portfolio';
import { createApp } from '../src/server/app';
import { AnalysisStore } from '../src/server/analysis-store';
import { importHoldings, isinResolverFor } from '../src/holdings';
import {
  CircuitBreaker,
  CircuitOpenError,
  MarketCache,
  YahooMarketData,
  type YahooProviderOptions,
} from '../src/market';
import { fetchDailyHistory } from '../src/market/yahoo/history';
import { createYahooClient } from '../src/market/yahoo/client';
import { parseIsoDay, dayToIso } from '../src/shared/dates';
import { fakeYahoo, type FakeYahoo } from './helpers/fake-yahoo';
import { ROOT } from './helpers/paths';

const DAY = 86_400_000;
const at = (iso: string) => Date.parse(`${iso}T21:00:00Z`);
const tmp = () => mkdtempSync(path.join(tmpdir(), 'aix-yahoo-'));
const noSleep = async () => {};

function provider(
  fake: FakeYahoo,
  clock: { now: number },
  extra: Partial<YahooProviderOptions> = {},
  cacheFile = path.join(tmp(), 'market.sqlite'),
) {
  return new YahooMarketData({
    cache: new MarketCache(cacheFile),
    fetch: fake.fetch,
    now: () => clock.now,
    sleep: noSleep,
    historyYears: 3,
    ...extra,
  });
}

describe('real recorded Yahoo exchanges, replayed', () => {
  const fake = fakeYahoo();
  const clock = { now: at('2025-02-20') };
  const p = provider(fake, clock);

  test('chart: AMZN 2020-01-02 bar as recorded', async () => {
    const yf = createYahooClient(fake.fetch, { debug: () => {}, warn: () => {} });
    const h = await fetchDailyHistory(yf, 'AMZN', parseIsoDay('2020-01-01')!, parseIsoDay('2020-01-02')!);
    expect(h.currency).toBe('USD');
    expect(Array.from(h.rows.days).map(dayToIso)).toEqual(['2020-01-02']);
    expect(h.rows.close[0]).toBeCloseTo(94.90049743652344, 12);
    expect(h.rows.adjClose[0]).toBeCloseTo(94.90049743652344, 12);
  });

  test('quote: price, currency, type and name', async () => {
    expect(await p.getQuote('AMZN')).toEqual({
      symbol: 'AMZN',
      price: 228.68,
      currency: 'USD',
      marketCap: expect.any(Number),
      name: 'Amazon.com, Inc.',
      quoteType: 'EQUITY',
    });
  });

  test('profile: sector and industry; instrument kind', async () => {
    expect(await p.getProfile('AMZN')).toMatchObject({
      quoteType: 'EQUITY',
      sector: 'Consumer Cyclical',
      industry: 'Internet Retail',
      country: 'United States',
    });
    expect(await p.getInstrument('AMZN')).toMatchObject({ kind: 'equity', industry: 'Internet Retail' });
    expect(await p.getInstrument('QQQ')).toMatchObject({ kind: 'fund', assetClass: 'equity' });
  });

  test('ETF top holdings (QQQ) in percent, with sector weights', async () => {
    const f = (await p.getFundHoldings('QQQ'))!;
    expect(f.constituents).toHaveLength(10);
    expect(f.constituents[0]).toEqual({ symbol: 'AAPL', name: 'Apple Inc', weight: expect.closeTo(9.0070695, 9) });
    expect(f.source).toMatch(/Yahoo Finance topHoldings \(largest 10\)/);
    expect(f.asOf).toBe('2025-02-20');
  });

  test('annual fundamentals (AAPL): revenue, operating cash flow, capex as a positive amount', async () => {
    const rows = (await p.getFundamentals('AAPL'))!;
    expect(rows.map((r) => r.periodEnd)).toEqual(['2022-09-30', '2023-09-30', '2024-09-30']);
    const fy2024 = rows[2]!;
    expect(fy2024.revenue).toBe(391035000000);
    expect(fy2024.operatingCashFlow).toBe(118254000000);
    expect(fy2024.capitalExpenditure).toBe(9447000000);
    expect(fy2024.operatingIncome).toBe(123216000000);
  });

  test('a genuine 404 (QQQ has no earnings module) is "no data", cached, not retried', async () => {
    const before = fake.requests.length;
    const yf = createYahooClient(fake.fetch, { debug: () => {}, warn: () => {} });
    await expect(yf.quoteSummary('QQQ', { modules: ['earnings'] })).rejects.toThrow(/No fundamentals data found/);
    expect(fake.requests.length).toBe(before + 1);
  });
});

describe('history cache', () => {
  test('extends incrementally: the second fetch asks only from the last cached day', async () => {
    const fake = fakeYahoo();
    const clock = { now: at('2025-06-30') };
    const p = provider(fake, clock);
    const first = (await p.getHistories(['NVDA'])).get('NVDA')!;
    expect(first.ok && dayToIso(first.history.days[first.history.days.length - 1]!)).toBe('2025-06-30');
    expect(fake.count('chart', 'NVDA')).toBe(1);
    clock.now += 2 * 3_600_000; // within the TTL: served from the cache
    await p.getHistories(['NVDA']);
    expect(fake.count('chart', 'NVDA')).toBe(1);
    clock.now = at('2025-07-15');
    const second = (await p.getHistories(['NVDA'])).get('NVDA')!;
    expect(fake.count('chart', 'NVDA')).toBe(2);
    const url = new URL(fake.requests.filter((u) => u.includes('/chart/NVDA'))[1]!);
    expect(new Date(Number(url.searchParams.get('period1')) * 1000).toISOString().slice(0, 10)).toBe('2025-06-30');
    expect(second.ok && dayToIso(second.history.days[second.history.days.length - 1]!)).toBe('2025-07-15');
    // Nothing lost or duplicated across the two downloads.
    if (second.ok) expect(new Set(second.history.days).size).toBe(second.history.days.length);
  });

  test('a re-based history (dividend since) rescales the cached adjusted closes, so returns do not jump', async () => {
    const fake = fakeYahoo();
    const clock = { now: at('2025-06-30') };
    const p = provider(fake, clock);
    const before = (await p.getHistories(['MSFT'])).get('MSFT')!;
    fake.rebase = { fromIso: '2025-07-10', factor: 0.99 };
    clock.now = at('2025-07-15');
    const after = (await p.getHistories(['MSFT'])).get('MSFT')!;
    if (!before.ok || !after.ok) throw new Error('no history');
    const n = before.history.days.length;
    for (const i of [1, n - 1]) {
      expect(after.history.adjClose[i]! / after.history.adjClose[i - 1]!).toBeCloseTo(
        before.history.adjClose[i]! / before.history.adjClose[i - 1]!,
        12,
      );
    }
    expect(after.history.adjClose[n - 1]!).toBeCloseTo(before.history.adjClose[n - 1]! * 0.99, 9);
  });

  test('when Yahoo fails, cached data is served marked stale with its age; the report says so', async () => {
    const fake = fakeYahoo();
    const clock = { now: at('2025-06-30') };
    const p = provider(fake, clock);
    const csv = 'symbol,quantity\nNVDA,10\n';
    await analysePortfolio(
      { file: { fileName: 'h.csv', text: csv }, monteCarlo: { paths: 1000 } },
      { market: p, now: () => new Date(clock.now) },
    );
    clock.now = at('2025-07-03');
    fake.fault = () => 'network';
    const report = await analysePortfolio(
      { file: { fileName: 'h.csv', text: csv }, monteCarlo: { paths: 1000 } },
      { market: p, now: () => new Date(clock.now) },
    );
    expect(report.asOf).toBe('2025-06-30');
    const warning = report.warnings.find((w) => w.code === 'warn.stale_data')!;
    expect(warning.message).toMatch(
      /^Yahoo Finance did not answer \((network unreachable|requests paused after repeated failures)\) and nothing is cached; cached prices used for NVDA, AMZN, .* \(fetched 30 Jun 2025, 21:00 UTC, 3 days before this analysis\)$/,
    );
    expect(report.dataSource.stale?.map((s) => s.symbol).sort()).toEqual(['AMZN', 'GOOGL', 'MSFT', 'NVDA', 'SPY']);
  });

  test('a held symbol with no data anywhere is left out and named; the basket missing stops with a clear error', async () => {
    const fake = fakeYahoo();
    const clock = { now: at('2025-06-30') };
    const p = provider(fake, clock);
    fake.fault = (u) => (u.pathname.includes('/chart/AAPL') ? 503 : undefined);
    const report = await analysePortfolio(
      { file: { fileName: 'h.csv', text: 'symbol,quantity\nNVDA,10\nAAPL,5\n' }, monteCarlo: { paths: 1000 } },
      { market: p },
    );
    expect(report.holdings.map((h) => h.symbol)).toEqual(['NVDA']);
    expect(report.dataSource.missing).toEqual([
      {
        symbol: 'AAPL',
        reason: expect.objectContaining({
          message: 'Yahoo Finance did not answer (server error) and nothing is cached',
        }),
        share: null,
      },
    ]);
    const empty = provider(fakeYahoo(), clock, {
      fetch: async () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } })),
    });
    await expect(
      analysePortfolio({ file: { fileName: 'h.csv', text: 'symbol,quantity\nNVDA,10\n' } }, { market: empty }),
    ).rejects.toMatchObject({ kind: 'market_data_unavailable', exitCode: 3, status: 503, retryAfter: 60 });
  });

  test('an unknown symbol (404 "No data found") is left out and named, not guessed', async () => {
    const p = provider(fakeYahoo(), { now: at('2025-06-30') });
    const report = await analysePortfolio(
      { file: { fileName: 'h.csv', text: 'symbol,quantity\nNVDA,1\nZZZZ,2\n' }, monteCarlo: { paths: 500 } },
      { market: p },
    );
    expect(report.dataSource.missing).toEqual([
      { symbol: 'ZZZZ', reason: expect.objectContaining({ message: 'Yahoo Finance does not know ZZZZ' }), share: null },
    ]);
  });

  test('concurrent analyses share one fetch per symbol', async () => {
    const fake = fakeYahoo();
    const p = provider(fake, { now: at('2025-06-30') });
    const csv = (s: string) => ({
      file: { fileName: 'h.csv', text: `symbol,quantity\n${s},3\n` },
      monteCarlo: { paths: 500 },
    });
    await Promise.all([
      analysePortfolio(csv('NVDA'), { market: p }),
      analysePortfolio(csv('AAPL'), { market: p }),
      analysePortfolio(csv('NVDA'), { market: p }),
    ]);
    for (const s of ['NVDA', 'AAPL', 'AMZN', 'MSFT', 'GOOGL', 'SPY'])
      expect([s, fake.count('chart', s)]).toEqual([s, 1]);
  });
});

describe('resilience', () => {
  test('429 twice, then an answer: retried with growing, jittered delays', async () => {
    const fake = fakeYahoo();
    let n = 0;
    fake.fault = (u) => (u.pathname.includes('/chart/') && n++ < 2 ? 429 : undefined);
    const delays: number[] = [];
    const p = provider(
      fake,
      { now: at('2025-06-30') },
      { sleep: async (ms) => void delays.push(ms), retry: { retries: 3, baseDelayMs: 100, maxDelayMs: 1000 } },
    );
    const r = (await p.getHistories(['NVDA'])).get('NVDA')!;
    expect(r.ok).toBe(true);
    expect(fake.count('chart', 'NVDA')).toBe(3);
    expect(delays).toHaveLength(2);
    expect(delays[0]).toBeLessThanOrEqual(100);
    expect(delays[1]).toBeLessThanOrEqual(200);
  });

  test('a 429 storm ends in a per-symbol failure after the retries, never a hang', async () => {
    const fake = fakeYahoo();
    fake.fault = () => 429;
    const p = provider(fake, { now: at('2025-06-30') }, { retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    const r = (await p.getHistories(['NVDA'])).get('NVDA')!;
    expect(r).toEqual({
      ok: false,
      failure: {
        symbol: 'NVDA',
        code: 'unavailable',
        reason: { code: 'failure.yahoo_unavailable', params: { kind: { code: 'yahoo.rate-limited', params: {} } } },
        detail: expect.stringMatching(/^Yahoo Finance is rate-limiting us: .*nothing cached$/),
      },
    });
    expect(fake.count('chart', 'NVDA')).toBe(3);
  });

  test('a request that never answers is cut by the timeout and retried', async () => {
    const fake = fakeYahoo();
    let n = 0;
    fake.fault = (u) => (u.pathname.includes('/chart/') && n++ === 0 ? 'timeout' : undefined);
    const p = provider(fake, { now: at('2025-06-30') }, { timeoutMs: 50 });
    const started = Date.now();
    const r = (await p.getHistories(['NVDA'])).get('NVDA')!;
    expect(r.ok).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(fake.count('chart', 'NVDA')).toBe(2);
  });

  test('a malformed payload is not retried; the symbol fails (or the cache answers)', async () => {
    const fake = fakeYahoo();
    fake.fault = () => 'malformed';
    const p = provider(fake, { now: at('2025-06-30') });
    const r = (await p.getHistories(['NVDA'])).get('NVDA')!;
    expect(r).toMatchObject({
      ok: false,
      failure: {
        code: 'unavailable',
        detail: expect.stringMatching(/^Yahoo Finance sent a response we could not read/),
      },
    });
    expect(fake.count('chart', 'NVDA')).toBe(1);
  });

  test('circuit breaker: opens after repeated failures, fails fast, half-opens after the cooldown, closes on success', async () => {
    let now = 0;
    const breaker = new CircuitBreaker(3, 1000, () => now);
    const fail = () => Promise.reject(new Error('down'));
    for (let i = 0; i < 3; i++) await expect(breaker.run(fail)).rejects.toThrow('down');
    expect(breaker.state).toBe('open');
    let called = false;
    await expect(breaker.run(async () => (called = true))).rejects.toBeInstanceOf(CircuitOpenError);
    expect(called).toBe(false);
    now = 1000;
    expect(breaker.state).toBe('half-open');
    await expect(breaker.run(fail)).rejects.toThrow('down');
    expect(breaker.state).toBe('open');
    now = 2000;
    await breaker.run(async () => 'ok');
    expect(breaker.state).toBe('closed');
    // A "no such symbol" answer says nothing about the source's health.
    for (let i = 0; i < 5; i++) await expect(breaker.run(fail, () => false)).rejects.toThrow('down');
    expect(breaker.state).toBe('closed');
  });

  test('with the source down, the breaker stops the requests after the threshold', async () => {
    const fake = fakeYahoo();
    fake.fault = () => 'network';
    const clock = { now: at('2025-06-30') };
    const p = provider(fake, clock, {
      retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 },
      breaker: new CircuitBreaker(3, 60_000, () => clock.now),
      concurrency: 1,
    });
    await p.getHistories(['NVDA', 'AMZN', 'MSFT', 'GOOGL', 'SPY', 'AAPL']);
    expect(fake.requests.filter((u) => u.includes('/chart/')).length).toBe(3);
  });
});

test('the cache survives a process killed mid-write: no half-written series', async () => {
  const dir = tmp();
  const file = path.join(dir, 'market.sqlite');
  const script = path.join(dir, 'writer.ts');
  writeFileSync(
    script,
    `import { MarketCache } from ${JSON.stringify(path.join(ROOT, 'src/market/cache'))};
const cache = new MarketCache(${JSON.stringify(file)});
const n = 5000;
const days = Array.from({ length: n }, (_, i) => 18000 + i);
for (let k = 1; ; k++) {
  const v = Array.from({ length: n }, () => k);
  cache.writeSeries('S' + (k % 7), 'USD', { days, close: v, adjClose: v, volume: v }, k);
  if (k === 3) process.stdout.write('writing\\n');
}
`,
  );
  // Plain node with tsx's loader, so the signal reaches the process that writes (not a wrapper).
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  await new Promise((r) => setTimeout(r, 300));
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  const db = new Database(file);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  const series = db.prepare('SELECT symbol, fetched_at FROM series').all() as { symbol: string; fetched_at: number }[];
  expect(series.length).toBeGreaterThan(0);
  for (const s of series) {
    // Every row of a series carries the value of the one transaction that wrote it last.
    const values = db.prepare('SELECT DISTINCT close FROM prices WHERE symbol = ?').all(s.symbol) as {
      close: number;
    }[];
    expect(values).toEqual([{ close: s.fetched_at }]);
    expect((db.prepare('SELECT COUNT(*) AS n FROM prices WHERE symbol = ?').get(s.symbol) as { n: number }).n).toBe(
      5000,
    );
  }
  db.close();
});

test('CLI offline: a warmed cache gives a report marked stale; an empty one exits 3 naming the symbols', async () => {
  const dir = tmp();
  const cacheFile = path.join(dir, 'market.sqlite');
  const p = provider(fakeYahoo(), { now: Date.now() - 2 * DAY }, {}, cacheFile);
  await p.getHistories(['NVDA', 'AMZN', 'MSFT', 'GOOGL', 'SPY']);
  p.cache.close();
  const holdings = path.join(dir, 'h.csv');
  writeFileSync(holdings, 'symbol,quantity\nNVDA,10\n');
  const run = (cache: string) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(
        path.join(ROOT, 'node_modules/.bin/tsx'),
        [path.join(ROOT, 'src/cli/analyse.ts'), holdings, '--cache', cache, '--network', 'offline'],
        { env: { ...process.env, MARKET_DATA: 'yahoo' }, timeout: 30_000 },
        (err, stdout, stderr) => resolve({ code: err ? Number(err.code) : 0, stdout, stderr }),
      ),
    );
  const warm = await run(cacheFile);
  expect(warm.code).toBe(0);
  const report = JSON.parse(warm.stdout);
  expect(report.dataSource.kind).toBe('yahoo');
  expect(report.warnings.map((w: { code: string }) => w.code)).toContain('warn.stale_data');
  const cold = await run(path.join(dir, 'empty.sqlite'));
  expect(cold.code).toBe(3);
  expect(cold.stdout).toBe('');
  expect(cold.stderr).toMatch(
    /^error: no market data for NVDA, AMZN, MSFT, GOOGL and SPY, which every analysis needs: Yahoo Finance (could not be reached|did not answer)[^\n/]* and nothing is cached\n$/,
  );
}, 60_000);

test("ISINs unknown to our map are resolved by Yahoo search, preferring the listing in the file's currency", async () => {
  const fake = fakeYahoo();
  // A search answer written in Yahoo's shape (no search exchange is among the shared recordings).
  const base = fake.fetch;
  fake.fetch = async (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (url.pathname === '/v1/finance/search') {
      fake.requests.push(url.toString());
      return new Response(
        JSON.stringify({
          explains: [],
          count: 2,
          quotes: [
            {
              exchange: 'GER',
              shortname: 'DEUTSCHE TELEKOM',
              quoteType: 'EQUITY',
              symbol: 'DTE.DE',
              index: 'quotes',
              score: 20000,
              typeDisp: 'Equity',
              longname: 'Deutsche Telekom AG',
              isYahooFinance: true,
            },
            {
              exchange: 'PNK',
              shortname: 'DEUTSCHE TELEKOM AG',
              quoteType: 'EQUITY',
              symbol: 'DTEGY',
              index: 'quotes',
              score: 10000,
              typeDisp: 'Equity',
              longname: 'Deutsche Telekom AG',
              isYahooFinance: true,
            },
          ],
          news: [],
        }),
        { status: 200, headers: { 'content-type': 'application/json' } },
      );
    }
    return base(input, init);
  };
  const p = provider(fake, { now: at('2025-06-30') });
  const imported = await importHoldings(
    { fileName: 'd.csv', text: 'isin,quantity,currency\nDE0005557508,10,EUR\nUS67066G1040,2,USD\n' },
    { isinResolver: isinResolverFor(p) },
  );
  expect(imported.holdings.map((h) => [h.symbol, h.isin])).toEqual([
    ['DTE.DE', 'DE0005557508'],
    ['NVDA', 'US67066G1040'],
  ]);
  expect(imported.problems).toEqual([]);
  // Only the ISIN our map lacks went to Yahoo, and the answer is cached.
  expect(fake.requests.filter((u) => u.includes('/search')).length).toBe(1);
  await importHoldings(
    { fileName: 'd.csv', text: 'isin,quantity\nDE0005557508,10\n' },
    { isinResolver: isinResolverFor(p) },
  );
  expect(fake.requests.filter((u) => u.includes('/search')).length).toBe(1);
});

test('through the API, Yahoo failures are never a 500: basket missing → 503 with Retry-After; one symbol failing → 201 naming it', async () => {
  const dir = tmp();
  const store = new AnalysisStore(path.join(dir, 'a.sqlite'), dir);
  const down = fakeYahoo();
  down.fault = () => 'network';
  const appDown = createApp({
    market: provider(down, { now: at('2025-06-30') }, { retry: { retries: 1, baseDelayMs: 1, maxDelayMs: 1 } }),
    store,
    logger: pino({ level: 'silent' }),
    maxUploadBytes: 65536,
    rateLimitPerMinute: 0,
  });
  const res = await request(appDown)
    .post('/api/v1/analyses')
    .set('Content-Type', 'text/csv')
    .send('symbol,quantity\nNVDA,1\n');
  expect(res.status).toBe(503);
  expect(res.headers['retry-after']).toBe('60');
  expect(res.body.error.code).toBe('market_data_unavailable');
  const partial = fakeYahoo();
  partial.fault = (u) => (u.pathname.includes('/chart/AAPL') ? 'malformed' : undefined);
  const appPartial = createApp({
    market: provider(partial, { now: at('2025-06-30') }),
    store,
    logger: pino({ level: 'silent' }),
    maxUploadBytes: 65536,
    rateLimitPerMinute: 0,
  });
  const ok = await request(appPartial)
    .post('/api/v1/analyses')
    .set('Content-Type', 'text/csv')
    .send('symbol,quantity\nNVDA,1\nAAPL,2\n');
  expect(ok.status).toBe(201);
  expect(ok.body.report.dataSource.missing.map((m: { symbol: string }) => m.symbol)).toEqual(['AAPL']);
});
