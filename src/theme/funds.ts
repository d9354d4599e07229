import type { Position } from '../holdings';
import type { ReferenceData } from '../analysis/reference';
import { message, type MessageRef } from '../i18n';
import type { MarketInputs } from '../market/gather';
import type { FundHoldings, InstrumentInfo } from '../market/types';
import { parseIsoDay } from '../shared/dates';
import type { Warning } from '../valuation/value';
import { homeCurrencyExposure, type HomeCurrencyExposure } from './home-currency';
import { lookThrough, type LookThrough } from './look-through';

/** Constituent lists older than a year are still used, but flagged on page 1 with their age. */
const STALE_CONSTITUENTS_DAYS = 365;

/** A held fund's constituents as used: their date, age and whether they were looked through. */
interface HeldFund {
  symbol: string;
  weight: number;
  holdings: FundHoldings;
  /** The list's date when it has one that parses; null: undated. */
  asOf: string | null;
  ageDays: number | null;
  stale: boolean;
  /** Left out by the user's maximum age: the fund counts as one opaque issuer. */
  excluded: boolean;
}

export interface LookThroughStage {
  look: LookThrough;
  /** Per position: what the instrument is (null for cash). */
  instruments: (InstrumentInfo | null)[];
  isFund: boolean[];
  heldFunds: HeldFund[];
  /** The value by its issuers' home currency, after look-through. */
  homeCurrency: HomeCurrencyExposure;
  warnings: Warning[];
}

/**
 * Spreads every position onto the issuers it finally owns. A fund's list is used whatever its age
 * (an old list says more than none) unless the user set a maximum age; then an older or undated
 * list is left out and the fund is one opaque issuer. Every fund says its list's date and age.
 */
export function lookThroughStage(
  positions: readonly Position[],
  weights: Float64Array,
  market: MarketInputs,
  reference: Pick<ReferenceData, 'funds' | 'issuers'>,
  asOfDay: number,
  maxAgeDays: number | undefined,
): LookThroughStage {
  const instruments = positions.map((p) =>
    p.kind === 'cash' ? null : (market.instruments[p.symbol] ?? { symbol: p.symbol, kind: 'unknown' as const }),
  );
  const isFund = instruments.map((info) => info?.kind === 'fund');
  const dated = new Map(
    Object.entries(market.funds)
      .filter((e): e is [string, FundHoldings] => e[1] !== null)
      .map(([symbol, holdings]) => [symbol, datedList(symbol, holdings, asOfDay, maxAgeDays)] as const),
  );
  const usable = new Map([...dated].filter(([, d]) => !d.excluded).map(([s, d]) => [s, d.holdings]));
  const look = lookThrough(
    positions.map((p, i) => ({ symbol: p.symbol, weight: weights[i]!, kind: p.kind, isFund: isFund[i]! })),
    usable,
    (symbol) => dated.has(symbol) || reference.funds.has(symbol),
    reference.issuers,
  );
  const heldFunds: HeldFund[] = [];
  const missing: string[] = [];
  positions.forEach((p, i) => {
    const info = instruments[i];
    if (info == null || info.kind !== 'fund') return;
    const list = dated.get(p.symbol);
    if (list !== undefined) heldFunds.push({ ...list, weight: weights[i]! });
    else if (info.assetClass === 'equity' || info.assetClass === 'mixed') missing.push(p.symbol);
  });
  const cash = positions.flatMap((p, i) => (p.kind === 'cash' ? [{ currency: p.currency, weight: weights[i]! }] : []));
  const homeCurrency = homeCurrencyExposure(look, cash, usable.values(), reference.issuers);
  return { look, instruments, isFund, heldFunds, homeCurrency, warnings: fundWarnings(missing, heldFunds) };
}

function datedList(symbol: string, holdings: FundHoldings, asOfDay: number, maxAgeDays: number | undefined) {
  const day = holdings.asOf === null ? null : parseIsoDay(holdings.asOf);
  const ageDays = day === null ? null : asOfDay - day;
  return {
    symbol,
    holdings,
    asOf: day === null ? null : holdings.asOf,
    ageDays,
    stale: ageDays !== null && ageDays > STALE_CONSTITUENTS_DAYS,
    excluded: maxAgeDays !== undefined && (ageDays === null || ageDays > maxAgeDays),
  };
}

function fundWarnings(missing: string[], heldFunds: readonly HeldFund[]): Warning[] {
  const warnings: Warning[] = [];
  if (missing.length > 0)
    warnings.push({ ...message('warn.etf_without_constituents', { symbols: missing }), symbols: missing });
  const describe = (f: HeldFund): MessageRef =>
    f.asOf === null
      ? { code: 'fund.undated', params: { fund: f.symbol } }
      : { code: 'fund.aged', params: { fund: f.symbol, date: f.asOf, age: ageOf(f.ageDays!) } };
  const old = heldFunds.filter((f) => f.stale || f.asOf === null);
  if (old.length > 0)
    warnings.push({
      ...message('warn.etf_constituents_stale', { funds: old.map(describe) }),
      symbols: old.map((f) => f.symbol),
    });
  const excluded = heldFunds.filter((f) => f.excluded);
  if (excluded.length > 0)
    warnings.push({
      ...message('warn.etf_constituents_excluded', { funds: excluded.map(describe) }),
      symbols: excluded.map((f) => f.symbol),
    });
  return warnings;
}

/** "4 years", "7 months", "12 days": the age a reader takes in at a glance. */
function ageOf(days: number): MessageRef {
  if (days >= 730) return { code: 'age.years', params: { n: Math.floor(days / 365.25) } };
  if (days >= 60) return { code: 'age.months', params: { n: Math.floor(days / 30.44) } };
  return { code: 'age.days', params: { n: days } };
}
