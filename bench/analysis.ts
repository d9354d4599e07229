/**
 * `npm run bench -- analysis` — one whole analysis in process with warm market data (the provider
 * has read each price file once), stage by stage, beside numpy doing the v1 figures and a 10,000-path
 * Monte Carlo on the same files (bench/numpy_analysis.py). Two portfolios: 25 real holdings (ETFs
 * looked through) and 500 synthetic ones. TypeScript and numpy run in alternating rounds and the
 * ratio is the median of the rounds' ratios, so a neighbour's load hits both sides alike.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analysePortfolio } from '../src/analyse-portfolio';
import { Rng } from '../src/analytics/core';
import { STAGES, type StageTimes, timed } from '../src/analysis/stage-times';
import { CsvMarketData } from '../src/market';
import { dayToIso, parseIsoDay, weekday } from '../src/shared/dates';
import { fmt, median, numpyEnv, python, ROOT, SHARED } from './common';

/** The 25 real symbols of the shared data (funds among them: their constituents are looked through). */
export const REAL_25 = [
  'AAPL',
  'AGG',
  'AMD',
  'AMZN',
  'ANET',
  'AVGO',
  'BND',
  'CSSPX.MI',
  'DLR',
  'EQIX',
  'GLD',
  'GOOG',
  'GOOGL',
  'INTC',
  'JNJ',
  'JPM',
  'META',
  'MSFT',
  'MU',
  'NVDA',
  'ORCL',
  'QQQ',
  'SMH',
  'SOXX',
  'SPY',
];

const ROUNDS = 5;
const REPS = 15;

interface Case {
  label: string;
  holdingsFile: string;
  pricesDir: string;
  etfDir: string;
  /** Median ms targets: the whole analysis with the default Monte Carlo, and without it. */
  target: { withMc: number; withoutMc?: number };
}

/** A synthetic market of n random-walk symbols plus the AI basket and SPY, written as price files. */
function syntheticMarket(dir: string, n: number): string[] {
  const rng = new Rng(11);
  const days: string[] = [];
  for (let d = parseIsoDay('2022-01-03')!; days.length < 900; d++)
    if (weekday(d) !== 0 && weekday(d) !== 6) days.push(dayToIso(d));
  const symbols = Array.from({ length: n }, (_, i) => `L${i}`);
  for (const s of [...symbols, 'AMZN', 'MSFT', 'GOOGL', 'NVDA', 'SPY']) {
    let p = 50 + rng.uniform() * 200;
    const lines = ['date,open,high,low,close,adj_close,volume'];
    for (const d of days) {
      p *= Math.exp(0.02 * rng.normal());
      lines.push(`${d},,,,${p.toFixed(4)},${p.toFixed(4)},`);
    }
    writeFileSync(path.join(dir, `${s}.csv`), `${lines.join('\n')}\n`);
  }
  return symbols;
}

/** A holdings file of these symbols, quantities 10 to 46. */
export function holdingsCsv(symbols: readonly string[]): string {
  return `symbol,quantity\n${symbols.map((s, i) => `${s},${10 + (i % 37)}`).join('\n')}\n`;
}

function benchCases(): Case[] {
  const work = mkdtempSync(path.join(tmpdir(), 'aix-bench-'));
  const prices = path.join(work, 'prices');
  mkdirSync(prices);
  const wide = syntheticMarket(prices, 500);
  const write = (name: string, symbols: readonly string[]) => {
    const file = path.join(work, name);
    writeFileSync(file, holdingsCsv(symbols));
    return file;
  };
  return [
    {
      label: '25 holdings (real prices, 6 funds looked through)',
      holdingsFile: write('real-25.csv', REAL_25),
      pricesDir: path.join(SHARED, 'prices'),
      etfDir: path.join(SHARED, 'etf-holdings'),
      target: { withMc: 25, withoutMc: 5 },
    },
    {
      label: '500 holdings (synthetic prices)',
      holdingsFile: write('synthetic-500.csv', wide),
      pricesDir: prices,
      etfDir: path.join(SHARED, 'etf-holdings'),
      target: { withMc: 60 },
    },
  ];
}

interface TsRound {
  total: number[];
  withoutMc: number[];
  stages: StageTimes[];
}

/** REPS analyses of the case (after a warm-up), each with its stage times and JSON serialisation. */
export async function tsRound(fileName: string, market: CsvMarketData, text: string, reps: number): Promise<TsRound> {
  const out: TsRound = { total: [], withoutMc: [], stages: [] };
  for (let r = 0; r < reps; r++) {
    const times: StageTimes = {};
    const t = performance.now();
    const report = await analysePortfolio(
      { file: { fileName, text } },
      { market, times, now: () => new Date('2026-11-30T00:00:00Z') },
    );
    timed(times, 'JSON', () => JSON.stringify(report));
    const total = performance.now() - t;
    out.total.push(total);
    out.withoutMc.push(total - (times['Monte Carlo'] ?? 0));
    out.stages.push(times);
  }
  return out;
}

export function numpyRound(
  py: string,
  c: Pick<Case, 'holdingsFile' | 'pricesDir' | 'etfDir'>,
  reps: number,
): { analysis: number; withMonteCarlo: number } {
  const script = path.join(ROOT, 'bench/numpy_analysis.py');
  const args = [script, c.holdingsFile, c.pricesDir, c.etfDir, String(reps)];
  return JSON.parse(execFileSync(py, args, { env: numpyEnv() }).toString());
}

async function benchCase(c: Case, py: string | null): Promise<boolean> {
  const market = new CsvMarketData({ pricesDir: c.pricesDir, etfHoldingsDir: c.etfDir });
  const text = readFileSync(c.holdingsFile, 'utf8');
  // Warm-up: files read into the provider's memory, hot paths compiled (a running service has both).
  const warmUntil = performance.now() + 1500;
  while (performance.now() < warmUntil) await tsRound(path.basename(c.holdingsFile), market, text, 1);
  const ts: TsRound = { total: [], withoutMc: [], stages: [] };
  const ratios: { without: number[]; with: number[] } = { without: [], with: [] };
  const np: { analysis: number[]; withMonteCarlo: number[] } = { analysis: [], withMonteCarlo: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const r = await tsRound(path.basename(c.holdingsFile), market, text, REPS);
    ts.total.push(...r.total);
    ts.withoutMc.push(...r.withoutMc);
    ts.stages.push(...r.stages);
    if (py === null) continue;
    const n = numpyRound(py, c, REPS);
    np.analysis.push(n.analysis);
    np.withMonteCarlo.push(n.withMonteCarlo);
    ratios.without.push(median(r.withoutMc) / n.analysis);
    ratios.with.push(median(r.total) / n.withMonteCarlo);
  }
  console.log(`\n${c.label}: median of ${ROUNDS} × ${REPS} runs (ms)`);
  for (const stage of STAGES) {
    const ms = median(ts.stages.map((s) => s[stage] ?? 0));
    console.log(`  ${stage.padEnd(22)}${fmt(ms)}`);
  }
  const line = (label: string, ms: number, npMs: number[], ratio: number[], target: number | undefined) => {
    const numpy = npMs.length > 0 ? `   numpy ${fmt(median(npMs)).trim()} (×${median(ratio).toFixed(1)})` : '';
    const met = target === undefined || ms <= target;
    const verdict = target === undefined ? '' : `   target ≤ ${target} ms: ${met ? 'met' : 'MISSED'}`;
    console.log(`  ${label.padEnd(22)}${fmt(ms)}${numpy}${verdict}`);
    return met;
  };
  const a = line('without Monte Carlo', median(ts.withoutMc), np.analysis, ratios.without, c.target.withoutMc);
  const b = line('whole analysis', median(ts.total), np.withMonteCarlo, ratios.with, c.target.withMc);
  return a && b;
}

export async function benchAnalysis(): Promise<boolean> {
  const py = python();
  console.log(
    `\nOne analysis in process, warm market data (numpy: ${py ?? 'not found'}; ts/numpy is the median of ${ROUNDS} alternating rounds)`,
  );
  let ok = true;
  for (const c of benchCases()) if (!(await benchCase(c, py))) ok = false;
  return ok;
}
