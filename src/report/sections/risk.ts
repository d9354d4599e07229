import type { Reader } from '../../i18n';
import { barChart, heatmap, lineChart, PALETTE } from '../charts/svg';
import type { Block, Section } from '../view';
import { figure, type Report, symbolLabel } from './common';

/** Every holding is drawn in the risk chart up to this many; beyond it the smallest share one bar. */
const RISK_BARS = 15;

export function riskSection(r: Report, f: Reader): Section {
  const k = r.risk;
  const h = r.exposure.headline;
  const blocks: Block[] = [
    {
      kind: 'table',
      head: [f.t('ui.figure'), f.t('ui.value')],
      rows: [
        [f.t('ui.volatility'), f.pct(k.volatility)],
        [f.t('ui.betaAi'), f.num(k.betaToAiBasket)],
        [f.t('ui.betaMarket'), f.num(k.betaToMarket)],
        [f.t('ui.netAiBetaTwoFactor'), f.num(h.netAiBeta)],
        [f.t('ui.r2'), f.pct(k.aiBasketRSquared, 0)],
        [f.t('ui.var95'), f.pct(k.var95)],
        [f.t('ui.es95'), f.pct(k.es95)],
        [f.t('ui.maxDrawdown'), f.pct(-k.maxDrawdown)],
        [f.t('ui.fxShare', { currency: r.baseCurrency }), f.pct(k.fxShareOfVariance)],
      ],
      numeric: [false, true],
    },
    drawdownChart(r, f),
    ...riskShareBlocks(r, f),
  ];
  if (k.correlation.symbols.length > 1)
    blocks.push({
      kind: 'chart',
      ...figure(
        f.t('ui.correlation'),
        heatmap(
          k.correlation.symbols.map((s) => symbolLabel(r, s, f)),
          k.correlation.matrix,
          { format: (v) => f.num(v, 2) },
        ),
        k.correlation.method === 'ledoit-wolf' ? f.t('ui.correlationShrunk') : undefined,
      ),
    });
  return { id: 'risk', title: f.t('ui.risk'), blocks };
}

function drawdownChart(r: Report, f: Reader): Block {
  const k = r.risk;
  const dd = k.drawdownSeries.map((p, i) => ({ x: i, y: -p.drawdown }));
  const ticks = [0, Math.floor(dd.length / 2), dd.length - 1]
    .filter((i, n, all) => all.indexOf(i) === n && k.drawdownSeries[i] !== undefined)
    .map((i) => ({ x: i, label: f.date(k.drawdownSeries[i]!.date) }));
  return {
    kind: 'chart',
    ...figure(
      f.t('ui.drawdownChart', { n: String(k.lookbackDays) }),
      lineChart([{ points: dd, color: PALETTE.negative, fill: true }], {
        xTicks: ticks,
        yFormat: (v) => f.pct(v, 0),
        height: 170,
      }),
    ),
  };
}

/** Each holding's share of the variance, every one of them (negative: it lowers the risk), cash said in words. */
function riskShareBlocks(r: Report, f: Reader): Block[] {
  const shares = [...r.risk.riskContributions].sort((a, b) => b.share - a.share);
  const shown = shares.length > RISK_BARS ? shares.slice(0, RISK_BARS - 1) : shares;
  const bars = shown.map((c) => ({
    label: symbolLabel(r, c.symbol, f),
    value: c.share,
    color: c.share < 0 ? PALETTE.positive : PALETTE.accent,
  }));
  const rest = shares.slice(shown.length);
  if (rest.length > 0)
    bars.push({
      label: f.t('ui.others', { n: rest.length }),
      value: rest.reduce((a, c) => a + c.share, 0),
      color: PALETTE.muted,
    });
  const cash = r.holdings.some((h) => h.kind === 'cash');
  return [
    {
      kind: 'chart',
      ...figure(
        f.t('ui.riskContributions'),
        barChart(bars, (v) => f.pct(v)),
        f.t(cash ? 'ui.riskSharesNoteCash' : 'ui.riskSharesNote'),
      ),
    },
  ];
}
