import { AppError } from '../errors';
import type { HoldingsImport, Position, SecurityPosition } from '../holdings';
import { message, type Message } from '../i18n';
import type { MarketInputs } from '../market/gather';
import { fxSymbol, isoCurrency } from '../market/fx';
import type { PriceHistory } from '../market/types';
import type { MissingSymbol } from './histories';
import type { Warning } from './value';

/** More than this share of the value without prices and the analysis would describe another portfolio. */
const MAX_UNPRICED_SHARE = 0.5;

interface ReportMissing {
  symbol: string;
  reason: Message;
  /** Share of the portfolio's value as the file states it; null when the file gives no value to tell. */
  share: number | null;
}

export interface Unpriced {
  /** Positions the analysis runs on: everything but the unpriced securities. */
  positions: Position[];
  missing: ReportMissing[];
  warnings: Warning[];
}

/**
 * Leaves out held symbols the market data cannot price, each named with its share of the value as
 * the file states it. More than half of the value unpriced stops the analysis: it would describe
 * another portfolio.
 */
export function leaveOutUnpriced(
  imported: HoldingsImport,
  missing: readonly MissingSymbol[],
  market: MarketInputs,
  base: string,
): Unpriced {
  if (missing.length === 0) return { positions: imported.holdings, missing: [], warnings: [] };
  const gone = new Set(missing.map((m) => m.symbol));
  const positions = imported.holdings.filter((p) => p.kind === 'cash' || !gone.has(p.symbol));
  const shares = fileShares(imported.holdings, market, base);
  const report = missing.map((m) => ({ symbol: m.symbol, reason: m.reason, share: shares?.get(m.symbol) ?? null }));
  const unpricedShare = shares === null ? null : report.reduce((s, m) => s + (m.share ?? 0), 0);
  if (positions.length === 0 || (unpricedShare !== null && unpricedShare > MAX_UNPRICED_SHARE))
    throw new AppError('market_data_missing', 'mostly_unpriced', {
      params: { symbols: report.map((m) => m.symbol), share: positions.length === 0 ? 1 : unpricedShare },
      details: { missing: report.map((m) => ({ symbol: m.symbol, reason: m.reason.message, share: m.share })) },
    });
  const symbols = report.map((m) => m.symbol);
  const warning = { ...message('warn.symbols_without_data', { symbols, share: unpricedShare }), symbols };
  return { positions, missing: report, warnings: [warning] };
}

/**
 * Each position's share of the value the file states: weights as given, values as written (converted
 * at the latest rate the market data has). Null when some position has no stated value.
 */
function fileShares(holdings: readonly Position[], market: MarketInputs, base: string): Map<string, number> | null {
  const values = new Map<string, number>();
  let weightSum = 0;
  let valueSum = 0;
  for (const p of holdings) {
    const weight = p.basis === 'weight' ? p.weight : p.basis === 'cash' && 'weight' in p.size ? p.size.weight : null;
    if (weight !== null) {
      weightSum += weight;
      values.set(p.symbol, -weight);
      continue;
    }
    const stated = statedValue(p, market, base);
    if (stated === null) return null;
    valueSum += stated;
    values.set(p.symbol, stated);
  }
  if (weightSum >= 1 && valueSum > 0) return null;
  const total = valueSum > 0 ? valueSum / (1 - weightSum) : 1 / Math.max(weightSum, 1e-12);
  return new Map([...values].map(([s, v]) => [s, v < 0 ? -v : v / total]));
}

function statedValue(p: Position, market: MarketInputs, base: string): number | null {
  const amount =
    p.basis === 'marketValue'
      ? { value: p.marketValue, currency: p.marketValueCurrency ?? base }
      : p.basis === 'cash' && 'amount' in p.size
        ? { value: p.size.amount, currency: p.currency }
        : p.basis === 'quantity' && p.file.value !== undefined
          ? { value: p.file.value, currency: p.file.valueCurrency ?? p.file.currency ?? base }
          : p.basis === 'quantity' && p.file.price !== undefined && p.file.currency !== undefined
            ? { value: p.quantity * p.file.price, currency: p.file.currency }
            : null;
  if (amount === null) return null;
  const rate = latestRate(amount.currency, base, market);
  return rate === null ? null : amount.value * rate;
}

function latestRate(currency: string, base: string, market: MarketInputs): number | null {
  const { iso, factor } = isoCurrency(currency);
  if (iso === base) return factor;
  const last = (h: PriceHistory) => {
    for (let i = h.adjClose.length - 1; i >= 0; i--) if (!Number.isNaN(h.adjClose[i]!)) return h.adjClose[i]!;
    return Number.NaN;
  };
  const direct = market.histories[fxSymbol(iso, base)];
  if (direct?.ok === true) return last(direct.history) * factor;
  const inverse = market.histories[fxSymbol(base, iso)];
  if (inverse?.ok === true) return factor / last(inverse.history);
  return null;
}

/** A position sized by quantity must name its listing's currency, if it names one: else the price is of another listing. */
export function checkListingCurrency(p: SecurityPosition, h: PriceHistory, fileName: string): void {
  const stated = p.file.currency;
  if (stated === undefined || p.basis !== 'quantity') return;
  if (stated === h.currency || stated === isoCurrency(h.currency).iso) return;
  throw new AppError('unprocessable', 'currency_mismatch', {
    params: { symbol: p.symbol, listing: h.currency, file: stated },
    location: { file: fileName, row: p.rows[0]!, column: 'currency', value: stated },
  });
}
