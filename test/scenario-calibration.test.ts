/**
 * The figures in data/scenarios.json and data/stress-windows.json that come from the shared prices
 * are recomputed here from the price files: the AI basket's 2021-22 peak and trough, the market's
 * move over those days, and how volatility and correlation changed in that bust.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadReferenceData } from '../src/analysis/reference';
import { PRICES_DIR } from './helpers/paths';

const CORE = ['AMZN', 'MSFT', 'GOOGL', 'NVDA'];

function series(symbol: string): Map<string, number> {
  const rows = readFileSync(path.join(PRICES_DIR, `${symbol}.csv`), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  return new Map(rows.map((r) => r.split(',')).map((f) => [f[0]!, Number(f[5] || f[4])]));
}

const prices = Object.fromEntries([...CORE, 'SPY'].map((s) => [s, series(s)]));
const days = [...prices.SPY!.keys()].filter((d) => CORE.every((s) => prices[s]!.has(d))).sort();
const ret = (s: string, t: number) => prices[s]!.get(days[t]!)! / prices[s]!.get(days[t - 1]!)! - 1;
const basket = days.slice(1).map((_, i) => CORE.reduce((sum, s) => sum + ret(s, i + 1), 0) / CORE.length);
const wealth = [1];
for (const r of basket) wealth.push(wealth.at(-1)! * (1 + r));

test('the headline scenario is the AI basket’s peak-to-trough, and the market’s move over the same days', () => {
  let peak = 0;
  let worst = { fall: 0, from: 0, to: 0 };
  wealth.forEach((w, t) => {
    if (w > wealth[peak]!) peak = t;
    if (w / wealth[peak]! - 1 < worst.fall) worst = { fall: w / wealth[peak]! - 1, from: peak, to: t };
  });
  const { headline } = loadReferenceData().scenario;
  expect([days[worst.from], days[worst.to]]).toEqual([headline.window.start, headline.window.end]);
  expect(worst.fall).toBeCloseTo(headline.basketMove, 4);
  const spy = prices.SPY!;
  expect(spy.get(headline.window.end)! / spy.get(headline.window.start)! - 1).toBeCloseTo(headline.marketMove, 4);
  const window = loadReferenceData().stressWindows.find((w) => w.id === 'ai-basket-2021-22')!;
  expect([window.start, window.end]).toEqual([headline.window.start, headline.window.end]);
});

test('the bust regime: volatility and correlations as they were in the 2021-22 bust', () => {
  const { headline, bustRegime } = loadReferenceData().scenario;
  const from = days.indexOf(headline.window.start);
  const to = days.indexOf(headline.window.end);
  const sd = (x: number[]) => {
    const m = x.reduce((s, v) => s + v, 0) / x.length;
    return Math.sqrt(x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1));
  };
  // Returns inside the window are those ending on its days (from + 1 … to).
  expect(sd(basket.slice(from, to)) / sd(basket)).toBeCloseTo(bustRegime.volatilityScale, 2);
  const columns = [...CORE, 'SPY'].map((s) => days.slice(1).map((_, i) => ret(s, i + 1)));
  const corr = (a: number[], b: number[]) => {
    const ma = a.reduce((s, v) => s + v, 0) / a.length;
    const mb = b.reduce((s, v) => s + v, 0) / b.length;
    let sab = 0;
    let saa = 0;
    let sbb = 0;
    a.forEach((v, i) => {
      sab += (v - ma) * (b[i]! - mb);
      saa += (v - ma) ** 2;
      sbb += (b[i]! - mb) ** 2;
    });
    return sab / Math.sqrt(saa * sbb);
  };
  const average = (slice: (x: number[]) => number[]) => {
    const pairs: number[] = [];
    for (let i = 0; i < columns.length; i++)
      for (let j = i + 1; j < columns.length; j++) pairs.push(corr(slice(columns[i]!), slice(columns[j]!)));
    return pairs.reduce((s, v) => s + v, 0) / pairs.length;
  };
  const inBust = average((x) => x.slice(from, to));
  const overall = average((x) => x);
  expect((inBust - overall) / (1 - overall)).toBeCloseTo(bustRegime.correlationBlend, 2);
});
