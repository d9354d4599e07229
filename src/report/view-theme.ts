import type { MessageCode, MessageParams, MessageRef, Reader } from '../i18n';
import type { AnalysisReport } from './schema';
import type { Block, Section } from './view';

type Dependence = AnalysisReport['exposure']['dependence'];
type Commitment = Dependence['companies'][number]['commitments'][number];
type Reason = Dependence['companies'][number]['reasons'][number];

/** Issuers shown with their figures: the largest contributions to the theme share. */
const FIGURE_ROWS = 15;

/**
 * The theme data behind the exposure: each company's relevance with its confidence and fiscal
 * year, then partner dependence with the commitments it rests on.
 */
export function themeDataSection(r: AnalysisReport, f: Reader): Section {
  const figures = r.exposure.issuers
    .filter((i) => i.themeWeight > 0 || i.confidence !== 'none')
    .sort((a, b) => b.themeWeight - a.themeWeight)
    .slice(0, FIGURE_ROWS)
    .map((i) => [
      i.issuer,
      f.pct(i.weight),
      f.pct(i.relevance, 0),
      f.t(`confidence.${i.confidence}` as MessageCode),
      i.fiscalYear ?? '–',
    ]);
  return {
    id: 'theme-data',
    title: f.t('ui.themeFigures'),
    blocks: [
      { kind: 'paragraph', text: f.t('ui.themeFiguresNote') },
      {
        kind: 'table',
        head: [f.t('ui.issuer'), f.t('ui.weight'), f.t('ui.relevance'), f.t('ui.confidence'), f.t('ui.fiscalYear')],
        rows: figures,
        numeric: [false, true, true, false, false],
      },
      ...dependenceBlocks(r.exposure.dependence, f),
    ],
  };
}

function dependenceBlocks(d: Dependence, f: Reader): Block[] {
  const dependent = d.companies.filter((c) => c.dependent);
  const others = d.companies.filter((c) => !c.dependent).flatMap((c) => c.commitments);
  const rule = f.t('ui.dependenceRule', {
    customer: d.thresholds.topCustomerShare,
    revenue: d.thresholds.annualCommitmentToRevenue,
  });
  const blocks: Block[] = [
    { kind: 'paragraph', text: f.t('ui.dependence'), strong: true },
    {
      kind: 'paragraph',
      text: dependent.length > 0 ? f.t('ui.dependenceSentence', { weight: d.weight }) : f.t('ui.dependenceNone'),
    },
    { kind: 'paragraph', text: rule },
  ];
  if (dependent.length > 0)
    blocks.push({
      kind: 'table',
      head: [f.t('ui.issuer'), f.t('ui.weight'), f.t('ui.why'), f.t('ui.commitments')],
      rows: dependent.map((c) => [
        `${c.issuer} — ${c.name}`,
        f.pct(c.weight),
        c.reasons.map((x) => reasonText(x, f)).join('; '),
        c.commitments.map((x) => commitmentText(x, f)).join('; ') || '–',
      ]),
      numeric: [false, true, false, false],
    });
  if (others.length > 0)
    blocks.push({
      kind: 'paragraph',
      text: f.t('ui.otherCommitments', { items: others.map((x) => commitmentText(x, f)) }),
    });
  return blocks;
}

function reasonText(x: Reason, f: Reader): string {
  return f.t(`dependence.${x.kind}`, x as unknown as MessageParams);
}

function commitmentText(c: Commitment, f: Reader): string {
  const announced = c.announced ?? f.t('commitment.undated');
  if (c.valueKind === 'investment')
    return f.t('commitment.investment', {
      buyer: c.buyer,
      provider: c.provider,
      valueBn: c.valueUsd! / 1e9,
      announced,
    });
  if (c.valueUsd === null) return f.t('commitment.unsized', { buyer: c.buyer, provider: c.provider, announced });
  const term: MessageRef =
    c.termYears === null
      ? { code: 'commitment.no_term', params: {} }
      : { code: 'commitment.term', params: { years: c.termYears } };
  return f.t('commitment.sized', { buyer: c.buyer, provider: c.provider, valueBn: c.valueUsd / 1e9, term, announced });
}
