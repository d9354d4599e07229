import type { HoldingsImport } from '../holdings';
import { isoCurrency } from '../market/fx';
import { AI_BASKET, MARKET_BENCHMARK } from '../theme/enums';
import type { AnalysisOptions } from './options';

/** Nested funds are looked through this deep (real funds of funds rarely go past two levels). */
export const LOOK_THROUGH_DEPTH = 3;
const DEFAULT_BASE_CURRENCY = 'USD';

/**
 * What market data an analysis needs, decided once from the holdings and the options, so the
 * service, the CLI and a batch's shared snapshot ask for exactly the same things.
 */
export interface MarketDataPlan {
  baseCurrency: string;
  /** Why that base currency: asked for, the currency of the file's values, or the default. */
  baseCurrencySource: 'asked' | 'file' | 'default';
  /** Securities held directly: their histories and what they are (fund or company). */
  held: string[];
  /** The AI basket and the broad market every analysis needs beside the holdings. */
  basket: readonly string[];
  benchmark: string;
  /**
   * Exchange rates: from every currency in play (those the file names, and the listings' currencies
   * once histories are known) to each base currency (one per portfolio; several in a batch).
   */
  fx: { from: string[]; to: string[] };
  /** Held funds are looked through, and funds they hold that we know of, to this depth. */
  lookThroughDepth: number;
  /** Companies held outside the theme model whose capex figures the source may have. */
  fundamentals: 'buyers-outside-model';
}

export function plan(imported: HoldingsImport, options: Pick<AnalysisOptions, 'baseCurrency'>): MarketDataPlan {
  const held = new Set<string>();
  const currencies = new Set<string>();
  for (const p of imported.holdings) {
    if (p.kind === 'cash') currencies.add(p.currency);
    else held.add(p.symbol);
    if (p.basis === 'marketValue' && p.marketValueCurrency !== undefined)
      currencies.add(isoCurrency(p.marketValueCurrency).iso);
  }
  const fileCurrency = valuesCurrency(imported);
  const baseCurrency = options.baseCurrency ?? fileCurrency ?? DEFAULT_BASE_CURRENCY;
  return {
    baseCurrency,
    baseCurrencySource: options.baseCurrency !== undefined ? 'asked' : fileCurrency !== undefined ? 'file' : 'default',
    held: [...held],
    basket: AI_BASKET,
    benchmark: MARKET_BENCHMARK,
    fx: { from: [...currencies].filter((c) => c !== baseCurrency), to: [baseCurrency] },
    lookThroughDepth: LOOK_THROUGH_DEPTH,
    fundamentals: 'buyers-outside-model',
  };
}

/**
 * The one currency every value in the file is written in (a Degiro export's "Valore in EUR"), or
 * undefined when the file gives no values or mixes currencies.
 */
function valuesCurrency(imported: HoldingsImport): string | undefined {
  const seen = new Set<string>();
  for (const p of imported.holdings) {
    const stated =
      p.kind === 'cash'
        ? 'amount' in p.size
          ? p.currency
          : undefined
        : p.basis === 'marketValue'
          ? p.marketValueCurrency
          : p.file.value !== undefined
            ? p.file.valueCurrency
            : undefined;
    if (stated !== undefined) seen.add(isoCurrency(stated).iso);
  }
  const valued = imported.holdings.some(
    (p) => p.basis === 'marketValue' || (p.kind === 'security' && p.file.value !== undefined),
  );
  return valued && seen.size === 1 ? [...seen][0] : undefined;
}

/** One plan for many portfolios (a batch): the union of what each needs, for each one's base currency. */
export function mergePlans(plans: readonly MarketDataPlan[]): MarketDataPlan {
  const held = new Set<string>();
  const from = new Set<string>();
  const to = new Set<string>();
  for (const p of plans) {
    for (const s of p.held) held.add(s);
    for (const c of p.fx.from) from.add(c);
    for (const c of p.fx.to) to.add(c);
  }
  const first = plans[0];
  return {
    baseCurrency: first?.baseCurrency ?? DEFAULT_BASE_CURRENCY,
    baseCurrencySource: first?.baseCurrencySource ?? 'default',
    held: [...held],
    basket: AI_BASKET,
    benchmark: MARKET_BENCHMARK,
    fx: { from: [...from], to: [...to] },
    lookThroughDepth: LOOK_THROUGH_DEPTH,
    fundamentals: 'buyers-outside-model',
  };
}
