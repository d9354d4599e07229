import { scoreFromLoss } from '../analytics/overspending/scenario';
import { AppError } from '../errors';
import type { AssetClass } from '../market/types';
import type { StageResults } from '../report/assemble';
import { CORE_FOUR } from '../theme/enums';
import { primaryRole } from '../theme/exposure';
import { linesOf, type Line } from './holdings';

/**
 * One issuer after look-through: a named company, or a fund we cannot look through (one opaque
 * issuer, as concentration.issuer counts it). `perUnit` holds, for each holding that reaches it,
 * its weight per unit of that holding's value.
 */
export interface IssuerColumn {
  key: string;
  /** What the reader sees: the issuer's symbol, or the fund chain of an opaque fund. */
  label: string;
  perUnit: ReadonlyMap<number, number>;
}

/** A security the what-if may trade: held now (value > 0) or named with --buy (value 0 until bought). */
export interface ModelHolding extends Line {
  buyable: boolean;
  /** What the instrument is, as far as the market data says (a bond fund is taxed differently). */
  assetClass?: AssetClass;
}

/**
 * The portfolio's measures as linear functions of the holdings' values. Per unit of a holding's
 * value: its look-through weight in companies of the chain, its AI revenue, the core four, each
 * issuer, the part concentration covers (all but cash: named and opaque issuers, unlisted fund
 * remainders) and its loss in the AI capex bust scenario. All come from the analysis's stages.
 */
export interface LinearModel {
  /** Base-currency value of the whole portfolio: trades move value between lines, never in or out. */
  total: number;
  baseCurrency: string;
  holdings: ModelHolding[];
  cash: Line[];
  themeHoldings: Float64Array;
  aiRevenueShare: Float64Array;
  coreFour: Float64Array;
  covered: Float64Array;
  /**
   * Per unit², the most the holding's unlisted fund remainders add to the issuer HHI (times the
   * covered value²): remainder × its largest possible piece, both proportional to the holding.
   */
  remainderHhi: Float64Array;
  /** −(scenario return): the fraction of the holding's value lost in the scenario. */
  loss: Float64Array;
  issuers: IssuerColumn[];
  lossAtScore100: number;
}

/** What the model says a portfolio's measures are (the LP's own prediction). */
export interface Predicted {
  themeHoldings: number;
  aiRevenueShare: number;
  coreFour: number;
  score: number;
  /** null when nothing is covered (a portfolio of cash), as in the report. */
  top1: number | null;
  effectiveN: number | null;
}

const CORE = new Set<string>(CORE_FOUR);

/**
 * The linear model: values from `current` (the portfolio as analysed). A held line's coefficients
 * come from `current` too, a symbol to buy's from `probe` (the portfolio plus the symbols to buy,
 * analysed on the same day). Coefficients are per unit of value, so they do not depend on the
 * weights each analysis gave the line; taking the held lines' from `current` keeps their scenario
 * losses on the portfolio's own price window, which a symbol to buy on another exchange's calendar
 * would shift even when it is not bought.
 */
export function buildModel(current: StageResults, probe: StageResults, buy: readonly string[]): LinearModel {
  const lines = linesOf(current);
  const securities = lines.filter((l) => l.kind === 'security');
  const held = new Set(securities.map((l) => l.symbol));
  const probeLines = linesOf(probe);
  const toBuy = buy.filter((s) => !held.has(s)).map((s) => candidate(s, probeLines, current));
  const lineup = [
    ...securities.map((l) => ({ ...l, buyable: buy.includes(l.symbol) })),
    ...toBuy.map((l) => ({ ...l, buyable: true })),
  ];
  const sources = lineup.map((h, j) => {
    const stages = j < securities.length ? current : probe;
    return { stages, at: stages.positions.findIndex((p) => p.kind === 'security' && p.symbol === h.symbol) };
  });
  const holdings: ModelHolding[] = lineup.map((h, j) => {
    const assetClass = sources[j]!.stages.funds.instruments[sources[j]!.at]?.assetClass;
    return assetClass === undefined ? h : { ...h, assetClass };
  });
  return {
    total: current.valuation.total,
    baseCurrency: current.plan.baseCurrency,
    holdings,
    cash: lines.filter((l) => l.kind === 'cash'),
    ...coefficientsOf(sources),
    lossAtScore100: current.inputs.reference.scenario.scoreScale.lossAtScore100,
  };
}

/** A symbol to buy, priced by the probe: worth nothing now. */
function candidate(symbol: string, probeLines: readonly Line[], current: StageResults): Line {
  const line = probeLines.find((l) => l.kind === 'security' && l.symbol === symbol);
  if (line === undefined)
    throw new AppError('unprocessable', 'whatif_buy_unpriced', {
      params: { symbol },
      location: { file: current.imported.fileName },
    });
  return { ...line, quantity: 0, value: 0, sizedByQuantity: true };
}

/** What one analysis says per unit of each of its positions, read once per analysis. */
function readerOf(stages: StageResults) {
  return {
    perUnit: unitLookThrough(stages),
    remainders: unitRemainders(stages),
    classification: new Map(stages.exposure.theme.issuers.map((e) => [e.issuer, e.classification])),
    scenario: new Map(stages.overspending.contributions.map((c) => [c.symbol, c.scenarioReturn])),
  };
}

function coefficientsOf(sources: readonly { stages: StageResults; at: number }[]) {
  const n = sources.length;
  const out = {
    themeHoldings: new Float64Array(n),
    aiRevenueShare: new Float64Array(n),
    coreFour: new Float64Array(n),
    covered: new Float64Array(n),
    remainderHhi: new Float64Array(n),
    loss: new Float64Array(n),
  };
  const readers = new Map<StageResults, ReturnType<typeof readerOf>>();
  const issuers = new Map<string, { key: string; label: string; perUnit: Map<number, number> }>();
  sources.forEach(({ stages, at }, j) => {
    let reader = readers.get(stages);
    if (reader === undefined) readers.set(stages, (reader = readerOf(stages)));
    for (const [key, { label, weight }] of reader.perUnit(at)) {
      const c = reader.classification.get(key);
      if (c !== undefined && primaryRole(c) !== null) out.themeHoldings[j]! += weight;
      out.aiRevenueShare[j]! += weight * (c?.relevance ?? 0);
      if (CORE.has(key)) out.coreFour[j]! += weight;
      out.covered[j]! += weight;
      let column = issuers.get(key);
      if (column === undefined) issuers.set(key, (column = { key, label, perUnit: new Map() }));
      column.perUnit.set(j, weight);
    }
    const remainder = reader.remainders(at);
    out.covered[j]! += remainder.weight;
    out.remainderHhi[j] = remainder.hhi;
    out.loss[j] = -reader.scenario.get(stages.positions[at]!.symbol)!;
  });
  return { ...out, issuers: [...issuers.values()] };
}

type UnitLookThrough = Map<string, { label: string; weight: number }>;

/**
 * Where one unit of each position lands after look-through, read off the look-through stage in one
 * pass: a listing held directly lands on its issuer (the path that names it); a fund passes on every
 * path that starts with it (the first fund of a chain is the holding), and each fund it cannot look
 * through (itself or one nested in it) is one opaque issuer. Unlisted remainders are counted apart
 * (unitRemainders), as concentration.issuer bounds them.
 */
function unitLookThrough(stages: StageResults): (at: number) => UnitLookThrough {
  const byHolding = new Map<string, UnitLookThrough>();
  const add = (holding: string, key: string, label: string, weight: number) => {
    let out = byHolding.get(holding);
    if (out === undefined) byHolding.set(holding, (out = new Map()));
    out.set(key, { label, weight: (out.get(key)?.weight ?? 0) + weight });
  };
  for (const e of stages.funds.look.issuers)
    for (const path of e.paths)
      add(path.via === 'direct' ? path.listing! : path.via.split(' > ')[0]!, e.issuer, e.issuer, path.weight);
  for (const u of stages.funds.look.unresolved)
    if (u.reason !== 'unlisted-remainder') add(u.fund.split(' > ')[0]!, `fund:${u.fund}`, u.fund, u.weight);
  return (at) => {
    const w = stages.valuation.weights[at]!;
    const mine = byHolding.get(stages.positions[at]!.symbol) ?? [];
    return new Map([...mine].map(([k, v]) => [k, { label: v.label, weight: v.weight / w }]));
  };
}

/** An issuer's look-through value (base currency) in a portfolio whose holdings are worth `values`. */
export function issuerValue(issuer: IssuerColumn, values: Float64Array): number {
  let v = 0;
  for (const [j, a] of issuer.perUnit) v += a * values[j]!;
  return v;
}

/** An issuer's share of the non-cash value, as concentration.issuer counts it. */
export function issuerShare(model: LinearModel, issuer: IssuerColumn, values: Float64Array): number {
  return issuerValue(issuer, values) / model.covered.reduce((s, c, j) => s + c * values[j]!, 0);
}

/** The measures the model gives a portfolio whose holdings are worth `values` (base currency). */
export function predict(model: LinearModel, values: Float64Array): Predicted {
  const dot = (c: Float64Array) => c.reduce((s, x, j) => s + x * values[j]!, 0) / model.total;
  const covered = dot(model.covered) * model.total;
  let top = 0;
  let hhi = 0;
  model.remainderHhi.forEach((b, j) => {
    hhi += (b * values[j]! * values[j]!) / (covered * covered);
  });
  for (const issuer of model.issuers) {
    const share = issuerValue(issuer, values) / covered;
    top = Math.max(top, share);
    hhi += share * share;
  }
  return {
    themeHoldings: dot(model.themeHoldings),
    aiRevenueShare: dot(model.aiRevenueShare),
    coreFour: dot(model.coreFour),
    score: scoreFromLoss(dot(model.loss), model.lossAtScore100),
    top1: covered > 0 ? top : null,
    effectiveN: covered > 0 ? 1 / hhi : null,
  };
}

/** Per unit of each position: its funds' unlisted remainders, and their HHI bound per unit². */
function unitRemainders(stages: StageResults): (at: number) => { weight: number; hhi: number } {
  const byHolding = new Map<string, { weight: number; hhi: number }>();
  for (const u of stages.funds.look.unresolved) {
    if (u.reason !== 'unlisted-remainder') continue;
    const holding = u.fund.split(' > ')[0]!;
    const out = byHolding.get(holding) ?? { weight: 0, hhi: 0 };
    out.weight += u.weight;
    out.hhi += u.weight * (u.largestPiece ?? u.weight);
    byHolding.set(holding, out);
  }
  return (at) => {
    const w = stages.valuation.weights[at]!;
    const r = byHolding.get(stages.positions[at]!.symbol);
    return r === undefined ? { weight: 0, hhi: 0 } : { weight: r.weight / w, hhi: r.hhi / (w * w) };
  };
}
