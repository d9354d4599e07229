import { InputError } from './errors';
import { parseHoldingsCsv, requireNoProblems, type Position } from './holdings';
import type { FundHoldings, HistoryResult, MarketDataProvider, PriceHistory, SymbolFailure } from './market';
import { buildPanel, commonDays, concentration, indexOfDay, riskFigures } from './analytics';
import { CORE_FOUR, lookThroughCoreFour, type FundLookThrough } from './theme';
import { AnalysisReportSchema, type AnalysisReport, type ReportHolding, type ReportWarning } from './report';
import { dayToIso, parseIsoDay } from './shared/dates';

/** Returns in the risk window: three years of trading days. */
export const LOOKBACK_RETURNS = 756;
/** Fewer common returns than this and the risk figures would mean little: refuse instead. */
export const MIN_RETURNS = 60;
/** Constituent lists older than this (relative to asOf) are flagged. */
const STALE_CONSTITUENTS_DAYS = 180;

export interface AnalysisInput {
  csv: { fileName: string; text: string };
  /** YYYY-MM-DD: analyse as of the latest common price day on or before this date. */
  asOf?: string;
}

export interface AnalysisDeps {
  market: MarketDataProvider;
  now?: () => Date;
}

/** The whole pipeline: holdings → market data → look-through → analytics → AnalysisReport. */
export async function analysePortfolio(input: AnalysisInput, deps: AnalysisDeps): Promise<AnalysisReport> {
  const { fileName } = input.csv;
  const parsed = parseHoldingsCsv(input.csv.text, fileName);
  const positions = requireNoProblems(parsed);
  const maxDay = parseAsOfOption(input.asOf);
  const warnings: ReportWarning[] = [];
  if (deps.market.info.notice !== undefined) warnings.push({ code: 'demo_data', message: deps.market.info.notice });

  const symbols = [...new Set([...positions.map((p) => p.symbol), ...CORE_FOUR])];
  const histories = requireHistories(await deps.market.getHistories(symbols), symbols, positions, fileName);
  const bySymbol = new Map(histories.map((h) => [h.symbol, h]));
  for (const p of positions) checkCurrency(p, bySymbol.get(p.symbol)!, fileName);

  const allDays = commonDays(histories, maxDay);
  const windowDays = allDays.subarray(Math.max(0, allDays.length - (LOOKBACK_RETURNS + 1)));
  if (windowDays.length - 1 < MIN_RETURNS) throw insufficientHistory(histories, positions, fileName, windowDays.length - 1, input.asOf);
  const asOfDay = windowDays[windowDays.length - 1]!;

  // Valuation on asOf: unadjusted close, or adj_close where the source has no close.
  const noClose: string[] = [];
  const noAdjusted: string[] = [];
  const valued = positions.map((p) => {
    const h = bySymbol.get(p.symbol)!;
    const i = indexOfDay(h, asOfDay);
    let price = h.close[i]!;
    if (Number.isNaN(price)) {
      price = h.adjClose[i]!;
      noClose.push(p.symbol);
    }
    if (h.adjCloseIsClose) noAdjusted.push(p.symbol);
    return { position: p, price, currency: h.currency, marketValue: p.quantity * price };
  });
  if (noClose.length > 0) {
    warnings.push({ code: 'valued_at_adjusted_close', message: `no unadjusted close on ${dayToIso(asOfDay)}; valued at the adjusted close: ${noClose.join(', ')}`, symbols: noClose });
  }
  if (noAdjusted.length > 0) {
    warnings.push({ code: 'no_adjusted_close', message: `no adjusted close in the price data; returns ignore dividends: ${noAdjusted.join(', ')}`, symbols: noAdjusted });
  }
  const total = valued.reduce((s, v) => s + v.marketValue, 0);
  const weights = Float64Array.from(valued, (v) => v.marketValue / total);

  // Look-through of held funds.
  const instruments = await Promise.all(positions.map((p) => deps.market.getInstrument(p.symbol)));
  const funds: FundLookThrough[] = [];
  const missingConstituents: string[] = [];
  for (let i = 0; i < positions.length; i++) {
    const info = instruments[i]!;
    if (info.kind !== 'fund') continue;
    const symbol = positions[i]!.symbol;
    const holdings = await deps.market.getFundHoldings(symbol);
    if (holdings !== null) funds.push({ symbol, weight: weights[i]!, holdings });
    else if (info.assetClass === 'equity' || info.assetClass === 'mixed') missingConstituents.push(symbol);
  }
  if (missingConstituents.length > 0) {
    warnings.push({
      code: 'etf_without_constituents',
      message: `no constituents file for ${missingConstituents.join(', ')}: their holdings are not looked through, so exposure to the core names is understated`,
      symbols: missingConstituents,
    });
  }
  const stale = funds.filter((f) => isStale(f.holdings, asOfDay));
  if (stale.length > 0) {
    warnings.push({
      code: 'etf_constituents_stale',
      message: `constituents older than ${STALE_CONSTITUENTS_DAYS} days before ${dayToIso(asOfDay)}: ${stale.map((f) => `${f.symbol} (${f.holdings.asOf})`).join(', ')}`,
      symbols: stale.map((f) => f.symbol),
    });
  }

  // Risk on the common window; factor-only columns carry zero weight.
  const panel = buildPanel(histories, windowDays);
  const columnWeights = new Float64Array(histories.length);
  positions.forEach((p, i) => (columnWeights[symbols.indexOf(p.symbol)] = weights[i]!));
  const risk = riskFigures({
    prices: panel.adjClose,
    weights: columnWeights,
    basketColumns: CORE_FOUR.map((s) => symbols.indexOf(s)),
  });

  const holdings: ReportHolding[] = valued.map((v, i) => ({
    symbol: v.position.symbol,
    ...(v.position.name !== undefined && { name: v.position.name }),
    quantity: v.position.quantity,
    price: v.price,
    currency: v.currency,
    marketValue: v.marketValue,
    weight: weights[i]!,
    kind: instruments[i]!.kind,
    rows: v.position.rows,
  }));

  return AnalysisReportSchema.parse({
    schemaVersion: 1,
    generatedAt: (deps.now?.() ?? new Date()).toISOString(),
    asOf: dayToIso(asOfDay),
    baseCurrency: 'USD',
    input: { fileName, rows: parsed.counts.read, positions: positions.length },
    dataSource: deps.market.info,
    holdings,
    totals: { marketValue: total },
    exposure: {
      coreFour: lookThroughCoreFour(holdings, funds),
      funds: funds.map((f) => ({
        symbol: f.symbol,
        weight: f.weight,
        constituentsAsOf: f.holdings.asOf,
        constituentsSource: f.holdings.source,
        constituentsCoverage: f.holdings.constituents.reduce((s, c) => s + c.weight, 0) / 100,
      })),
    },
    concentration: concentration(weights),
    risk: { ...risk, returnsFrom: dayToIso(windowDays[1]!) },
    warnings,
  });
}

function parseAsOfOption(asOf: string | undefined): number | null {
  if (asOf === undefined) return null;
  const day = parseIsoDay(asOf);
  if (day === null) throw new InputError('invalid_option', `--as-of "${asOf}" is not a YYYY-MM-DD date`, { column: 'as-of', value: asOf });
  return day;
}

function requireHistories(results: Map<string, HistoryResult>, symbols: readonly string[], positions: readonly Position[], fileName: string): PriceHistory[] {
  const failures: SymbolFailure[] = [];
  const histories: PriceHistory[] = [];
  for (const s of symbols) {
    const r = results.get(s)!;
    if (r.ok) histories.push(r.history);
    else failures.push(r.failure);
  }
  const first = failures[0];
  if (first === undefined) return histories;
  const held = positions.find((p) => p.symbol === first.symbol);
  const others = failures.length > 1 ? ` (also without data: ${failures.slice(1).map((f) => f.symbol).join(', ')})` : '';
  const details = { symbols: failures.map((f) => ({ symbol: f.symbol, reason: f.message })) };
  if (first.code === 'invalid_data') {
    const location = { ...(first.file !== undefined && { file: first.file }), ...(first.row !== undefined && { row: first.row }), ...(first.column !== undefined && { column: first.column }) };
    throw new InputError('invalid_value', `bad price data for ${first.symbol}: ${first.message}${others}`, location, details);
  }
  if (held === undefined) {
    throw new InputError('unknown_symbol', `the AI basket needs ${first.symbol}, but ${first.message}${others}`, {}, details);
  }
  throw new InputError('unknown_symbol', `unknown symbol ${first.symbol}: ${first.message}${others}`, { file: fileName, row: held.rows[0]!, column: 'symbol', value: first.symbol }, details);
}

function checkCurrency(p: Position, h: PriceHistory, fileName: string): void {
  if (p.currency === undefined || p.currency === h.currency) return;
  throw new InputError(
    'currency_mismatch',
    `${p.symbol} trades in ${h.currency} but the file says ${p.currency}; currency conversion is not available yet`,
    { file: fileName, row: p.rows[0]!, column: 'currency', value: p.currency },
  );
}

/** Names the symbol whose history starts last (it is what limits the window), with its row. */
function insufficientHistory(histories: readonly PriceHistory[], positions: readonly Position[], fileName: string, returns: number, asOf: string | undefined): InputError {
  const firstDay = (h: PriceHistory) => {
    for (let i = 0; i < h.days.length; i++) if (!Number.isNaN(h.adjClose[i]!)) return h.days[i]!;
    return Infinity;
  };
  const limiting = histories.reduce((a, b) => (firstDay(b) > firstDay(a) ? b : a));
  const held = positions.find((p) => p.symbol === limiting.symbol);
  const start = firstDay(limiting);
  const when = asOf !== undefined ? ` up to ${asOf}` : '';
  const reason =
    `not enough price history: ${Math.max(returns, 0)} common daily returns${when}, at least ${MIN_RETURNS} needed; ` +
    (Number.isFinite(start) ? `${limiting.symbol} starts on ${dayToIso(start)}` : `${limiting.symbol} has no prices`);
  return new InputError('insufficient_history', reason, held ? { file: fileName, row: held.rows[0]!, column: 'symbol', value: held.symbol } : {});
}

function isStale(h: FundHoldings, asOfDay: number): boolean {
  const day = h.asOf === null ? null : parseIsoDay(h.asOf);
  return day !== null && asOfDay - day > STALE_CONSTITUENTS_DAYS;
}
