import type { MarketDataPlan } from '../analysis/plan';
import type { AnalysisInputs } from '../analysis/analyse';
import type { ConcentrationStage } from '../analytics/concentration-stage';
import type { MonteCarloResult } from '../analytics/overspending/monte-carlo';
import type { OverspendingStage } from '../analytics/overspending/stage';
import type { RiskStage } from '../analytics/risk-stage';
import type { HoldingsImport, Position } from '../holdings';
import { message } from '../i18n';
import { isoCurrency } from '../market/fx';
import type { PriceHistory } from '../market/types';
import { dayToIso } from '../shared/dates';
import type { IssuerThemeExposure } from '../theme/exposure';
import type { ExposureStage } from '../theme/exposure-stage';
import type { LookThroughStage } from '../theme/funds';
import type { ThemeDataStage } from '../theme/theme-data-stage';
import type { HeldHistories } from '../valuation/histories';
import type { Unpriced } from '../valuation/unpriced';
import type { Valuation, Warning } from '../valuation/value';
import type { AnalysisWindow } from '../valuation/window';
import { SCHEMA_VERSION, type AnalysisReport, type ReportHolding } from './schema';
import { summarise } from './summary';

/** The stage results an AnalysisReport is assembled from. */
export interface StageResults {
  imported: HoldingsImport;
  inputs: AnalysisInputs;
  plan: MarketDataPlan;
  positions: readonly Position[];
  locals: ReadonlyMap<string, PriceHistory>;
  held: HeldHistories;
  unpriced: Unpriced;
  window: AnalysisWindow;
  valuation: Valuation;
  funds: LookThroughStage;
  exposure: ExposureStage;
  themeData: ThemeDataStage;
  concentration: ConcentrationStage;
  risk: RiskStage;
  overspending: OverspendingStage;
  monteCarlo: MonteCarloResult;
  warnings: Warning[];
}

/** Issuers listed besides those in the theme: the largest by weight (the report shows the first 12). */
export const LISTED_ISSUERS = 25;

/**
 * Puts the stages' results where the contract says they go; computes nothing but the summary.
 * Built to the schema's exact shape (the types say so at compile time; tests check that every
 * report equals its own AnalysisReportSchema.parse): a zod parse here cost 3-5 ms per analysis
 * warm and 40-100 ms in a fresh process, and copied the whole report. What the types cannot say,
 * that every number is finite, is checked here (`assertFinite`, 0.1 ms).
 */
export function assembleReport(r: StageResults, options: { allIssuers?: boolean } = {}): AnalysisReport {
  const stale = r.held.histories.filter((h) => h.stale !== undefined);
  const own = [...r.warnings, ...r.themeData.warnings];
  const warnings = stale.length > 0 ? [...own, staleWarning(stale, r.inputs.generatedAt)] : own;
  const report: AnalysisReport = {
    schemaVersion: SCHEMA_VERSION,
    generatedAt: r.inputs.generatedAt,
    versions: r.inputs.reference.versions,
    asOf: dayToIso(r.window.asOfDay),
    baseCurrency: r.plan.baseCurrency,
    baseCurrencySource: r.plan.baseCurrencySource,
    input: {
      fileName: r.imported.fileName,
      format: r.imported.format.id,
      rows: r.imported.counts.read,
      positions: r.positions.length,
      rejected: r.imported.problems,
      skipped: r.imported.counts.skipped,
    },
    dataSource: dataSource(r, stale),
    holdings: r.positions.map((p, i) => holding(r, p, i)),
    totals: { marketValue: r.valuation.total },
    exposure: exposureSection(r, options.allIssuers === true),
    concentration: {
      ...r.concentration.holdings,
      issuer: r.concentration.issuer,
      issuerCoverage: r.concentration.issuerCoverage,
      grade: r.concentration.grade,
      theme: r.exposure.theme.aiInfrastructure,
      intersections: r.concentration.intersections.map((e) => ({ issuer: e.issuer, weight: e.weight, paths: e.paths })),
      rules: r.concentration.rules,
    },
    risk: riskSection(r),
    summary: summarise(r.exposure.theme, r.concentration),
    overspending: {
      score: r.overspending.score,
      expectedLoss: r.overspending.expectedLoss,
      scenario: scenarioSection(r),
      reference2000: {
        basketMove: r.inputs.reference.scenario.reference2000.basketMove,
        marketMove: r.inputs.reference.scenario.reference2000.marketMove,
        loss: r.overspending.reference2000Loss,
      },
      contributions: r.overspending.contributions,
      topReasons: r.overspending.topReasons,
      shocks: r.overspending.shocks,
      historical: r.overspending.historical,
      fundamentals: r.overspending.fundamentals,
      monteCarlo: r.monteCarlo,
    },
    warnings,
  };
  if (!allFinite(report)) throw new Error(`AnalysisReport: report${nonFinite(report)} is not a finite number`);
  return report;
}

/**
 * Whether every number in a report is finite (a NaN would reach JSON as null, unnoticed). Children
 * are tested in the loop and only objects recursed into: 5,000 values of a 25-holding report take
 * 0.07-0.15 ms warm, against 0.11-0.35 ms for one call per value.
 */
function allFinite(value: object): boolean {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!finiteValue(value[i])) return false;
    return true;
  }
  for (const key in value) if (!finiteValue((value as Record<string, unknown>)[key])) return false;
  return true;
}

function finiteValue(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  return typeof v !== 'object' || v === null || allFinite(v);
}

/** Where the first number that is not finite sits, or null: the message of a failed `allFinite`. */
function nonFinite(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : '';
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const at = nonFinite(value[i]);
      if (at !== null) return `[${i}]${at}`;
    }
    return null;
  }
  for (const key in value) {
    const at = nonFinite((value as Record<string, unknown>)[key]);
    if (at !== null) return `.${key}${at}`;
  }
  return null;
}

function staleWarning(stale: readonly PriceHistory[], generatedAt: string): Warning {
  const first = stale.reduce((a, b) => (b.stale!.fetchedAt < a.stale!.fetchedAt ? b : a)).stale!;
  const hours = Math.max(0, (Date.parse(generatedAt) - first.fetchedAt) / 3_600_000);
  const age =
    hours < 48
      ? { code: 'age.hours', params: { n: Math.round(hours) } }
      : { code: 'age.days', params: { n: Math.round(hours / 24) } };
  const symbols = stale.map((h) => h.symbol);
  const params = { reason: first.reason, symbols, oldest: new Date(first.fetchedAt).toISOString(), age };
  return { ...message('warn.stale_data', params), symbols };
}

function dataSource(r: StageResults, stale: readonly PriceHistory[]) {
  const info = r.inputs.market.info;
  return {
    kind: info.kind,
    description: message(info.description.code as Parameters<typeof message>[0], info.description.params),
    ...(info.seed !== undefined && { seed: info.seed }),
    ...(stale.length > 0 && {
      stale: stale.map((h) => ({
        symbol: h.symbol,
        fetchedAt: new Date(h.stale!.fetchedAt).toISOString(),
        reason: message(h.stale!.reason.code as Parameters<typeof message>[0], h.stale!.reason.params),
      })),
    }),
    ...(r.unpriced.missing.length > 0 && { missing: r.unpriced.missing }),
  };
}

function holding(r: StageResults, p: Position, i: number): ReportHolding {
  const { values, prices, fxRates, weights } = r.valuation;
  const theme = r.exposure.holdingThemes[i];
  // value = quantity × price × fxRate, so a line sized by value or weight (cash at price 1) has
  // value / (price × fxRate) units: shares, or cash in its own currency.
  const quantity = p.basis === 'quantity' ? p.quantity : values[i]! / (prices[i]! * fxRates[i]!);
  return {
    symbol: p.symbol,
    ...(p.name !== undefined && { name: p.name }),
    ...(p.isin !== undefined && { isin: p.isin }),
    quantity,
    price: prices[i]!,
    currency: p.kind === 'cash' ? p.currency : r.locals.get(p.symbol)!.currency,
    ...(fxRates[i] !== 1 && { fxRate: fxRates[i]! }),
    marketValue: values[i]!,
    weight: weights[i]!,
    kind: p.kind === 'cash' ? 'cash' : r.funds.instruments[i]!.kind,
    sizedBy: sizedBy(p),
    ...(p.file.costBasis !== undefined && { costBasis: p.file.costBasis }),
    rows: p.rows,
    ...(theme != null && { theme }),
    ...(p.accounts !== undefined && { accounts: p.accounts }),
  };
}

function sizedBy(p: Position): ReportHolding['sizedBy'] {
  if (p.basis !== 'cash') return p.basis;
  return 'amount' in p.size ? 'marketValue' : 'weight';
}

/**
 * Every issuer in the theme and the LISTED_ISSUERS largest, or all of them on request: the long
 * tail of a broad fund's constituents (400 of a 25-holding portfolio's 520 issuers) was 60 % of
 * the report's bytes. The rest are counted, with their weight, in `issuersOmitted`.
 */
function listedIssuers(r: StageResults, all: boolean) {
  const kept: IssuerThemeExposure[] = [];
  const omitted = { count: 0, weight: 0 };
  r.exposure.theme.issuers.forEach((e, i) => {
    if (all || i < LISTED_ISSUERS || e.themeWeight > 0 || e.classification.confidence !== 'none') kept.push(e);
    else {
      omitted.count++;
      omitted.weight += e.weight;
    }
  });
  return { kept, omitted };
}

function exposureSection(r: StageResults, allIssuers: boolean) {
  const listed = listedIssuers(r, allIssuers);
  const { theme, coreFour } = r.exposure;
  const factors = r.risk.portfolioFactors;
  return {
    currency: {
      byListing: byListingCurrency(r),
      byIssuerHome: r.funds.homeCurrency.byIssuerHome,
      issuerHomeUnattributed: r.funds.homeCurrency.unattributed,
    },
    headline: {
      themeHoldings: theme.themeHoldings,
      themeHoldingsByRole: theme.themeHoldingsByRole,
      aiRevenueShare: theme.aiInfrastructure,
      aiRevenueShareByRole: theme.byRole,
      netAiBeta: factors.netAiBeta,
      netAiBetaR2: factors.netAiR2,
      marketBeta: factors.marketBeta,
      marketR2: factors.marketR2,
      coreFour: coreFour.total,
    },
    coreFour,
    funds: r.funds.heldFunds.map((f) => ({
      symbol: f.symbol,
      weight: f.weight,
      constituentsAsOf: f.asOf,
      constituentsAgeDays: f.ageDays,
      constituentsStale: f.stale,
      constituentsExcluded: f.excluded,
      constituentsSource: f.holdings.source,
      constituentsVia: f.holdings.via ?? null,
      constituentsCoverage: f.holdings.constituents.reduce((s, c) => s + c.weight, 0) / 100,
    })),
    aiInfrastructure: theme.aiInfrastructure,
    byRole: theme.byRole,
    bySegment: theme.bySegment,
    lookThroughCoverage: r.funds.look.coverage,
    unresolved: r.funds.look.unresolved,
    issuers: listed.kept.map((e) => ({
      issuer: e.issuer,
      weight: e.weight,
      themeWeight: e.themeWeight,
      relevance: e.classification.relevance,
      roles: e.classification.roles,
      confidence: e.classification.confidence,
      fiscalYear: e.classification.fiscalYear,
      paths: e.paths,
    })),
    issuersOmitted: listed.omitted,
    dependence: r.themeData.dependence,
  };
}

function riskSection(r: StageResults) {
  const k = r.risk.risk;
  return {
    lookbackDays: k.lookbackDays,
    volatility: k.volatility,
    betaToAiBasket: k.betaToAiBasket,
    var95: k.var95,
    es95: k.es95,
    maxDrawdown: k.maxDrawdown,
    drawdownSeries: r.risk.drawdownSeries,
    returnsFrom: dayToIso(r.window.windowDays[1]!),
    betaToMarket: k.betaToMarket,
    aiBasketRSquared: k.aiBasketRSquared,
    fxShareOfVariance: r.risk.fxShareOfVariance,
    riskContributions: k.riskContributions,
    rollingBetaToAiBasket: r.risk.rollingBeta,
    correlation: k.correlation,
  };
}

function scenarioSection(r: StageResults) {
  const s = r.inputs.reference.scenario;
  return {
    id: s.id,
    basketMove: s.headline.basketMove,
    marketMove: s.headline.marketMove,
    sellerExtraFall: s.sellerExtraFall.value,
    window: s.headline.window,
    lossAtScore100: s.scoreScale.lossAtScore100,
  };
}

/** Share of the value by listing currency (ISO: pence are pounds), largest first. */
function byListingCurrency(r: StageResults): Record<string, number> {
  const out = new Map<string, number>();
  r.positions.forEach((p, i) => {
    const currency = p.kind === 'cash' ? p.currency : isoCurrency(r.locals.get(p.symbol)!.currency).iso;
    out.set(currency, (out.get(currency) ?? 0) + r.valuation.weights[i]!);
  });
  return Object.fromEntries([...out].sort((a, b) => b[1] - a[1]));
}
