import { concentrationStage } from '../analytics/concentration-stage';
import { withPanelArenas } from '../analytics/core';
import { monteCarloStage, type OverspendingInputs, overspendingStage } from '../analytics/overspending/stage';
import { riskStage } from '../analytics/risk-stage';
import type { HoldingsImport, Position, SecurityPosition } from '../holdings';
import type { MarketInputs } from '../market/gather';
import { assembleReport, type StageResults } from '../report/assemble';
import type { AnalysisReport } from '../report';
import { exposureStage } from '../theme/exposure-stage';
import { type LookThroughStage, lookThroughStage } from '../theme/funds';
import { themeDataStage } from '../theme/theme-data-stage';
import { inBaseCurrency, ratesToBase } from '../valuation/currency';
import { heldHistories } from '../valuation/histories';
import { checkListingCurrency, leaveOutUnpriced } from '../valuation/unpriced';
import { valuePositions } from '../valuation/value';
import { analysisWindow } from '../valuation/window';
import type { AnalysisOptions } from './options';
import { plan } from './plan';
import type { ReferenceData } from './reference';
import { type StageTimes, timed } from './stage-times';
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
 * overspending, concentration), report/ (assembly and summary). `times`, when given, collects each
 * stage's wall time (the bench's breakdown).
 */
export function analyse(
  imported: HoldingsImport,
  inputs: AnalysisInputs,
  options: AnalysisOptions,
  times?: StageTimes,
): AnalysisReport {
  const stages = analysisStages(imported, inputs, options, times);
  return timed(times, 'report assembly', () => assembleReport(stages, { allIssuers: options.allIssuers }));
}

/**
 * Every stage's result before assembly: what the what-if reads its linear model from, so the
 * model's coefficients are the analysis's own figures, not a reading of the JSON report.
 */
export function analysisStages(
  imported: HoldingsImport,
  inputs: AnalysisInputs,
  options: AnalysisOptions,
  times?: StageTimes,
): StageResults {
  requireUsable(imported, options.strict);
  const { market, reference } = inputs;
  const needs = timed(times, 'plan', () => plan(imported, options));
  const v = timed(times, 'valuation', () => valuationStage(imported, market, needs.baseCurrency, options));
  const { positions, valuation, window } = v;
  const funds = timed(times, 'look-through', () =>
    lookThroughStage(positions, valuation.weights, market, reference, window.asOfDay, options.maxConstituentsAge),
  );
  const theme = timed(times, 'theme exposure', () =>
    themeStages(positions, valuation.weights, funds, reference, options),
  );
  // The risk panel lives in reused wasm memory (kernel-arena.ts) until the simulation has read its
  // returns: nothing these three stages hand on refers to it (test/kernel-arena.test.ts checks).
  const { risk, overspending, monteCarlo } = withPanelArenas(() => {
    const { stage, returns } = timed(times, 'risk', () =>
      riskStage(
        v.baseHistories,
        v.held.histories,
        window.windowDays,
        positions,
        valuation.weights,
        options.shrinkCorrelation,
      ),
    );
    const stageInputs: OverspendingInputs = {
      positions,
      weights: valuation.weights,
      holdingThemes: theme.exposure.holdingThemes,
      themeIssuers: theme.exposure.theme.issuers,
      issuerWeight: theme.exposure.issuerWeight,
      risk: stage,
      returns,
      baseHistories: v.baseHistories,
      allDays: window.allDays,
      market,
      model: reference.theme,
      scenario: reference.scenario,
      stressWindows: [...reference.stressWindows, ...(options.stressWindows ?? [])],
      monteCarloPaths: options.monteCarloPaths,
      monteCarloSeed: options.monteCarloSeed,
    };
    return {
      risk: stage,
      overspending: timed(times, 'overspending', () => overspendingStage(stageInputs)),
      monteCarlo: timed(times, 'Monte Carlo', () => monteCarloStage(stageInputs)),
    };
  });
  return {
    imported,
    inputs,
    plan: needs,
    positions,
    locals: v.locals,
    held: v.held,
    unpriced: v.unpriced,
    window,
    valuation,
    funds,
    ...theme,
    risk,
    overspending,
    monteCarlo,
    warnings: [...inputWarnings(imported, market), ...v.unpriced.warnings, ...valuation.warnings, ...funds.warnings],
  };
}

/** Histories of what is held, what has no price, the window, and every position's value and weight. */
function valuationStage(imported: HoldingsImport, market: MarketInputs, base: string, options: AnalysisOptions) {
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
  return { held, unpriced, positions, locals, baseHistories, window, valuation };
}

/** Theme exposure on the looked-through issuers, the theme data's checks, and concentration. */
function themeStages(
  positions: readonly Position[],
  weights: Float64Array,
  funds: LookThroughStage,
  reference: ReferenceData,
  options: AnalysisOptions,
) {
  const exposure = exposureStage(positions, weights, funds.look, funds.instruments, funds.isFund, reference);
  const themeData = themeDataStage(exposure.issuerWeight, reference);
  const cashWeight = positions.reduce((s, p, i) => s + (p.kind === 'cash' ? weights[i]! : 0), 0);
  const concentration = concentrationStage(
    weights,
    funds.look,
    cashWeight,
    exposure.theme.aiInfrastructure,
    options.ruleOverrides,
  );
  return { exposure, themeData, concentration };
}

function locate(positions: readonly Position[], symbol: string, file: string) {
  const held = positions.find((p) => p.symbol === symbol);
  return held && { file, row: held.rows[0]!, column: 'symbol', value: symbol };
}
