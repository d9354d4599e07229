/**
 * Derives the demo market's parameters from the real prices in ../shared/datasets/prices and prints
 * them as the TypeScript table that src/market/demo-calibration.ts holds. Run:
 *   npx tsx scripts/calibrate-demo.ts [PRICES_DIR]
 * Method: daily log returns of adj_close on the dates all symbols share; drift = mean × 252,
 * volatility = sample sd × √252, correlation = sample correlation, rounded to 2 decimals
 * (the script checks the rounded matrix is still positive definite). Start price = first common
 * day's close, rounded to a whole number.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { parsePriceCsv } from '../src/market/price-csv';
import { cholesky, createMatrix, mean, sampleCovariance, sampleVariance } from '../src/analytics/core';
import { dayToIso } from '../src/shared/dates';
import { DEMO_SYMBOLS } from '../src/market/demo-calibration';
import { PROJECT_ROOT } from '../src/shared/project-root';

const dir = process.argv[2] ?? path.resolve(PROJECT_ROOT, '../shared/datasets/prices');
const histories = DEMO_SYMBOLS.map((s) => {
  const r = parsePriceCsv(readFileSync(path.join(dir, `${s}.csv`), 'utf8'), s, s);
  if (!r.ok) throw new Error(r.failure.detail ?? r.failure.symbol);
  return r.history;
});
const dayCount = new Map<number, number>();
for (const h of histories)
  for (let i = 0; i < h.days.length; i++)
    if (!Number.isNaN(h.adjClose[i]!)) dayCount.set(h.days[i]!, (dayCount.get(h.days[i]!) ?? 0) + 1);
const common = [...dayCount]
  .filter(([, c]) => c === histories.length)
  .map(([d]) => d)
  .sort((a, b) => a - b);
const T = common.length - 1;
const logReturns = createMatrix(T, histories.length);
const startPrices: number[] = [];
histories.forEach((h, j) => {
  const at = new Map<number, number>();
  for (let i = 0; i < h.days.length; i++) at.set(h.days[i]!, i);
  const adj = common.map((d) => h.adjClose[at.get(d)!]!);
  const firstClose = h.close[at.get(common[0]!)!]!;
  startPrices.push(Math.round(Number.isNaN(firstClose) ? adj[0]! : firstClose));
  for (let t = 0; t < T; t++) logReturns.data[j * T + t] = Math.log(adj[t + 1]! / adj[t]!);
});
const col = (j: number) => logReturns.data.subarray(j * T, (j + 1) * T);
const n = histories.length;
const corr: number[] = [];
for (let i = 0; i < n; i++)
  for (let j = 0; j < n; j++) {
    const c = sampleCovariance(col(i), col(j)) / Math.sqrt(sampleVariance(col(i)) * sampleVariance(col(j)));
    corr.push(Math.round(c * 100) / 100);
  }
cholesky(corr, n);
console.log(`// ${dayToIso(common[0]!)} → ${dayToIso(common[common.length - 1]!)}, ${T} daily log returns`);
histories.forEach((h, j) => {
  const drift = mean(col(j)) * 252;
  const vol = Math.sqrt(sampleVariance(col(j)) * 252);
  console.log(
    `  ${h.symbol}: { drift: ${drift.toFixed(3)}, volatility: ${vol.toFixed(3)}, startPrice: ${startPrices[j]} },`,
  );
});
console.log('correlation:');
for (let i = 0; i < n; i++)
  console.log(
    `  [${corr
      .slice(i * n, i * n + n)
      .map((c) => c.toFixed(2))
      .join(', ')}],`,
  );
