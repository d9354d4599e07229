import type { MessageCode, Reader } from '../../i18n';
import { barChart } from '../charts/svg';
import type { Block, Section } from '../view';
import { ageText, figure, fundDate, holdingLabel, pathLabel, type Report } from './common';

const TOP = 12;

/** Holdings and issuers by weight, the rule checks, and every fund's list with its date. */
export function concentrationSection(r: Report, f: Reader): Section {
  const c = r.concentration;
  const sorted = [...r.holdings].sort((a, b) => b.weight - a.weight);
  const top = sorted.slice(0, TOP).map((h) => ({ label: holdingLabel(h, f), value: h.weight }));
  if (sorted.length > TOP)
    top.push({
      label: f.t('ui.others', { n: sorted.length - TOP }),
      value: sorted.slice(TOP).reduce((a, h) => a + h.weight, 0),
    });
  const issuers = r.exposure.issuers
    .slice(0, TOP)
    .map((i) => [
      i.issuer,
      f.pct(i.weight),
      f.pct(i.themeWeight),
      i.paths.map((p) => pathLabel(p, i.issuer, f)).join(', '),
    ]);
  const blocks: Block[] = [
    {
      kind: 'chart',
      ...figure(
        f.t('ui.topHoldings'),
        barChart(top, (v) => f.pct(v)),
      ),
    },
    { kind: 'heading', text: f.t('ui.issuerLookThrough') },
    {
      kind: 'table',
      head: [f.t('ui.issuer'), f.t('ui.weight'), f.t('ui.themeWeight'), f.t('ui.paths')],
      rows: issuers,
      numeric: [false, true, true, false],
    },
    { kind: 'heading', text: f.t('ui.rules') },
    {
      kind: 'table',
      head: [f.t('ui.rule'), f.t('ui.status'), f.t('ui.detail')],
      rows: c.rules.map((x) => [f.t(`rule.${x.id}` as MessageCode), f.t(`ui.${x.status}`), f.m(x)]),
      numeric: [false, false, false],
    },
  ];
  if (r.exposure.funds.length > 0) blocks.push(...fundBlocks(r, f));
  return { id: 'concentration', title: f.t('ui.concentration'), blocks };
}

/** Each fund looked through: its list's date and age, how much of it the list names, and whose list it is. */
function fundBlocks(r: Report, f: Reader): Block[] {
  const rows = [...r.exposure.funds]
    .sort((a, b) => b.weight - a.weight)
    .map((x) => {
      const via = x.constituentsVia;
      const whose =
        via === null
          ? f.t('ui.ownList')
          : f.t(via.proxy ? 'ui.fundProxy' : 'ui.fundViaIndex', { index: via.indexName, list: via.list });
      const age = x.constituentsAgeDays === null ? '–' : ageText(x.constituentsAgeDays, f);
      const status = x.constituentsExcluded ? f.t('ui.excluded') : x.constituentsStale ? f.t('ui.stale') : '';
      return [
        x.symbol,
        f.pct(x.weight),
        fundDate(x.constituentsAsOf, f),
        status === '' ? age : `${age} (${status})`,
        f.pct(x.constituentsCoverage, 0),
        whose,
      ];
    });
  return [
    { kind: 'heading', text: f.t('ui.fundLists') },
    {
      kind: 'table',
      head: [f.t('ui.fund'), f.t('ui.weight'), f.t('ui.listDate'), f.t('ui.age'), f.t('ui.named'), f.t('ui.listUsed')],
      rows,
      numeric: [false, true, false, false, true, false],
    },
  ];
}
