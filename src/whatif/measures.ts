import { message, type Message, type MessageRef } from '../i18n';
import type { AnalysisReport } from '../report';
import type { Predicted } from './model';
import type { TargetName, Targets } from './options';
import type { Measures } from './schema';

/** The re-analysis and the linear model must agree this closely, or the document says where they part. */
const AGREEMENT_TOLERANCE = 1e-6;

/** The report's figures the what-if shows before and after, under the report's own names. */
export function measuresOf(r: AnalysisReport): Measures {
  const h = r.exposure.headline;
  return {
    exposure: {
      headline: {
        themeHoldings: h.themeHoldings,
        aiRevenueShare: h.aiRevenueShare,
        coreFour: h.coreFour,
        netAiBeta: h.netAiBeta,
      },
    },
    concentration: {
      issuer:
        r.concentration.issuer === null
          ? null
          : { top1: r.concentration.issuer.top1, effectiveN: r.concentration.issuer.effectiveN },
    },
    overspending: { score: r.overspending.score, monteCarlo: { var95: r.overspending.monteCarlo.var95 } },
    risk: { volatility: r.risk.volatility, var95: r.risk.var95 },
  };
}

export function predictedDocument(p: Predicted) {
  return {
    exposure: { headline: { themeHoldings: p.themeHoldings, aiRevenueShare: p.aiRevenueShare, coreFour: p.coreFour } },
    concentration: { issuer: p.top1 === null ? null : { top1: p.top1, effectiveN: p.effectiveN! } },
    overspending: { score: p.score },
  };
}

/** Where each target's measure sits in a report, and the model's value of it. */
const TARGET_MEASURES: Record<TargetName, { path: string; of: (m: Measures) => number | null }> = {
  maxAiRevenueShare: { path: 'exposure.headline.aiRevenueShare', of: (m) => m.exposure.headline.aiRevenueShare },
  maxThemeHoldings: { path: 'exposure.headline.themeHoldings', of: (m) => m.exposure.headline.themeHoldings },
  maxCoreFour: { path: 'exposure.headline.coreFour', of: (m) => m.exposure.headline.coreFour },
  maxScore: { path: 'overspending.score', of: (m) => m.overspending.score },
  maxIssuer: { path: 'concentration.issuer.top1', of: (m) => m.concentration.issuer?.top1 ?? null },
};

interface Difference {
  path: string;
  predicted: number | null;
  after: number | null;
}

/**
 * The linear model against the re-analysis, measure by measure (score in points is scaled to a
 * fraction, so one tolerance serves all), and whether every target holds in the re-analysis.
 */
export function compare(predicted: Predicted, after: Measures, targets: Targets) {
  const pairs: Difference[] = [
    {
      path: 'exposure.headline.themeHoldings',
      predicted: predicted.themeHoldings,
      after: after.exposure.headline.themeHoldings,
    },
    {
      path: 'exposure.headline.aiRevenueShare',
      predicted: predicted.aiRevenueShare,
      after: after.exposure.headline.aiRevenueShare,
    },
    { path: 'exposure.headline.coreFour', predicted: predicted.coreFour, after: after.exposure.headline.coreFour },
    { path: 'overspending.score', predicted: predicted.score / 100, after: after.overspending.score / 100 },
    { path: 'concentration.issuer.top1', predicted: predicted.top1, after: after.concentration.issuer?.top1 ?? null },
  ];
  const gap = (d: Difference) =>
    d.predicted === null || d.after === null ? (d.predicted === d.after ? 0 : 1) : Math.abs(d.predicted - d.after);
  const worst = pairs.reduce((a, b) => (gap(b) > gap(a) ? b : a));
  const missed = (Object.entries(targets) as [TargetName, number][]).filter(([name, limit]) => {
    const value = TARGET_MEASURES[name].of(after);
    const scale = name === 'maxScore' ? 100 : 1;
    return value !== null && value > limit + AGREEMENT_TOLERANCE * scale;
  });
  const agrees = gap(worst) <= AGREEMENT_TOLERANCE;
  return {
    agrees,
    tolerance: AGREEMENT_TOLERANCE,
    largestDifference: gap(worst),
    message:
      agrees && missed.length === 0
        ? null
        : disagreement(
            worst,
            missed.map(([name]) => TARGET_MEASURES[name].path),
          ),
  };
}

function disagreement(worst: Difference, missed: string[]): Message {
  const amount = (value: number | null): MessageRef =>
    worst.path === 'overspending.score'
      ? { code: 'whatif.points', params: { value: value === null ? null : 100 * value } }
      : { code: 'whatif.percent', params: { value } };
  return message(missed.length > 0 ? 'whatif.check_missed' : 'whatif.check_differs', {
    measure: worst.path,
    predicted: amount(worst.predicted),
    after: amount(worst.after),
    missed,
  });
}
