import type { MarketDataPlan } from '../analysis/plan';
import type { ReferenceData } from '../analysis/reference';
import { classifier } from '../theme/model';
import { fxSymbol, isoCurrency } from './fx';
import { fresher, holdingsViaIndex } from './index-proxy';
import type {
  AnnualFundamentals,
  DataSourceInfo,
  FundHoldings,
  HistoryResult,
  InstrumentInfo,
  MarketDataProvider,
} from './types';

/**
 * Everything an analysis reads from market data, as plain data: fetched by `gather`, read by the
 * pure analysis. A batch's shared snapshot is one of these for the union of its portfolios.
 */
export interface MarketInputs {
  info: DataSourceInfo;
  /** Held symbols, the basket, the benchmark and the exchange-rate series ("EURUSD=X"). */
  histories: Record<string, HistoryResult>;
  instruments: Record<string, InstrumentInfo>;
  /** Constituents of every fund looked through (null: none known). */
  funds: Record<string, FundHoldings | null>;
  fundamentals: Record<string, AnnualFundamentals[] | null>;
}

export interface GatherDeps {
  market: MarketDataProvider;
  reference: ReferenceData;
}

/** All the I/O of an analysis, and nothing else: what the plan asks for, from the market-data source. */
export async function gather(plan: MarketDataPlan, { market, reference }: GatherDeps): Promise<MarketInputs> {
  const symbols = [...new Set([...plan.held, ...plan.basket, plan.benchmark])];
  const histories = Object.fromEntries(await market.getHistories(symbols));
  Object.assign(histories, await exchangeRates(plan, histories, market));
  const instruments = await describeInstruments(plan.held, market, reference);
  const funds = await crawlFunds(plan, instruments, market, reference);
  const fundamentals = await buyerFundamentals(plan.held, instruments, market, reference);
  return { info: market.info, histories, instruments, funds, fundamentals };
}

/** A fund we list is a fund whatever the source says; anything else is as the source describes it. */
async function describeInstruments(
  held: readonly string[],
  market: MarketDataProvider,
  reference: ReferenceData,
): Promise<Record<string, InstrumentInfo>> {
  const out: Record<string, InstrumentInfo> = {};
  for (const symbol of held) {
    const known = reference.funds.get(symbol);
    out[symbol] =
      known !== undefined
        ? { symbol, kind: 'fund', assetClass: known.assetClass, name: known.name }
        : await market.getInstrument(symbol);
  }
  return out;
}

/** Held funds, and the funds we know inside them, level by level down to the plan's depth. */
async function crawlFunds(
  plan: MarketDataPlan,
  instruments: Record<string, InstrumentInfo>,
  market: MarketDataProvider,
  reference: ReferenceData,
): Promise<Record<string, FundHoldings | null>> {
  const funds: Record<string, FundHoldings | null> = {};
  let frontier = plan.held.filter((s) => instruments[s]?.kind === 'fund');
  for (let depth = 0; depth < plan.lookThroughDepth && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const fund of frontier) {
      if (fund in funds) continue;
      funds[fund] = fresher(await market.getFundHoldings(fund), await viaIndex(fund, market, reference));
      for (const c of funds[fund]?.constituents ?? [])
        if (reference.funds.has(c.symbol) && !(c.symbol in funds)) next.push(c.symbol);
    }
    frontier = next;
  }
  return funds;
}

/** A fund's constituents from its index's list (ours, or a proxy's), when we know its index and a list for it. */
async function viaIndex(
  fund: string,
  market: MarketDataProvider,
  reference: ReferenceData,
): Promise<FundHoldings | null> {
  const indexId = reference.funds.get(fund)?.index;
  const index = indexId == null ? undefined : reference.indices.get(indexId);
  if (index?.constituents == null || index.constituents === fund) return null;
  const list = await market.getFundHoldings(index.constituents);
  if (list === null) return null;
  let byFund = viaIndexOfList.get(list);
  if (byFund === undefined) viaIndexOfList.set(list, (byFund = new Map()));
  const key = `${fund}\u0000${index.id}`;
  let held = byFund.get(key);
  if (held === undefined) byFund.set(key, (held = holdingsViaIndex(fund, index, list)));
  return held;
}

/**
 * A fund's list made from its index's, kept while the list is (the provider's cache holds it): for
 * VWCE, 2,333 ACWI lines filtered by location and copied, which cost every analysis 1 ms and made
 * every line a new object to resolve to its issuer again.
 */
const viaIndexOfList = new WeakMap<FundHoldings, Map<string, FundHoldings>>();

/**
 * Rates into each base currency for every other currency in play: the direct series ("EURUSD=X"),
 * or its inverse when only that exists. A rate neither source has is simply absent: the analysis
 * names it as missing market data.
 */
async function exchangeRates(
  plan: MarketDataPlan,
  histories: Record<string, HistoryResult>,
  market: MarketDataProvider,
): Promise<Record<string, HistoryResult>> {
  const from = new Set(plan.fx.from);
  for (const r of Object.values(histories)) if (r.ok) from.add(isoCurrency(r.history.currency).iso);
  const pairs = plan.fx.to.flatMap((to) => [...from].filter((c) => c !== to).map((c) => [c, to] as const));
  if (pairs.length === 0) return {};
  const direct = await market.getHistories(pairs.map(([c, to]) => fxSymbol(c, to)));
  const missing = pairs.filter(([c, to]) => direct.get(fxSymbol(c, to))?.ok !== true);
  const inverse = missing.length > 0 ? await market.getHistories(missing.map(([c, to]) => fxSymbol(to, c))) : new Map();
  return { ...Object.fromEntries(direct), ...Object.fromEntries(inverse) };
}

/** Annual figures of held companies outside the theme model whose industry makes them capex buyers. */
async function buyerFundamentals(
  held: readonly string[],
  instruments: Record<string, InstrumentInfo>,
  market: MarketDataProvider,
  reference: ReferenceData,
): Promise<Record<string, AnnualFundamentals[] | null>> {
  const out: Record<string, AnnualFundamentals[] | null> = {};
  if (market.getFundamentals === undefined) return out;
  const classify = classifier(reference.theme, reference.issuers);
  for (const symbol of held) {
    const issuer = reference.issuers.ofListing(symbol);
    const c = classify(issuer, instruments[symbol]?.industry);
    if (c.confidence === 'inferred' && c.roles.includes('capexBuyer'))
      out[issuer] = await market.getFundamentals(symbol);
  }
  return out;
}
