import type { Reader } from '../../i18n';
import { ageText, type Report, symbolLabel } from './common';

interface Point {
  /** Higher comes first: a gap in the data outranks a property of the portfolio it distorts. */
  rank: number;
  text: string;
  /** The report warning this point already tells the reader, if any. */
  covers?: string;
}

/** Shares below which a point is not worth one of the three places. */
const FX_MATERIAL = 0.1;
const ISSUER_MATERIAL = 0.1;
const STALE_MATERIAL = 0.05;

/**
 * Three plain-language points to watch, derived from the report: gaps in the data first (prices
 * missing, fund lists stale or absent) when they are material, then the largest contributor to
 * the scenario's loss, the largest single issuer and the share of the swings that comes from
 * exchange rates. Always three when the report has them to say, never a made-up one.
 */
export function watchPoints(r: Report, f: Reader): { texts: string[]; covered: Set<string> } {
  const points = [missingPrices(r, f), staleLists(r, f), opaqueFunds(r, f), lossContributor(r, f)];
  points.push(largestIssuer(r, f), fxShare(r, f), themeRule(r, f));
  const chosen = points
    .filter((p): p is Point => p !== null)
    .sort((a, b) => b.rank - a.rank)
    .slice(0, 3);
  return {
    texts: chosen.map((p) => p.text),
    covered: new Set(chosen.flatMap((p) => (p.covers === undefined ? [] : [p.covers]))),
  };
}

function missingPrices(r: Report, f: Reader): Point | null {
  const missing = r.dataSource.missing ?? [];
  if (missing.length === 0) return null;
  const share = missing.every((m) => m.share !== null) ? missing.reduce((a, m) => a + m.share!, 0) : null;
  const symbols = f.list(missing.slice(0, 4).map((m) => m.symbol));
  // Past four names the point is cut short: the warning, which names them all, stays.
  const covers = missing.length <= 4 ? 'warn.symbols_without_data' : undefined;
  return share === null
    ? { rank: 100, text: f.t('ui.watchMissingUnknown', { symbols }), covers }
    : { rank: share >= 0.01 ? 100 : 30, text: f.t('ui.watchMissing', { symbols, share: f.pct(share, 0) }), covers };
}

function staleLists(r: Report, f: Reader): Point | null {
  const stale = r.exposure.funds.filter((x) => x.constituentsStale || x.constituentsAsOf === null);
  if (stale.length === 0) return null;
  const weight = stale.reduce((a, x) => a + x.weight, 0);
  const oldest = [...stale].sort((a, b) => (b.constituentsAgeDays ?? 1e9) - (a.constituentsAgeDays ?? 1e9))[0]!;
  const params = { fund: oldest.symbol, n: stale.length, weight: f.pct(weight, 0) };
  return {
    rank: weight >= STALE_MATERIAL ? 90 : 35,
    covers: 'warn.etf_constituents_stale',
    text:
      oldest.constituentsAgeDays === null
        ? f.t('ui.watchStaleUndated', params)
        : f.t('ui.watchStale', { ...params, age: ageText(oldest.constituentsAgeDays, f) }),
  };
}

function opaqueFunds(r: Report, f: Reader): Point | null {
  const cov = r.concentration.issuerCoverage;
  const equityOpaque = r.warnings.find((w) => w.code === 'warn.etf_without_constituents');
  if (equityOpaque === undefined || cov.opaque < STALE_MATERIAL) return null;
  return {
    rank: 85,
    text: f.t('ui.watchOpaque', { funds: f.list(cov.opaqueFunds.slice(0, 4)), share: f.pct(cov.opaque, 0) }),
    ...(cov.opaqueFunds.length <= 4 && { covers: 'warn.etf_without_constituents' }),
  };
}

function lossContributor(r: Report, f: Reader): Point | null {
  const o = r.overspending;
  const top = o.contributions[0];
  if (top === undefined || top.contribution <= 0 || o.expectedLoss <= 0) return null;
  return {
    rank: 80,
    text: f.t('ui.watchContributor', {
      symbol: symbolLabel(r, top.symbol, f),
      points: f.num(100 * top.contribution, 1),
      score: f.num(o.score, 0),
      move: f.pct(top.scenarioReturn, 0),
      weight: f.pct(top.weight, 0),
    }),
  };
}

function largestIssuer(r: Report, f: Reader): Point | null {
  const top = r.exposure.issuers[0];
  if (top === undefined) return null;
  const funds = top.paths.filter((p) => p.via !== 'direct').length;
  return {
    rank: top.weight >= ISSUER_MATERIAL ? 70 : 20,
    text: f.t(funds > 0 ? 'ui.watchIssuerFunds' : 'ui.watchIssuer', {
      issuer: top.issuer,
      weight: f.pct(top.weight, 0),
      funds,
      loss: f.pct(top.weight * 0.2, 1),
    }),
  };
}

function fxShare(r: Report, f: Reader): Point | null {
  const share = r.risk.fxShareOfVariance;
  if (!Number.isFinite(share) || share < 0.02) return null;
  return {
    rank: share >= FX_MATERIAL ? 75 : 25,
    text: f.t('ui.watchFx', { share: f.pct(share, 0), currency: r.baseCurrency }),
  };
}

function themeRule(r: Report, f: Reader): Point | null {
  const rule = r.concentration.rules.find((x) => x.id === 'theme-concentration');
  if (rule === undefined || rule.status === 'pass') return null;
  return { rank: rule.status === 'fail' ? 60 : 15, text: f.t('ui.watchTheme', { share: f.pct(rule.value, 0) }) };
}
