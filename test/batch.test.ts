/** Batches on one machine: shared market snapshot, worker threads, per-portfolio failures, ranking. */
import { execFileSync } from 'node:child_process';
import { zipSync, strToU8 } from 'fflate';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analysePortfolio } from '../src/analyse-portfolio';
import { BATCH_MONTE_CARLO_PATHS, fromJsonLines, fromZip, readBatch, runBatchEmbedded, summaryCsv } from '../src/batch';
import { DemoMarketData, type MarketDataProvider } from '../src/market';

const SYMBOLS = ['NVDA', 'MSFT', 'AMZN', 'GOOGL', 'SPY', 'QQQ', 'SMH', 'AAPL', 'AVGO', 'JNJ', 'XOM', 'GLD', 'BND'];

function portfolios(n: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < n; i++) {
    const picks = SYMBOLS.filter((_, k) => (i + k) % 3 === 0).slice(0, 2 + (i % 5));
    out[`client-${String(i).padStart(3, '0')}.csv`] =
      `symbol,quantity\n${picks.map((s, k) => `${s},${1 + ((i * 7 + k * 3) % 40)}`).join('\n')}\n`;
  }
  return out;
}

/** Counts what the batch asks of the market: it must be once per symbol, whatever the number of portfolios. */
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
  const { items, problems } = readBatch(dir);
  expect(problems).toEqual([
    { id: '=HYPERLINK("x").csv', reason: 'the file name is not a usable portfolio id (letters, digits, . _ -)' },
  ]);
  const { wrapped, asked } = counting(new DemoMarketData());
  const reports = new Map<string, string>();
  const progress: number[] = [];
  const result = await runBatchEmbedded(items, wrapped, {
    threads: 2,
    onReport: (id, json) => void reports.set(id, json),
    onProgress: (p) => progress.push(p.done + p.failed),
  });
  expect(result.counts).toEqual({ total: 42, done: 40, failed: 2 });
  expect(result.rows.filter((r) => r.status === 'failed').map((r) => [r.id, r.reason])).toEqual([
    ['broken', expect.stringMatching(/no recognisable symbol or ISIN column/)],
    ['unknown', expect.stringMatching(/unknown symbol ZZZZ/)],
  ]);
  expect(progress[progress.length - 1]).toBe(42);
  // One request for the union of symbols (plus one for FX when needed), not one per portfolio.
  expect(asked.length).toBeLessThanOrEqual(2);
  expect(new Set(asked.flat()).size).toBe(asked.flat().length);
  // The shared snapshot changes nothing: each report is byte-identical to analysing it alone.
  for (const id of ['client-000', 'client-017', 'client-039']) {
    const alone = await analysePortfolio(
      { file: { fileName: `${id}.csv`, text: files[`${id}.csv`]! }, monteCarlo: { paths: BATCH_MONTE_CARLO_PATHS } },
      { market: new DemoMarketData(), now: () => new Date(result.generatedAt) },
    );
    expect(reports.get(id)).toBe(JSON.stringify(alone));
  }
  // Ranked riskiest first; the CSV is formula-safe.
  const ok = result.rows.filter((r) => r.status === 'ok');
  expect(ok.map((r) => r.score)).toEqual([...ok.map((r) => r.score!)].sort((a, b) => b - a));
  const csv = summaryCsv([...result.rows, { id: '=cmd|calc', status: 'failed', reason: '+1' }]);
  expect(csv).toContain("'=cmd|calc");
  expect(csv).toContain(",'+1");
}, 60_000);

test('a zip of CSV files and JSON lines are read the same way, each portfolio keeping its id', () => {
  const zip = zipSync({
    'a/one.csv': strToU8('symbol,quantity\nNVDA,1\n'),
    'two.csv': strToU8('symbol,quantity\nMSFT,2\n'),
    'notes.pdf': strToU8('%PDF'),
  });
  expect(fromZip(zip, 'b.zip').items.map((i) => i.id)).toEqual(['one', 'two']);
  const lines = fromJsonLines(
    '{"id":"c1","holdings":[{"symbol":"NVDA","quantity":1}]}\nnot json\n{"id":"c1","holdings":[]}\n{"id":"../x","holdings":[]}\n',
    'batch.jsonl',
  );
  expect(lines.items.map((i) => i.id)).toEqual(['c1']);
  expect(lines.problems).toEqual([
    { id: 'batch.jsonl:2', reason: 'line 2 is not JSON' },
    { id: 'c1', reason: 'line 3: the id "c1" appears twice' },
    { id: 'batch.jsonl:4', reason: 'line 4: "id" must be letters, digits, . _ - (at most 100)' },
  ]);
});

test('PDFs on request: each portfolio of the batch gets its PDF, in the language asked for', async () => {
  const { items } = fromJsonLines(
    [
      '{"id":"a","holdings":[{"symbol":"NVDA","quantity":3},{"symbol":"SPY","quantity":2}]}',
      '{"id":"b","holdings":[{"symbol":"MSFT","weight":0.5},{"symbol":"GLD","weight":0.5}]}',
    ].join('\n'),
    'b.jsonl',
  );
  const pdfs = new Map<string, Uint8Array | undefined>();
  const result = await runBatchEmbedded(items, new DemoMarketData(), {
    threads: 1,
    pdf: { lang: 'it', paper: 'A4' },
    onReport: (id, _json, pdf) => void pdfs.set(id, pdf),
  });
  expect(result.counts).toEqual({ total: 2, done: 2, failed: 0 });
  expect([...pdfs.keys()].sort()).toEqual(['a', 'b']);
  for (const pdf of pdfs.values()) {
    expect(Buffer.from(pdf!).subarray(0, 5).toString()).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-', '-'], { input: Buffer.from(pdf!) }).toString();
    expect(text).toMatch(/Esposizione/);
  }
}, 60_000);
