import { analyse, analysisStages, type AnalysisInputs } from '../analysis/analyse';
import { MONTE_CARLO_PATH_BOUNDS } from '../analysis/options';
import { message, type Message } from '../i18n';
import { assembleReport, type StageResults } from '../report/assemble';
import type { AnalysisReport } from '../report';
import { dayToIso } from '../shared/dates';
import type { Formulation } from './formulate';
import { asImportLine, importOf, linesOf, type ImportLine } from './holdings';
import { compare, measuresOf, predictedDocument } from './measures';
import { buildModel, issuerShare, predict, type LinearModel, type Predicted } from './model';
import { targetsOf, type WhatIfOptions } from './options';
import { WHATIF_SCHEMA_VERSION, WhatIfSchema, type Binding, type WhatIfDocument } from './schema';
import { solveTargets } from './solve';
import type { Solution, Solve } from './solver';
import { tradesOf } from './trades';

export interface WhatIfResult {
  document: WhatIfDocument;
  /** The analysis of the portfolio as it is, on the day the what-if values everything. */
  report: AnalysisReport;
}

/**
 * The what-if, pure and synchronous once the market data is gathered and the solver loaded: the
 * portfolio as analysed → a linear model from its stages → the least-turnover trades that meet the
 * targets → the holdings after, analysed again on the same inputs (no new I/O).
 */
export function whatIf(
  imported: Parameters<typeof analyse>[0],
  inputs: AnalysisInputs,
  options: WhatIfOptions,
  solve: Solve,
): WhatIfResult {
  const notes: Message[] = [];
  let current = analysisStages(imported, inputs, options);
  let probe = probeOf(current, inputs, options);
  if (probe.window.asOfDay !== current.window.asOfDay) {
    // A symbol to buy has no price on the portfolio's day: value everything on the last day all have one.
    const asOf = dayToIso(probe.window.asOfDay);
    current = analysisStages(imported, inputs, { ...options, asOf });
    probe = probeOf(current, inputs, options);
    notes.push(message('whatif.note_valued_earlier', { date: asOf, symbols: options.buy }));
  }
  const model = buildModel(current, probe, options.buy);
  const targets = targetsOf(options);
  const rules = {
    onlySell: options.onlySell,
    wholeShares: options.wholeShares,
    ...(options.minTrade !== undefined && { minTrade: options.minTrade }),
  };
  const { formulation, solution } = solveTargets(model, targets, rules, solve);
  const result = tradesOf(model, formulation, solution, options);
  const after = analyse(
    importOf(imported.fileName, result.holdingsAfter.map(importLine)),
    inputs,
    pinned(current, options),
  );
  const before = assembleReport(current, { allIssuers: options.allIssuers });
  const predicted = predict(model, result.valuesAfter);
  const afterMeasures = measuresOf(after);
  const costs = result.trades.reduce((s, t) => s + t.cost, 0);
  const taxes = result.trades.reduce((s, t) => s + (t.tax ?? 0), 0);
  if (solution.status === 'time-limit') notes.push(message('whatif.note_time_limit'));
  notes.push(...notesOf(current, result.trades.length, costs, taxes));
  const document = WhatIfSchema.parse({
    schemaVersion: WHATIF_SCHEMA_VERSION,
    disclaimer: message('whatif.disclaimer'),
    generatedAt: inputs.generatedAt,
    asOf: before.asOf,
    baseCurrency: before.baseCurrency,
    fileName: imported.fileName,
    targets,
    settings: {
      onlySell: options.onlySell,
      buy: options.buy,
      minTrade: options.minTrade ?? null,
      wholeShares: options.wholeShares,
      costBps: options.costBps,
      costPerTrade: options.costPerTrade,
      tax: options.tax,
    },
    trades: result.trades,
    turnover: result.trades.reduce((s, t) => s + t.value, 0),
    costs,
    taxes,
    holdingsAfter: result.holdingsAfter,
    before: measuresOf(before),
    after: afterMeasures,
    predicted: predictedDocument(predicted),
    binding: bindingOf(model, formulation, solution, result.valuesAfter, predicted),
    check: compare(predicted, afterMeasures, targets),
    notes,
  });
  return { document, report: before };
}

/** Every later analysis uses the portfolio's day and base currency, whatever the lines held then. */
function pinned(current: StageResults, options: WhatIfOptions): WhatIfOptions {
  return { ...options, asOf: dayToIso(current.window.asOfDay), baseCurrency: current.plan.baseCurrency };
}

/**
 * The portfolio plus the symbols to buy, analysed so their coefficients come from the same stages.
 * Each is given a tenth of the value (split among them): the coefficients are per unit of value,
 * and a small share never makes the portfolio "mostly unpriced" when a symbol has no prices.
 */
function probeOf(current: StageResults, inputs: AnalysisInputs, options: WhatIfOptions): StageResults {
  const held = new Set(current.positions.map((p) => p.symbol));
  const fresh = options.buy.filter((s) => !held.has(s));
  if (fresh.length === 0) return current;
  const value = current.valuation.total / (10 * fresh.length);
  const lines: ImportLine[] = [
    ...linesOf(current).map(asImportLine),
    ...fresh.map((symbol) => ({ symbol, value, currency: current.plan.baseCurrency })),
  ];
  const probeOptions = { ...pinned(current, options), monteCarloPaths: MONTE_CARLO_PATH_BOUNDS.min };
  return analysisStages(importOf(current.imported.fileName, lines), inputs, probeOptions);
}

function importLine(h: WhatIfDocument['holdingsAfter'][number]): ImportLine {
  return h.symbol === 'CASH'
    ? { symbol: 'CASH', amount: h.quantity, currency: h.currency }
    : { symbol: h.symbol, quantity: h.quantity };
}

/** Targets whose rows the trades leave without slack (to the solver's tolerance). */
function bindingOf(
  model: LinearModel,
  f: Formulation,
  s: Solution,
  values: Float64Array,
  predicted: Predicted,
): Binding[] {
  const value: Record<Binding['target'], number> = {
    maxAiRevenueShare: predicted.aiRevenueShare,
    maxThemeHoldings: predicted.themeHoldings,
    maxCoreFour: predicted.coreFour,
    maxScore: predicted.score,
    maxIssuer: predicted.top1 ?? 0,
  };
  return f.targetRows
    .filter((r) => f.lp.rows[r.row]!.rhs - s.activity[r.row]! <= 1e-8 * (r.target === 'maxScore' ? 100 : 1))
    .map((r) => ({
      target: r.target,
      limit: r.limit,
      value: r.issuer === undefined ? value[r.target] : issuerShare(model, r.issuer, values),
      ...(r.issuer !== undefined && { issuer: r.issuer.label }),
    }));
}

function notesOf(current: StageResults, trades: number, costs: number, taxes: number): Message[] {
  const notes: Message[] = [];
  const currency = current.plan.baseCurrency;
  if (trades === 0) notes.push(message('whatif.note_already_met'));
  else notes.push(message('whatif.note_costs_outside', { costs, taxes, currency }));
  const missing = current.unpriced.missing.map((m) => m.symbol);
  if (missing.length > 0) notes.push(message('whatif.note_unpriced', { symbols: missing }));
  return notes;
}
