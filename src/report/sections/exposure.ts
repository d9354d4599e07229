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
  blocks.push(...currencyBlocks(r, f));
  return { id: 'theme', title: f.t('ui.themeExposure'), blocks };
}

/** Currencies under half a per cent of the value in both columns share one row. */
const CURRENCY_ROW = 0.005;

/** What the value is in: the currency each line is listed in, and the home of the issuers it owns. */
function currencyBlocks(r: Report, f: Reader): Block[] {
  const c = r.exposure.currency;
  if (Object.keys(c.byListing).length < 2 && Object.keys(c.byIssuerHome).length < 2) return [];
  const codes = [...new Set([...Object.keys(c.byListing), ...Object.keys(c.byIssuerHome)])];
  const share = (ccy: string) => Math.max(c.byListing[ccy] ?? 0, c.byIssuerHome[ccy] ?? 0);
  const shown = codes.filter((ccy) => share(ccy) >= CURRENCY_ROW).sort((a, b) => share(b) - share(a));
  const rest = codes.filter((ccy) => share(ccy) < CURRENCY_ROW);
  const sum = (of: Record<string, number>, list: string[]) => list.reduce((a, ccy) => a + (of[ccy] ?? 0), 0);
  const rows = shown.map((ccy) => [ccy, f.pct(c.byListing[ccy] ?? 0), f.pct(c.byIssuerHome[ccy] ?? 0)]);
  if (rest.length > 0)
    rows.push([f.t('ui.otherCurrencies'), f.pct(sum(c.byListing, rest)), f.pct(sum(c.byIssuerHome, rest))]);
  if (c.issuerHomeUnattributed > 0) rows.push([f.t('ui.unattributed'), '–', f.pct(c.issuerHomeUnattributed)]);
  return [
    { kind: 'heading', text: f.t('ui.currencyExposure') },
    {
      kind: 'table',
      head: [f.t('ui.currencyCode'), f.t('ui.byListing'), f.t('ui.byIssuerHome')],
      rows,
      numeric: [false, true, true],
    },
  ];
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
