import { concentrationStage } from '../analytics/concentration-stage';
import { overspendingStage } from '../analytics/overspending/stage';
import { riskStage } from '../analytics/risk-stage';
import type { HoldingsImport, Position, SecurityPosition } from '../holdings';
import type { MarketInputs } from '../market/gather';
import { assembleReport, type StageResults } from '../report/assemble';
import type { AnalysisReport } from '../report';
import { exposureStage } from '../theme/exposure-stage';
import { lookThroughStage } from '../theme/funds';
import { themeDataStage } from '../theme/theme-data-stage';
import { inBaseCurrency, ratesToBase } from '../valuation/currency';
import { heldHistories } from '../valuation/histories';
import { checkListingCurrency, leaveOutUnpriced } from '../valuation/unpriced';
import { valuePositions } from '../valuation/value';
import { analysisWindow } from '../valuation/window';
import type { AnalysisOptions } from './options';
import { plan } from './plan';
import type { ReferenceData } from './reference';
import { inputWarnings, requireUsable } from './usable';

/** Everything an analysis reads besides the holdings: market data already gathered, our reference data, the clock. */
export interface AnalysisInputs {
  market: MarketInputs;
  reference: ReferenceData;
  /** ISO time stamped on the report (a batch passes its own, so reruns give the same bytes). */
  generatedAt: string;
}

/**
 * The whole analysis, pure and synchronous: holdings + gathered inputs → AnalysisReport. Each stage
 * lives in its own folder: valuation/, theme/ (look-through, exposure), analytics/ (risk,
 * overspending, concentration), report/ (assembly and summary).
 */
export function analyse(imported: HoldingsImport, inputs: AnalysisInputs, options: AnalysisOptions): AnalysisReport {
  return assembleReport(analysisStages(imported, inputs, options));
}

/**
 * Every stage's result before assembly: what the what-if reads its linear model from, so the
 * model's coefficients are the analysis's own figures, not a reading of the JSON report.
 */
export function analysisStages(
  imported: HoldingsImport,
  inputs: AnalysisInputs,
  options: AnalysisOptions,
): StageResults {
  requireUsable(imported, options.strict);
  const { market, reference } = inputs;
  const needs = plan(imported, options);
  const base = needs.baseCurrency;
  const securities = imported.holdings.filter((p): p is SecurityPosition => p.kind === 'security');
  const held = heldHistories(securities, market);
  const unpriced = leaveOutUnpriced(imported, held.missing, market, base);
  const positions = unpriced.positions;
  const locals = new Map(held.histories.map((h) => [h.symbol, h]));
  for (const p of positions)
    if (p.kind === 'security') checkListingCurrency(p, locals.get(p.symbol)!, imported.fileName);
  const rates = ratesToBase(base, held.histories, positions, market);
  const baseHistories = inBaseCurrency(held.histories, rates, base);
  const window = analysisWindow(baseHistories, options.asOf, (s) => locate(positions, s, imported.fileName));
  const valuation = valuePositions(positions, {
    histories: locals,
    rates,
    base,
    asOfDay: window.asOfDay,
    notional: options.notionalValue,
    fileName: imported.fileName,
  });
  const funds = lookThroughStage(
    positions,
    valuation.weights,
    market,
    reference,
    window.asOfDay,
    options.maxConstituentsAge,
  );
  const exposure = exposureStage(positions, valuation.weights, funds.look, funds.instruments, funds.isFund, reference);
  const themeData = themeDataStage(exposure.issuerWeight, reference);
  const cashWeight = positions.reduce((s, p, i) => s + (p.kind === 'cash' ? valuation.weights[i]! : 0), 0);
  const concentration = concentrationStage(
    valuation.weights,
    funds.look,
    cashWeight,
    exposure.theme.aiInfrastructure,
    options.ruleOverrides,
  );
  const risk = riskStage(
    baseHistories,
    held.histories,
    window.windowDays,
    positions,
    valuation.weights,
    options.shrinkCorrelation,
  );
  const overspending = overspendingStage({
    positions,
    weights: valuation.weights,
    holdingThemes: exposure.holdingThemes,
    themeIssuers: exposure.theme.issuers,
    issuerWeight: exposure.issuerWeight,
    risk,
    baseHistories,
    allDays: window.allDays,
    market,
    model: reference.theme,
    scenario: reference.scenario,
    stressWindows: [...reference.stressWindows, ...(options.stressWindows ?? [])],
    monteCarloPaths: options.monteCarloPaths,
    monteCarloSeed: options.monteCarloSeed,
  });
  return {
    imported,
    inputs,
    plan: needs,
    positions,
    locals,
    held,
    unpriced,
    window,
    valuation,
    funds,
    exposure,
    themeData,
    concentration,
    risk,
    overspending,
    warnings: [...inputWarnings(imported, market), ...unpriced.warnings, ...valuation.warnings, ...funds.warnings],
  };
}

function locate(positions: readonly Position[], symbol: string, file: string) {
  const held = positions.find((p) => p.symbol === symbol);
  return held && { file, row: held.rows[0]!, column: 'symbol', value: symbol };
}
