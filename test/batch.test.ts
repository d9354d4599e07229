/** Batches on one machine: portfolios read on threads, one market plan, worker threads, per-portfolio failures, ranking. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAnalysisOptions, runAnalysis } from '../src/analysis';
import {
  BATCH_MONTE_CARLO_PATHS,
  BatchOptionsSchema,
  type PortfolioOutcome,
  ThreadEngine,
  jsonLinesSource,
  readBatch,
  runBatch,
  summaryCsv,
} from '../src/batch';
import { parseOptions } from '../src/analysis';
import { importHoldings } from '../src/holdings';
import { DemoMarketData, type MarketDataProvider } from '../src/market';

const SYMBOLS = ['NVDA', 'MSFT', 'AMZN', 'GOOGL', 'SPY', 'QQQ', 'SMH', 'AAPL', 'AVGO', 'JNJ', 'XOM', 'GLD', 'BND'];
const options = (raw: Record<string, unknown> = {}) => parseOptions(BatchOptionsSchema, raw, 'cli');

function portfolios(n: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    const picks = SYMBOLS.filter((_, k) => (i + k) % 3 === 0).slice(0, 2 + (i % 5));
    out[`client-${String(i).padStart(3, '0')}.csv`] =
      `symbol,quantity\n${picks.map((s, k) => `${s},${1 + ((i * 7 + k * 3) % 40)}`).join('\n')}\n`;
  }
  return out;
}

/** Counts what the batch asks of the market: once per symbol, whatever the number of portfolios. */
function counting(market: MarketDataProvider) {
  const asked: string[][] = [];
  const wrapped: MarketDataProvider = {
    info: market.info,
    getHistories: (s) => {
      asked.push([...s]);
      return market.getHistories(s);
    },
    getFundHoldings: (s) => market.getFundHoldings(s),
    getInstrument: (s) => market.getInstrument(s),
  };
  return { wrapped, asked };
}

test('a folder of portfolios: every report identical to a single analysis, market data fetched once, failures named', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'aix-batch-'));
  const files: Record<string, string> = {
    ...portfolios(40),
    'broken.csv': 'foo,bar\n1,2\n',
    'unknown.csv': 'symbol,quantity\nZZZZ,1\n',
    '=HYPERLINK("x").csv': 'symbol,quantity\nNVDA,1\n',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const source = readBatch(dir);
  expect(source.problems.map((p) => [p.id, p.code])).toEqual([['=HYPERLINK("x").csv', 'batch.bad_id']]);
  const { wrapped, asked } = counting(new DemoMarketData());
  const reports = new Map<string, string>();
  const progress: number[] = [];
  const result = await runBatch(
    source,
    { engine: new ThreadEngine(2), market: wrapped, readThreads: 2 },
    {
      id: 'b1',
      options: options(),
      onReport: (o: PortfolioOutcome) => void reports.set(o.id, o.json),
      onProgress: (p) => progress.push(p.done + p.failed),
    },
  );
  expect(result.counts).toEqual({ total: 43, done: 40, failed: 3 });
  expect(result.rows.filter((r) => r.status === 'failed').map((r) => [r.id, r.code])).toEqual([
    ['=HYPERLINK("x").csv', 'batch.bad_id'],
    ['broken', 'missing_column'],
    ['unknown', 'mostly_unpriced'],
  ]);
  expect(progress[progress.length - 1]).toBe(43);
  // One request for the union of symbols (plus FX when needed), never one per portfolio.
  expect(asked.length).toBeLessThanOrEqual(2);
  expect(new Set(asked.flat()).size).toBe(asked.flat().length);
  // The shared snapshot changes nothing: each report is byte-identical to analysing it alone.
  for (const id of ['client-000', 'client-017', 'client-039']) {
    const imported = await importHoldings({ fileName: `${id}.csv`, bytes: Buffer.from(files[`${id}.csv`]!) });
    const alone = await runAnalysis(
      imported,
      parseAnalysisOptions({ monteCarloPaths: BATCH_MONTE_CARLO_PATHS }, 'cli'),
      {
        market: new DemoMarketData(),
        now: () => new Date(result.generatedAt),
      },
    );
    expect(reports.get(id)).toBe(JSON.stringify(alone));
  }
  // Ranked riskiest first; the CSV is formula-safe and has no control characters.
  const ok = result.rows.filter((r) => r.status === 'ok');
  expect(ok.map((r) => r.score)).toEqual([...ok.map((r) => r.score)].sort((a, b) => b - a));
  const csv = summaryCsv([
    ...result.rows,
    { id: '=cmd|calc', status: 'failed', code: 'x', params: {}, reason: '+1' },
    { id: 'nul\u0000id', status: 'failed', code: 'x', params: {}, reason: 'a\u0000b' },
  ]);
  expect(csv).toContain("'=cmd|calc");
  expect(csv).toContain(",'+1");
  expect(csv).not.toContain('\u0000');
}, 90_000);

test('JSON lines are read by the threads: bad lines, repeated ids and deep nesting are failed rows with their line', async () => {
  const text = [
    '{"id":"c1","holdings":[{"symbol":"NVDA","quantity":1}]}',
    'not json',
    '{"id":"c1","holdings":[{"symbol":"MSFT","quantity":1}]}',
    '{"id":"../x","holdings":[]}',
    `{"id":"deep","holdings":${'['.repeat(50)}${']'.repeat(50)}}`,
    '{"id":"c2","holdings":[{"symbol":"NVDA","quantity":"ten"}]}',
  ].join('\n');
  const result = await runBatch(
    jsonLinesSource(Buffer.from(text), 'b.jsonl'),
    { engine: new ThreadEngine(1), market: new DemoMarketData() },
    { id: 'b2', options: options() },
  );
  expect(result.counts).toEqual({ total: 6, done: 1, failed: 5 });
  expect(result.rows.filter((r) => r.status === 'failed').map((r) => [r.id, r.reason])).toEqual([
    ['b.jsonl:2', 'line 2 is not a JSON object with "id" and "holdings"'],
    ['b.jsonl:3', 'the portfolio id "c1" appears twice'],
    ['b.jsonl:4', 'line 4: "id" must be letters, digits, . _ - (at most 100)'],
    ['b.jsonl:5', 'line 5 is nested deeper than 16 levels'],
    ['c2', expect.stringMatching(/holdings\[0\]\.quantity.*"ten" is not a number/)],
  ]);
}, 60_000);

test('PDFs on request: each portfolio of the batch gets its PDF, in the language asked for', async () => {
  const source = jsonLinesSource(
    Buffer.from(
      [
        '{"id":"a","holdings":[{"symbol":"NVDA","quantity":3},{"symbol":"SPY","quantity":2}]}',
        '{"id":"b","holdings":[{"symbol":"MSFT","weight":0.5},{"symbol":"GLD","weight":0.5}]}',
      ].join('\n'),
    ),
    'b.jsonl',
  );
  const pdfs = new Map<string, Uint8Array | undefined>();
  const result = await runBatch(
    source,
    { engine: new ThreadEngine(1), market: new DemoMarketData() },
    { id: 'b3', options: options({ pdf: true, lang: 'it' }), onReport: (o) => void pdfs.set(o.id, o.pdf) },
  );
  expect(result.counts).toEqual({ total: 2, done: 2, failed: 0 });
  expect([...pdfs.keys()].sort()).toEqual(['a', 'b']);
  for (const pdf of pdfs.values()) {
    expect(Buffer.from(pdf!).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-', '-'], { input: Buffer.from(pdf!) }).toString();
    expect(text).toMatch(/Esposizione/);
  }
}, 60_000);
