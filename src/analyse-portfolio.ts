import { InputError } from './errors';
import {
  importHoldings,
  isinResolverFor,
  type HoldingsImport,
  type HoldingsSource,
  type IsinResolver,
  type Position,
} from './holdings';
import type { FundHoldings, HistoryResult, MarketDataProvider, PriceHistory, SymbolFailure } from './market';
import { buildPanel, commonDays, concentration, indexOfDay, portfolioRisk } from './analytics';
import { evaluateRules, type RuleOverrides } from './analytics/rules';
import {
  defaultStressWindows,
  fundamentals,
  historicalReplay,
  MONTE_CARLO_DEFAULTS,
  monteCarloInputs,
  overspendingScore,
  SHOCKS,
  simulateOutcomes,
  type MonteCarloSettings,
  type StressWindow,
} from './analytics/overspending';
import { knownFunds } from './market';
import { MarketDataUnavailableError } from './market/errors';
import { convertHistory, fxSymbol, invertRates, isoCurrency, rateOn } from './market/fx';
import {
  classifier,
  CORE_FOUR,
  issuerOf,
  loadThemeModel,
  lookThrough,
  themeExposure,
  type FundLookThrough,
  type Company,
  type IssuerThemeExposure,
  type Role,
  type ThemeModel,
} from './theme';
import { AnalysisReportSchema, type AnalysisReport, type ReportHolding, type ReportWarning } from './report';
import { dayToIso, parseIsoDay } from './shared/dates';

/** Returns in the risk window: three years of trading days. */
export const LOOKBACK_RETURNS = 756;
/** Fewer common returns than this and the risk figures would mean little: refuse instead. */
export const MIN_RETURNS = 60;
/** Constituent lists older than this (relative to asOf) are flagged. */
const STALE_CONSTITUENTS_DAYS = 180;
/** Value given to a portfolio described by weights alone. */
export const DEFAULT_NOTIONAL_VALUE = 100_000;
export const DEFAULT_BASE_CURRENCY = 'USD';
/** The broad market every analysis loads alongside the AI basket (for beta to the market). */
export const MARKET_SYMBOL = 'SPY';
/** Issuers above this share are listed with the paths that put them there. */
const INTERSECTION_THRESHOLD = 0.05;

export interface AnalysisInput {
  /** A holdings file to import … */
  file?: HoldingsSource;
  /** … or an import already shown to the user (a preview): analysed exactly as it is. */
  holdings?: HoldingsImport;
  /** YYYY-MM-DD: analyse as of the latest common price day on or before this date. */
  asOf?: string;
  /** Fail on any rejected row instead of analysing the rows that are usable. */
  strict?: boolean;
  /** Total value for a portfolio given by weights only (default 100,000 in the base currency). */
  notionalValue?: number;
  /** Thresholds of the concentration rules, over their defaults. */
  ruleOverrides?: RuleOverrides;
  /** Historical windows to replay besides the standard ones. */
  stressWindows?: StressWindow[];
  /** Monte Carlo settings over the defaults (paths, seed, regime parameters). */
  monteCarlo?: Partial<MonteCarloSettings>;
  /** Ledoit–Wolf shrinkage for the correlation heat map. */
  shrinkCorrelation?: boolean;
  /** Currency the portfolio is valued and measured in (default USD). */
  baseCurrency?: string;
}

export interface AnalysisDeps {
  market: MarketDataProvider;
  /** The theme model (default: data/themes/ai-infrastructure.json). */
  themeModel?: ThemeModel;
  isinResolver?: IsinResolver;
  now?: () => Date;
}

/** The whole pipeline: holdings → market data → look-through → analytics → AnalysisReport. */
export async function analysePortfolio(input: AnalysisInput, deps: AnalysisDeps): Promise<AnalysisReport> {
  const isinResolver = deps.isinResolver ?? isinResolverFor(deps.market);
  const imported =
    input.holdings ?? (input.file !== undefined ? await importHoldings(input.file, { isinResolver }) : undefined);
  if (imported === undefined) throw new InputError('empty_file', 'no holdings given');
  const { fileName } = imported;
  requireUsable(imported, input.strict === true);
  const maxDay = parseAsOfOption(input.asOf);
  const warnings: ReportWarning[] = [];
  if (deps.market.info.notice !== undefined) warnings.push({ code: 'demo_data', message: deps.market.info.notice });
  if (imported.problems.length > 0) {
    const first = imported.problems.slice(0, 3).map((p) => `row ${p.row} (${p.column}: ${p.reason})`);
    warnings.push({
      code: 'rows_rejected',
      message: `${imported.problems.length} row(s) of ${fileName} were left out: ${first.join('; ')}${imported.problems.length > 3 ? '; …' : ''}. See input.rejected.`,
    });
  }

  const base = parseBaseCurrency(input.baseCurrency);
  const wanted = [
    ...new Set([
      ...imported.holdings.filter((p) => p.kind === 'security').map((p) => p.symbol),
      ...CORE_FOUR,
      MARKET_SYMBOL,
    ]),
  ];
  const { histories, missing } = requireHistories(
    await deps.market.getHistories(wanted),
    wanted,
    imported.holdings,
    fileName,
  );
  // A held symbol the source could not supply (and nothing cached) is left out and reported, not fatal.
  const positions = imported.holdings.filter((p) => p.kind === 'cash' || !missing.some((m) => m.symbol === p.symbol));
  if (positions.length === 0) throw new MarketDataUnavailableError(missing);
  if (missing.length > 0) {
    warnings.push({
      code: 'symbols_without_data',
      message: `no market data for ${missing.map((m) => m.symbol).join(', ')} (${missing[0]!.reason}): left out of the analysis`,
      symbols: missing.map((m) => m.symbol),
    });
  }
  const stale = histories.filter((h) => h.stale !== undefined);
  if (stale.length > 0) {
    const now = deps.now?.().getTime() ?? Date.now();
    warnings.push({
      code: 'stale_data',
      message: `${stale[0]!.stale!.reason}; using cached prices for ${stale.map((h) => `${h.symbol} (fetched ${new Date(h.stale!.fetchedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC, ${ageText(now - h.stale!.fetchedAt)} ago)`).join(', ')}`,
      symbols: stale.map((h) => h.symbol),
    });
  }
  const securities = positions.filter((p) => p.kind === 'security');
  const symbols = histories.map((h) => h.symbol);
  const localBySymbol = new Map(histories.map((h) => [h.symbol, h]));
  for (const p of securities) checkCurrency(p, localBySymbol.get(p.symbol)!, fileName);
  // Everything is measured in the base currency: prices (and so returns) are converted day by day.
  const rates = await loadRates(histories, positions, base, deps.market, fileName);
  const baseHistories = histories.map((h) => {
    const { iso, factor } = isoCurrency(h.currency);
    return iso === base && factor === 1 ? h : convertHistory(h, iso === base ? null : rates.get(iso)!, factor, base);
  });
  const bySymbol = new Map(baseHistories.map((h) => [h.symbol, h]));

  const allDays = commonDays(baseHistories, maxDay);
  const windowDays = allDays.subarray(Math.max(0, allDays.length - (LOOKBACK_RETURNS + 1)));
  if (windowDays.length - 1 < MIN_RETURNS)
    throw insufficientHistory(baseHistories, securities, fileName, windowDays.length - 1, input.asOf);
  const asOfDay = windowDays[windowDays.length - 1]!;

  const rateOf = (currency: string) => {
    const { iso, factor } = isoCurrency(currency);
    return (iso === base ? 1 : rateOn(rates.get(iso)!, asOfDay)) * factor;
  };
  const valuation = value(
    positions,
    localBySymbol,
    rateOf,
    base,
    asOfDay,
    input.notionalValue ?? DEFAULT_NOTIONAL_VALUE,
    fileName,
    warnings,
  );
  const { values, prices, total } = valuation;
  const weights = Float64Array.from(values, (v) => v / total);

  // Look-through of held funds (nested funds included) onto issuers, then onto the theme.
  const instruments = await Promise.all(
    positions.map((p) => (p.kind === 'cash' ? null : deps.market.getInstrument(p.symbol))),
  );
  const isFundPosition = instruments.map((info) => info?.kind === 'fund');
  const fundHoldings = await collectFundHoldings(
    positions.filter((_, i) => isFundPosition[i]).map((p) => p.symbol),
    deps.market,
  );
  const isFund = (symbol: string) => fundHoldings.has(symbol) || knownFunds().has(symbol);
  const look = lookThrough(
    positions.map((p, i) => ({ symbol: p.symbol, weight: weights[i]!, kind: p.kind, isFund: isFundPosition[i]! })),
    fundHoldings,
    isFund,
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
  if (missingConstituents.length > 0) {
    warnings.push({
      code: 'etf_without_constituents',
      message: `no constituents file for ${missingConstituents.join(', ')}: their holdings are not looked through, so exposure to the core names is understated`,
      symbols: missingConstituents,
    });
  }
  const staleFunds = heldFunds.filter((f) => isStale(f.holdings, asOfDay));
  if (staleFunds.length > 0) {
    warnings.push({
      code: 'etf_constituents_stale',
      message: `constituents older than ${STALE_CONSTITUENTS_DAYS} days before ${dayToIso(asOfDay)}: ${staleFunds.map((f) => `${f.symbol} (${f.holdings.asOf})`).join(', ')}`,
      symbols: staleFunds.map((f) => f.symbol),
    });
  }
  const model = deps.themeModel ?? loadThemeModel();
  const classify = classifier(model);
  const industryOf = new Map(
    instruments.filter((x) => x?.industry !== undefined).map((x) => [issuerOf(x!.symbol), x!.industry!]),
  );
  const theme = themeExposure(look.issuers, (issuer) => classify(issuer, industryOf.get(issuer)));
  const issuerWeight = new Map(look.issuers.map((e) => [e.issuer, e.weight]));
  const coreFour = { AMZN: 0, MSFT: 0, GOOGL: 0, NVDA: 0, total: 0 };
  for (const s of CORE_FOUR) coreFour[s] = issuerWeight.get(s) ?? 0;
  coreFour.total = coreFour.AMZN + coreFour.MSFT + coreFour.GOOGL + coreFour.NVDA;
  const holdingThemes = positions.map((p, i) => holdingTheme(p, weights[i]!, isFundPosition[i]!, theme.issuers));

  // Risk on the common window; factor-only columns carry zero weight and cash earns nothing.
  const panel = buildPanel(baseHistories, windowDays);
  const columnWeights = new Float64Array(histories.length);
  positions.forEach((p, i) => {
    if (p.kind === 'security') columnWeights[symbols.indexOf(p.symbol)]! += weights[i]!;
  });
  const basketColumns = CORE_FOUR.map((s) => symbols.indexOf(s));
  const extra = portfolioRisk({
    prices: panel.adjClose,
    symbols,
    weights: columnWeights,
    basketColumns,
    marketColumn: symbols.indexOf(MARKET_SYMBOL),
    days: windowDays,
    shrinkCorrelation: input.shrinkCorrelation === true,
  });

  // Overspending sensitivity.
  const shockSplit = splitByRole(positions, weights, holdingThemes, symbols, extra.columnBetas);
  const shocks = SHOCKS.map((shock) => ({
    shock,
    portfolioReturn: shock * shockSplit.total,
    fromBuyers: shock * shockSplit.buyers,
    fromSellers: shock * shockSplit.sellers,
    fromRest: shock * shockSplit.rest,
  }));
  const fullPanel = buildPanel(baseHistories, allDays);
  const historical = historicalReplay(fullPanel.adjClose, allDays, columnWeights, [
    ...defaultStressWindows(),
    ...(input.stressWindows ?? []),
  ]);
  const fundamentalsSummary = fundamentals(model, issuerWeight, await inferredCompanies(theme.issuers, deps.market));
  const mcSettings = { ...MONTE_CARLO_DEFAULTS, ...input.monteCarlo };
  const monteCarlo = simulateOutcomes(monteCarloInputs(extra.returns, columnWeights, extra.columnBetas), mcSettings);
  // No issuer at all (only funds without constituents, or cash): nothing to measure, not zero risk.
  const issuerConcentration = look.issuers.length > 0 ? concentration(look.issuers.map((e) => e.weight)) : null;
  const score = overspendingScore({
    themeWeight: theme.aiInfrastructure,
    betaToAiBasket: extra.betaToAiBasket,
    buyerCapexToOcf: fundamentalsSummary.aggregate.capexToOperatingCashFlow,
    buyerWeight: fundamentalsSummary.aggregate.buyerWeight,
    sellerDependence: fundamentalsSummary.aggregate.sellerDependence,
    sellerWeight: fundamentalsSummary.aggregate.sellerWeight,
    issuerHhi: issuerConcentration?.hhi ?? 0,
  });

  const evaluateRulesCache = evaluateRules(
    { issuers: look.issuers, themeWeight: theme.aiInfrastructure },
    input.ruleOverrides,
  );
  const holdings: ReportHolding[] = positions.map((p, i) => ({
    symbol: p.symbol,
    ...(p.name !== undefined && { name: p.name }),
    ...(p.isin !== undefined && { isin: p.isin }),
    quantity: p.kind === 'cash' ? values[i]! : p.basis === 'quantity' ? p.quantity! : values[i]! / prices[i]!,
    price: prices[i]!,
    currency: p.kind === 'cash' ? p.currency! : localBySymbol.get(p.symbol)!.currency,
    ...(valuation.fxRates[i] !== 1 && { fxRate: valuation.fxRates[i]! }),
    marketValue: values[i]!,
    weight: weights[i]!,
    kind: p.kind === 'cash' ? 'cash' : instruments[i]!.kind,
    sizedBy: p.basis,
    rows: p.rows,
    ...(holdingThemes[i] !== null && { theme: holdingThemes[i]! }),
    ...(p.accounts !== undefined && { accounts: p.accounts }),
  }));

  return AnalysisReportSchema.parse({
    schemaVersion: 1,
    generatedAt: (deps.now?.() ?? new Date()).toISOString(),
    asOf: dayToIso(asOfDay),
    baseCurrency: base,
    input: {
      fileName,
      format: imported.format.id,
      rows: imported.counts.read,
      positions: positions.length,
      rejected: imported.problems,
      skipped: imported.counts.skipped,
    },
    dataSource: {
      ...deps.market.info,
      ...(stale.length > 0 && {
        stale: stale.map((h) => ({
          symbol: h.symbol,
          fetchedAt: new Date(h.stale!.fetchedAt).toISOString(),
          reason: h.stale!.reason,
        })),
      }),
      ...(missing.length > 0 && { missing }),
    },
    holdings,
    totals: { marketValue: total },
    exposure: {
      coreFour,
      funds: heldFunds.map((f) => ({
        symbol: f.symbol,
        weight: f.weight,
        constituentsAsOf: f.holdings.asOf,
        constituentsSource: f.holdings.source,
        constituentsCoverage: f.holdings.constituents.reduce((s, c) => s + c.weight, 0) / 100,
      })),
      aiInfrastructure: theme.aiInfrastructure,
      byRole: theme.byRole,
      bySegment: theme.bySegment,
      lookThroughCoverage: look.coverage,
      unresolved: look.unresolved,
      issuers: theme.issuers.map((e) => ({
        issuer: e.issuer,
        weight: e.weight,
        themeWeight: e.themeWeight,
        relevance: e.classification.relevance,
        roles: e.classification.roles,
        confidence: e.classification.confidence,
        paths: e.paths,
      })),
    },
    concentration: {
      ...concentration(weights),
      issuer: issuerConcentration,
      theme: theme.aiInfrastructure,
      intersections: look.issuers
        .filter((e) => e.weight > INTERSECTION_THRESHOLD)
        .map((e) => ({ issuer: e.issuer, weight: e.weight, paths: e.paths })),
      rules: evaluateRulesCache,
    },
    risk: {
      lookbackDays: extra.lookbackDays,
      volatility: extra.volatility,
      betaToAiBasket: extra.betaToAiBasket,
      var95: extra.var95,
      es95: extra.es95,
      maxDrawdown: extra.maxDrawdown,
      drawdownSeries: drawdownSeries(extra.portfolio, windowDays),
      returnsFrom: dayToIso(windowDays[1]!),
      betaToMarket: extra.betaToMarket,
      aiBasketRSquared: extra.aiBasketRSquared,
      riskContributions: extra.riskContributions,
      rollingBetaToAiBasket: weekly(extra.rollingBeta).map((r) => ({ date: dayToIso(r.date), beta: r.beta })),
      correlation: extra.correlation,
    },
    summary: summarise(theme.issuers, theme.aiInfrastructure, issuerConcentration, evaluateRulesCache),
    overspending: {
      score: score.score,
      scoreComponents: score.components,
      topReasons: score.topReasons,
      shocks,
      historical,
      fundamentals: fundamentalsSummary,
      monteCarlo,
    },
    warnings,
  });
}

/**
 * Issuers classified by their industry (not in the model), as companies for the fundamentals: a
 * buyer's capex intensity needs its annual figures, which the data source may have (Yahoo's
 * fundamentalsTimeSeries); without them it counts as a buyer with no figures.
 */
async function inferredCompanies(
  issuers: readonly IssuerThemeExposure[],
  market: MarketDataProvider,
): Promise<Company[]> {
  const out: Company[] = [];
  for (const e of issuers) {
    const c = e.classification;
    if (c.confidence !== 'inferred') continue;
    const rows =
      c.roles.includes('capexBuyer') && market.getFundamentals !== undefined
        ? ((await market.getFundamentals(e.issuer)) ?? [])
        : [];
    const usable = rows
      .filter((r) => r.revenue !== null && r.capitalExpenditure !== null && r.operatingCashFlow !== null)
      .slice(-2);
    const sourced = (value: number) => ({
      value,
      source: 'Yahoo Finance fundamentalsTimeSeries (annual)',
      confidence: 'reported' as const,
    });
    out.push({
      symbol: e.issuer,
      name: e.issuer,
      roles: c.roles,
      segments: c.segments,
      relevance: c.relevance,
      basis: { fiscalYear: '', text: c.source, source: c.source, confidence: 'inferred' },
      ...(usable.length > 0 && {
        financials: usable.map((r) => ({
          fiscalYear: r.periodEnd.slice(0, 4),
          periodEnd: r.periodEnd,
          revenue: sourced(r.revenue!),
          capex: sourced(r.capitalExpenditure!),
          operatingCashFlow: sourced(r.operatingCashFlow!),
        })),
      }),
    });
  }
  return out;
}

/** Charts need weekly points, not daily ones: every fifth trading day, the last, and any marked `keep`. */
function weekly<T>(points: readonly T[], keep: (p: T) => boolean = () => false): T[] {
  return points.filter((p, i) => i % 5 === 0 || i === points.length - 1 || keep(p));
}

/**
 * The wealth path of today's portfolio over the window (V₀ = 1) and its drawdown from the running
 * peak, weekly, with the deepest day kept so the chart shows the maximum drawdown.
 */
function drawdownSeries(
  portfolio: Float64Array,
  days: Int32Array,
): { date: string; value: number; drawdown: number }[] {
  const all: { date: string; value: number; drawdown: number }[] = [
    { date: dayToIso(days[0]!), value: 1, drawdown: 0 },
  ];
  let value = 1;
  let peak = 1;
  for (let t = 0; t < portfolio.length; t++) {
    value *= 1 + portfolio[t]!;
    peak = Math.max(peak, value);
    all.push({ date: dayToIso(days[t + 1]!), value, drawdown: 1 - value / peak });
  }
  const deepest = all.reduce((a, b) => (b.drawdown > a.drawdown ? b : a));
  return weekly(all, (p) => p === deepest);
}

/**
 * The headline facts a reader needs first, decided here so every renderer says the same thing:
 * the theme's share, the issuer carrying most of it, and a concentration verdict from the rules.
 */
function summarise(
  issuers: readonly IssuerThemeExposure[],
  aiShare: number,
  issuerConcentration: { effectiveN: number } | null,
  rules: readonly { status: string }[],
) {
  const top = [...issuers].sort((a, b) => b.themeWeight - a.themeWeight)[0];
  let direct = 0;
  for (const e of issuers)
    for (const p of e.paths) if (p.via === 'direct') direct += p.weight * e.classification.relevance;
  const fails = rules.filter((r) => r.status === 'fail').length;
  const warns = rules.filter((r) => r.status === 'warn').length;
  return {
    aiShare,
    aiShareDirect: direct,
    aiShareThroughFunds: aiShare - direct,
    topThemeIssuer:
      top !== undefined && top.themeWeight > 0 ? { issuer: top.issuer, shareOfTheme: top.themeWeight / aiShare } : null,
    effectiveIssuers: issuerConcentration?.effectiveN ?? null,
    concentrationVerdict:
      fails > 0 ? ('concentrated' as const) : warns > 0 ? ('watch' as const) : ('diversified' as const),
  };
}

/** Funds held, and funds held by them (recognised by our fund list), with their constituents. */
async function collectFundHoldings(
  held: readonly string[],
  market: MarketDataProvider,
): Promise<Map<string, FundHoldings>> {
  const found = new Map<string, FundHoldings>();
  const seen = new Set<string>();
  let frontier = [...held];
  for (let depth = 0; depth < 3 && frontier.length > 0; depth++) {
    const next: string[] = [];
    for (const symbol of frontier) {
      if (seen.has(symbol)) continue;
      seen.add(symbol);
      const holdings = await market.getFundHoldings(symbol);
      if (holdings === null) continue;
      found.set(symbol, holdings);
      for (const c of holdings.constituents) if (knownFunds().has(c.symbol) && !seen.has(c.symbol)) next.push(c.symbol);
    }
    frontier = next;
  }
  return found;
}

type HoldingTheme = NonNullable<ReportHolding['theme']>;

/** A holding's own theme figures: its issuer's classification, or for a fund the mix of its look-through. */
function holdingTheme(
  p: Position,
  weight: number,
  isFund: boolean,
  issuers: readonly IssuerThemeExposure[],
): HoldingTheme | null {
  if (p.kind === 'cash' || weight <= 0) return null;
  let theme = 0;
  let buyers = 0;
  let sellers = 0;
  const roles = new Set<Role>();
  let own: IssuerThemeExposure | undefined;
  for (const e of issuers) {
    for (const path of e.paths) {
      const mine = isFund
        ? path.via === p.symbol || path.via.startsWith(`${p.symbol} > `)
        : path.via === 'direct' && e.issuer === issuerOf(p.symbol);
      if (!mine) continue;
      if (!isFund) own = e;
      const t = path.weight * e.classification.relevance;
      theme += t;
      const n = e.classification.roles.length;
      if (n > 0)
        for (const r of e.classification.roles)
          r === 'capexBuyer' ? (buyers += t / n) : (sellers += t / n), roles.add(r);
    }
  }
  return {
    relevance: theme / weight,
    buyerShare: buyers / weight,
    sellerShare: sellers / weight,
    roles: [...roles],
    confidence: isFund ? 'look-through' : (own?.classification.confidence ?? 'none'),
    source: isFund ? `weighted over the fund's constituents` : (own?.classification.source ?? 'not in the theme model'),
  };
}

/** Σ w_i β_i split by each holding's buyer / seller / other share: the parts of a basket shock. */
function splitByRole(
  positions: readonly Position[],
  weights: Float64Array,
  themes: readonly (HoldingTheme | null)[],
  symbols: readonly string[],
  betas: Float64Array,
) {
  const out = { total: 0, buyers: 0, sellers: 0, rest: 0 };
  positions.forEach((p, i) => {
    if (p.kind === 'cash') return;
    const wb = weights[i]! * betas[symbols.indexOf(p.symbol)]!;
    const t = themes[i];
    const b = t?.buyerShare ?? 0;
    const s = t?.sellerShare ?? 0;
    out.total += wb;
    out.buyers += wb * b;
    out.sellers += wb * s;
    out.rest += wb * (1 - b - s);
  });
  return out;
}

/** Nothing usable, or (strict) anything rejected: the analysis stops at the first problem's place. */
function requireUsable(imported: HoldingsImport, strict: boolean): void {
  const first = imported.problems[0];
  if (imported.holdings.length > 0 && (!strict || first === undefined)) return;
  if (first === undefined)
    throw new InputError('no_usable_positions', 'the file has no positions (only totals, titles or other lines)', {
      file: imported.fileName,
    });
  const more = imported.problems.length > 1 ? ` (and ${imported.problems.length - 1} more problem rows)` : '';
  throw new InputError(
    imported.holdings.length === 0 ? 'no_usable_positions' : 'invalid_value',
    first.reason + more,
    { file: imported.fileName, row: first.row, column: first.column, value: first.value },
    { problems: imported.problems },
  );
}

/**
 * Values every position on asOf in the base currency: quantity × close; a market value as given;
 * weight-only positions take their share of the total implied by the valued ones
 * (T = V / (1 − W)), or of the notional value when every position is a weight.
 */
function value(
  positions: readonly Position[],
  bySymbol: Map<string, PriceHistory>,
  rateOf: (currency: string) => number,
  base: string,
  asOfDay: number,
  notional: number,
  fileName: string,
  warnings: ReportWarning[],
) {
  const values = new Float64Array(positions.length);
  const prices = new Float64Array(positions.length);
  const fxRates = new Float64Array(positions.length);
  const noClose: string[] = [];
  const noAdjusted: string[] = [];
  let known = 0;
  let weightSum = 0;
  positions.forEach((p, i) => {
    if (p.kind === 'cash') {
      prices[i] = 1;
      fxRates[i] = rateOf(p.currency!);
    } else {
      const h = bySymbol.get(p.symbol)!;
      const at = indexOfDay(h, asOfDay);
      let price = h.close[at]!;
      if (Number.isNaN(price)) {
        price = h.adjClose[at]!;
        noClose.push(p.symbol);
      }
      if (h.adjCloseIsClose) noAdjusted.push(p.symbol);
      prices[i] = price;
      fxRates[i] = rateOf(h.currency);
    }
    if (p.basis === 'quantity') values[i] = p.quantity! * prices[i]! * fxRates[i]!;
    else if (p.basis === 'marketValue') {
      const currency = p.marketValueCurrency ?? base;
      const rate = rateOf(currency);
      if (!Number.isFinite(rate))
        throw new InputError(
          'currency_mismatch',
          `no ${currency}→${base} rate on ${dayToIso(asOfDay)} to value ${p.symbol}`,
          { file: fileName, row: p.rows[0]!, column: 'currency', value: currency },
        );
      values[i] = p.marketValue! * rate;
    } else weightSum += p.weight!;
    if (p.basis !== 'weight') known += values[i]!;
  });
  if (weightSum > 0) {
    let total: number;
    if (known > 0) {
      if (weightSum >= 1) {
        const first = positions.find((p) => p.basis === 'weight')!;
        throw new InputError(
          'invalid_value',
          `the weight-only rows add up to ${(weightSum * 100).toFixed(1)} %, leaving nothing for the rows with quantities or values`,
          { file: fileName, row: first.rows[0]!, column: 'weight' },
        );
      }
      total = known / (1 - weightSum);
    } else {
      total = notional;
      warnings.push({
        code: 'notional_value',
        message: `the portfolio is given by weights only: values are shown on a notional ${notional.toLocaleString('en-US')} ${base}`,
      });
      if (Math.abs(weightSum - 1) > 0.005) {
        warnings.push({
          code: 'weights_rescaled',
          message: `the weights add up to ${(weightSum * 100).toFixed(1)} %; they were scaled to 100 %`,
        });
      }
    }
    const scale = known > 0 ? total : total / weightSum;
    positions.forEach((p, i) => {
      if (p.basis === 'weight') values[i] = p.weight! * scale;
    });
  }
  if (noClose.length > 0) {
    warnings.push({
      code: 'valued_at_adjusted_close',
      message: `no unadjusted close on ${dayToIso(asOfDay)}; valued at the adjusted close: ${noClose.join(', ')}`,
      symbols: noClose,
    });
  }
  if (noAdjusted.length > 0) {
    warnings.push({
      code: 'no_adjusted_close',
      message: `no adjusted close in the price data; returns ignore dividends: ${noAdjusted.join(', ')}`,
      symbols: noAdjusted,
    });
  }
  let total = 0;
  for (const v of values) total += v;
  return { values, prices, fxRates, total };
}

function parseAsOfOption(asOf: string | undefined): number | null {
  if (asOf === undefined) return null;
  const day = parseIsoDay(asOf);
  if (day === null)
    throw new InputError('invalid_option', `--as-of "${asOf}" is not a YYYY-MM-DD date`, {
      column: 'as-of',
      value: asOf,
    });
  return day;
}

/**
 * Histories of every wanted symbol. Unknown symbols and bad price files are the user's to fix
 * (InputError, with the row); a held symbol the source could not supply right now is returned in
 * `missing`; the AI basket and the market unavailable stop the analysis (MarketDataUnavailableError).
 */
function requireHistories(
  results: Map<string, HistoryResult>,
  symbols: readonly string[],
  positions: readonly Position[],
  fileName: string,
): { histories: PriceHistory[]; missing: { symbol: string; reason: string }[] } {
  const failures: SymbolFailure[] = [];
  const histories: PriceHistory[] = [];
  for (const s of symbols) {
    const r = results.get(s)!;
    if (r.ok) histories.push(r.history);
    else failures.push(r.failure);
  }
  const required = new Set<string>([...CORE_FOUR, MARKET_SYMBOL]);
  const unavailableRequired = failures.filter((f) => f.code === 'unavailable' && required.has(f.symbol));
  if (unavailableRequired.length > 0) {
    throw new MarketDataUnavailableError(
      failures.filter((f) => f.code === 'unavailable').map((f) => ({ symbol: f.symbol, reason: f.message })),
    );
  }
  const missing = failures
    .filter((f) => f.code === 'unavailable')
    .map((f) => ({ symbol: f.symbol, reason: f.message }));
  const first = failures.find((f) => f.code !== 'unavailable');
  if (first === undefined) return { histories, missing };
  const others =
    failures.length > 1
      ? ` (also without data: ${failures
          .filter((f) => f !== first)
          .map((f) => f.symbol)
          .join(', ')})`
      : '';
  const details = { symbols: failures.map((f) => ({ symbol: f.symbol, reason: f.message })) };
  if (first.code === 'invalid_data') {
    const location = {
      ...(first.file !== undefined && { file: first.file }),
      ...(first.row !== undefined && { row: first.row }),
      ...(first.column !== undefined && { column: first.column }),
    };
    throw new InputError(
      'invalid_value',
      `bad price data for ${first.symbol}: ${first.message}${others}`,
      location,
      details,
    );
  }
  const held = positions.find((p) => p.symbol === first.symbol);
  if (held === undefined) {
    const need = first.symbol === MARKET_SYMBOL ? 'the beta to the market needs' : 'the AI basket needs';
    throw new InputError('unknown_symbol', `${need} ${first.symbol}, but ${first.message}${others}`, {}, details);
  }
  throw new InputError(
    'unknown_symbol',
    `unknown symbol ${first.symbol}: ${first.message}${others}`,
    { file: fileName, row: held.rows[0]!, column: 'symbol', value: first.symbol },
    details,
  );
}

function ageText(ms: number): string {
  const hours = ms / 3_600_000;
  return hours < 48 ? `${Math.max(0, Math.round(hours))} h` : `${Math.round(hours / 24)} days`;
}

/** A position sized by quantity must name its listing's currency, if it names one: else the price is of another listing. */
function checkCurrency(p: Position, h: PriceHistory, fileName: string): void {
  if (
    p.currency === undefined ||
    p.currency === h.currency ||
    p.currency === isoCurrency(h.currency).iso ||
    p.basis !== 'quantity'
  )
    return;
  throw new InputError(
    'currency_mismatch',
    `${p.symbol} trades in ${h.currency} but the file says ${p.currency}: check the symbol's exchange suffix (e.g. .MI, .DE, .L)`,
    {
      file: fileName,
      row: p.rows[0]!,
      column: 'currency',
      value: p.currency,
    },
  );
}

function parseBaseCurrency(text: string | undefined): string {
  const base = (text ?? DEFAULT_BASE_CURRENCY).toUpperCase();
  if (!/^[A-Z]{3}$/.test(base))
    throw new InputError('invalid_option', `--base-currency "${text}" is not a three-letter ISO currency code`, {
      column: 'base-currency',
      value: String(text),
    });
  return base;
}

/**
 * Daily rates into the base currency for every other currency in play (prices, cash, values given
 * in a currency): "EURUSD=X" from the market-data source, or its inverse when only that exists.
 */
async function loadRates(
  histories: readonly PriceHistory[],
  positions: readonly Position[],
  base: string,
  market: MarketDataProvider,
  fileName: string,
): Promise<Map<string, PriceHistory>> {
  const needed = new Set<string>();
  for (const h of histories) needed.add(isoCurrency(h.currency).iso);
  for (const p of positions) {
    if (p.kind === 'cash') needed.add(p.currency!);
    if (p.basis === 'marketValue' && p.marketValueCurrency !== undefined)
      needed.add(isoCurrency(p.marketValueCurrency).iso);
  }
  needed.delete(base);
  const rates = new Map<string, PriceHistory>();
  if (needed.size === 0) return rates;
  const direct = [...needed].map((c) => fxSymbol(c, base));
  const first = await market.getHistories(direct);
  const retry = [...needed].filter((c) => !first.get(fxSymbol(c, base))!.ok);
  const inverse =
    retry.length > 0
      ? await market.getHistories(retry.map((c) => fxSymbol(base, c)))
      : new Map<string, HistoryResult>();
  const unavailable: { symbol: string; reason: string }[] = [];
  for (const c of needed) {
    const d = first.get(fxSymbol(c, base))!;
    if (d.ok) {
      rates.set(c, d.history);
      continue;
    }
    const inv = inverse.get(fxSymbol(base, c))!;
    if (inv.ok) {
      rates.set(c, invertRates(inv.history, fxSymbol(c, base)));
      continue;
    }
    if (d.failure.code === 'unavailable') unavailable.push({ symbol: fxSymbol(c, base), reason: d.failure.message });
    else {
      const user = positions.find((p) => p.currency === c || p.marketValueCurrency === c);
      throw new InputError(
        'currency_mismatch',
        `no exchange rate from ${c} to ${base}: ${d.failure.message} (the rate is the series ${fxSymbol(c, base)})`,
        user ? { file: fileName, row: user.rows[0]!, column: 'currency', value: c } : {},
      );
    }
  }
  if (unavailable.length > 0) throw new MarketDataUnavailableError(unavailable);
  return rates;
}

/** Names the symbol whose history starts last (it is what limits the window), with its row. */
function insufficientHistory(
  histories: readonly PriceHistory[],
  positions: readonly Position[],
  fileName: string,
  returns: number,
  asOf: string | undefined,
): InputError {
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
  return new InputError(
    'insufficient_history',
    reason,
    held ? { file: fileName, row: held.rows[0]!, column: 'symbol', value: held.symbol } : {},
  );
}

function isStale(h: FundHoldings, asOfDay: number): boolean {
  const day = h.asOf === null ? null : parseIsoDay(h.asOf);
  return day !== null && asOfDay - day > STALE_CONSTITUENTS_DAYS;
}
