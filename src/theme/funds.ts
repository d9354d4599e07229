import type { Position } from '../holdings';
import { message } from '../i18n';
import type { MarketInputs } from '../market/gather';
import type { ReferenceData } from '../analysis/reference';
import type { FundHoldings, InstrumentInfo } from '../market/types';
import { dayToIso, parseIsoDay } from '../shared/dates';
import type { Warning } from '../valuation/value';
import type { FundLookThrough } from './core-four';
import { lookThrough, type LookThrough } from './look-through';

/** Constituent lists older than this (relative to asOf) are flagged. */
export const STALE_CONSTITUENTS_DAYS = 180;

export interface LookThroughStage {
  look: LookThrough;
  /** Per position: what the instrument is (null for cash). */
  instruments: (InstrumentInfo | null)[];
  isFund: boolean[];
  /** Held funds whose constituents were looked through. */
  heldFunds: FundLookThrough[];
  warnings: Warning[];
}

/** Spreads every position onto the issuers it finally owns, and says which funds could not be looked through. */
export function lookThroughStage(
  positions: readonly Position[],
  weights: Float64Array,
  market: MarketInputs,
  reference: Pick<ReferenceData, 'funds' | 'issuers'>,
  asOfDay: number,
): LookThroughStage {
  const instruments = positions.map((p) =>
    p.kind === 'cash' ? null : (market.instruments[p.symbol] ?? { symbol: p.symbol, kind: 'unknown' as const }),
  );
  const isFund = instruments.map((info) => info?.kind === 'fund');
  const fundHoldings = new Map(Object.entries(market.funds).filter((e): e is [string, FundHoldings] => e[1] !== null));
  const look = lookThrough(
    positions.map((p, i) => ({ symbol: p.symbol, weight: weights[i]!, kind: p.kind, isFund: isFund[i]! })),
    fundHoldings,
    (symbol) => fundHoldings.has(symbol) || reference.funds.has(symbol),
    reference.issuers,
  );
  const heldFunds: FundLookThrough[] = [];
  const missingConstituents: string[] = [];
  positions.forEach((p, i) => {
    const info = instruments[i];
    if (info == null || info.kind !== 'fund') return;
    const holdings = fundHoldings.get(p.symbol);
    if (holdings !== undefined) heldFunds.push({ symbol: p.symbol, weight: weights[i]!, holdings });
    else if (info.assetClass === 'equity' || info.assetClass === 'mixed') missingConstituents.push(p.symbol);
  });
  return { look, instruments, isFund, heldFunds, warnings: fundWarnings(missingConstituents, heldFunds, asOfDay) };
}

function fundWarnings(
  missingConstituents: string[],
  heldFunds: readonly FundLookThrough[],
  asOfDay: number,
): Warning[] {
  const warnings: Warning[] = [];
  if (missingConstituents.length > 0)
    warnings.push({
      ...message('warn.etf_without_constituents', { symbols: missingConstituents }),
      symbols: missingConstituents,
    });
  const stale = heldFunds.filter((f) => isStale(f.holdings, asOfDay));
  if (stale.length > 0)
    warnings.push({
      ...message('warn.etf_constituents_stale', {
        days: STALE_CONSTITUENTS_DAYS,
        asOf: dayToIso(asOfDay),
        funds: stale.map((f) => `${f.symbol} (${f.holdings.asOf})`).join(', '),
      }),
      symbols: stale.map((f) => f.symbol),
    });
  return warnings;
}

function isStale(h: FundHoldings, asOfDay: number): boolean {
  const day = h.asOf === null ? null : parseIsoDay(h.asOf);
  return day !== null && asOfDay - day > STALE_CONSTITUENTS_DAYS;
}
