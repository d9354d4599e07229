import type { MessageCode, Reader } from '../../i18n';
import { barChart, PALETTE } from '../charts/svg';
import type { Block, Section } from '../view';
import { figure, pathLabel, type Report } from './common';

/** The theme exposure in detail: by segment, by role on each measure, the core four and the currencies. */
export function exposureSection(r: Report, f: Reader): Section {
  const e = r.exposure;
  const h = e.headline;
  const segments = Object.entries(e.bySegment)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => ({ label: f.t(`segment.${k}` as MessageCode), value: v }));
  const blocks: Block[] = [
    { kind: 'paragraph', text: f.t('ui.exposureIntro') },
    {
      kind: 'table',
      head: [f.t('ui.measure'), f.t('ui.buyersShort'), f.t('ui.sellersShort'), f.t('ui.total')],
      rows: [
        [
          f.t('ui.kpiThemeHoldings'),
          f.pct(h.themeHoldingsByRole.capexBuyers),
          f.pct(h.themeHoldingsByRole.capexSellers),
          f.pct(h.themeHoldings),
        ],
        [
          f.t('ui.kpiRevenue'),
          f.pct(h.aiRevenueShareByRole.capexBuyers),
          f.pct(h.aiRevenueShareByRole.capexSellers),
          f.pct(h.aiRevenueShare),
        ],
      ],
      numeric: [false, true, true, true],
    },
    {
      kind: 'chart',
      ...figure(
        f.t('ui.bySegment'),
        barChart(segments, (v) => f.pct(v)),
      ),
    },
    {
      kind: 'chart',
      ...figure(
        f.t('ui.byRole'),
        barChart(
          [
            { label: f.t('ui.buyers'), value: e.byRole.capexBuyers, color: PALETTE.warm },
            { label: f.t('ui.sellers'), value: e.byRole.capexSellers },
          ],
          (v) => f.pct(v),
        ),
      ),
    },
    {
      kind: 'table',
      head: [f.t('ui.coreFour'), f.t('ui.weight'), f.t('ui.paths')],
      rows: coreFourRows(r, f),
      numeric: [false, true, false],
    },
  ];
  const currencies = Object.entries(e.currency.byListing).sort((a, b) => b[1] - a[1]);
  if (currencies.length > 1)
    blocks.push({
      kind: 'table',
      head: [f.t('ui.currency'), f.t('ui.weight')],
      rows: currencies.map(([ccy, w]) => [ccy, f.pct(w)]),
      numeric: [false, true],
    });
  return { id: 'theme', title: f.t('ui.themeExposure'), blocks };
}

function coreFourRows(r: Report, f: Reader): string[][] {
  const rows = (['NVDA', 'MSFT', 'AMZN', 'GOOGL'] as const).map((s) => {
    const issuer = r.exposure.issuers.find((i) => i.issuer === s);
    const paths = issuer?.paths.map((p) => `${pathLabel(p, s, f)} ${f.pct(p.weight)}`).join(', ') ?? '–';
    return [s, f.pct(r.exposure.coreFour[s]), paths];
  });
  rows.push([f.t('ui.total'), f.pct(r.exposure.coreFour.total), '']);
  return rows;
}
