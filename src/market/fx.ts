import type { PriceHistory } from './types';

/** Yahoo quotes some listings in minor units: London in pence (GBp / GBX), Johannesburg in cents. */
const MINOR_UNITS: Record<string, { iso: string; factor: number }> = {
  GBp: { iso: 'GBP', factor: 0.01 },
  GBX: { iso: 'GBP', factor: 0.01 },
  ZAc: { iso: 'ZAR', factor: 0.01 },
  ILA: { iso: 'ILS', factor: 0.01 },
};

/** The ISO currency of a price currency, and what one price unit is worth in it. */
export function isoCurrency(currency: string): { iso: string; factor: number } {
  return MINOR_UNITS[currency] ?? { iso: currency.toUpperCase(), factor: 1 };
}

/** Yahoo's symbol for the rate that turns one unit of `from` into `to` ("EURUSD=X": dollars per euro). */
export function fxSymbol(from: string, to: string): string {
  return `${from}${to}=X`;
}

/** A rate series turned around: to→from from from→to. */
export function invertRates(h: PriceHistory, symbol: string): PriceHistory {
  return { ...h, symbol, close: h.close.map((v) => 1 / v), adjClose: h.adjClose.map((v) => 1 / v) };
}

/**
 * The rate on a day, or the last one before it (FX and stock-exchange holidays differ; a rate a
 * few days old is what a broker statement would use too). NaN when none within `maxGapDays`.
 */
export function rateOn(rates: PriceHistory, day: number, maxGapDays = 7): number {
  let lo = 0;
  let hi = rates.days.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (rates.days[mid]! <= day) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = found; i >= 0 && day - rates.days[i]! <= maxGapDays; i--) {
    const v = rates.adjClose[i]!;
    if (!Number.isNaN(v)) return v;
  }
  return NaN;
}

/** A price history re-expressed in another currency, day by day (prices × rate × minor-unit factor). */
export function convertHistory(
  h: PriceHistory,
  rates: PriceHistory | null,
  factor: number,
  target: string,
): PriceHistory {
  const n = h.days.length;
  const close = new Float64Array(n);
  const adjClose = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = (rates === null ? 1 : rateOn(rates, h.days[i]!)) * factor;
    close[i] = h.close[i]! * r;
    adjClose[i] = h.adjClose[i]! * r;
  }
  return { ...h, currency: target, close, adjClose };
}

/** Trading currency of a Yahoo symbol by its exchange suffix (London quotes in pence); USD without one. */
const SUFFIX_CURRENCY: Record<string, string> = {
  DE: 'EUR',
  F: 'EUR',
  MI: 'EUR',
  PA: 'EUR',
  AS: 'EUR',
  MC: 'EUR',
  BR: 'EUR',
  LS: 'EUR',
  VI: 'EUR',
  HE: 'EUR',
  IR: 'EUR',
  MU: 'EUR',
  BE: 'EUR',
  SG: 'EUR',
  DU: 'EUR',
  HM: 'EUR',
  HA: 'EUR',
  L: 'GBp',
  IL: 'GBp',
  SW: 'CHF',
  ST: 'SEK',
  CO: 'DKK',
  OL: 'NOK',
  WA: 'PLN',
  PR: 'CZK',
  T: 'JPY',
  HK: 'HKD',
  TO: 'CAD',
  V: 'CAD',
  AX: 'AUD',
  NZ: 'NZD',
  SI: 'SGD',
  KS: 'KRW',
  TW: 'TWD',
  SS: 'CNY',
  SZ: 'CNY',
  NS: 'INR',
  BO: 'INR',
  SA: 'BRL',
  MX: 'MXN',
  JO: 'ZAc',
  TA: 'ILA',
};

export function currencyFromSymbol(symbol: string): string {
  if (symbol.endsWith('=X')) return symbol.length === 8 ? symbol.slice(3, 6) : 'USD'; // EURUSD=X is in dollars
  const dot = symbol.lastIndexOf('.');
  return dot > 0 ? (SUFFIX_CURRENCY[symbol.slice(dot + 1)] ?? 'USD') : 'USD';
}
