import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dayToIso, parseIsoDay, weekday } from '../../src/shared/dates';

export interface SeriesSpec {
  close?: number[];
  adjClose?: number[];
  /** First day; defaults to 2024-01-01 (a Monday). */
  start?: string;
}

/** Weekday dates from a start day. */
function weekdays(start: string, count: number): string[] {
  const out: string[] = [];
  for (let d = parseIsoDay(start)!; out.length < count; d++)
    if (weekday(d) !== 0 && weekday(d) !== 6) out.push(dayToIso(d));
  return out;
}

/** Writes SYMBOL.csv price files (and optional ETF.csv constituent files) into a fresh temp folder. */
export function writeSmallMarket(
  series: Record<string, SeriesSpec>,
  funds: Record<string, string> = {},
): { pricesDir: string; etfDir: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'aix-market-'));
  const pricesDir = path.join(root, 'prices');
  const etfDir = path.join(root, 'etf');
  mkdirSync(pricesDir);
  mkdirSync(etfDir);
  for (const [symbol, s] of Object.entries(series)) {
    const n = (s.close ?? s.adjClose)!.length;
    const dates = weekdays(s.start ?? '2024-01-01', n);
    const rows = dates.map((d, i) => `${d},,,,${s.close?.[i] ?? ''},${s.adjClose?.[i] ?? ''},`);
    writeFileSync(
      path.join(pricesDir, `${symbol}.csv`),
      `date,open,high,low,close,adj_close,volume\n${rows.join('\n')}\n`,
    );
  }
  for (const [fund, text] of Object.entries(funds)) writeFileSync(path.join(etfDir, `${fund}.csv`), text);
  return { pricesDir, etfDir };
}

/** Prices that alternate returns of +up and −down from a start level. */
export function alternating(start: number, up: number, down: number, returns: number): number[] {
  const p = [start];
  for (let t = 0; t < returns; t++) p.push(p[t]! * (t % 2 === 0 ? 1 + up : 1 - down));
  return p;
}
