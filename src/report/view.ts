import type { AnalysisReport } from './schema';
import { reader, type Lang } from '../i18n';
import type { Drawing } from './charts/svg';
import { appendixSection, holdingsSection } from './sections/appendix';
import { concentrationSection } from './sections/concentration';
import { exposureSection } from './sections/exposure';
import { overspendingSection } from './sections/overspending';
import { riskSection } from './sections/risk';
import { summarySection } from './sections/summary';
import { themeDataSection } from './view-theme';

/** A chart: its title, its drawing (SVG in the HTML, pdfkit's vectors in the PDF) and an optional note under it. */
export interface Figure {
  title: string;
  drawing: Drawing;
  note?: string;
}

/** A headline figure: what it is, its value, one line of context. */
export interface Kpi {
  label: string;
  value: string;
  note?: string;
}

/**
 * What a reader sees, in order, built once from the AnalysisReport for every renderer (HTML and
 * PDF show the same sections). Nothing here recomputes a figure: it chooses, words and draws.
 */
export type Block =
  | { kind: 'paragraph'; text: string; strong?: boolean }
  /** `keepRest`: the heading and all that follows it in its section stay on one page when they are short. */
  | { kind: 'heading'; text: string; keepRest?: boolean }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; head: string[]; rows: string[][]; numeric: boolean[] }
  | ({ kind: 'chart' } & Figure)
  /** Charts side by side where there is room (the PDF scales them to the page; a phone stacks them). */
  | { kind: 'charts'; charts: Figure[] }
  | { kind: 'kpis'; items: Kpi[] }
  | { kind: 'notice'; text: string };

export interface Section {
  id: string;
  title: string;
  blocks: Block[];
  /** Start the next section on a new page (the PDF does so only when this one filled a third of its page). */
  pageBreakAfter?: boolean;
}

export interface ReportView {
  lang: Lang;
  title: string;
  subtitle: string;
  notices: string[];
  sections: Section[];
  footer: string;
  pageLabel: (n: number, total: number) => string;
}

export function buildView(report: AnalysisReport, lang: Lang): ReportView {
  const f = reader(lang, report.baseCurrency);
  const notices: string[] = [];
  if (report.dataSource.kind === 'demo') notices.push(f.t('ui.demoNotice'));
  if (report.dataSource.stale !== undefined)
    notices.push(
      f.t('ui.staleNotice', {
        detail: report.dataSource.stale.map((s) => `${s.symbol} (${f.dateTime(s.fetchedAt)})`).join(', '),
      }),
    );
  const provider = f.t(`ui.provider_${report.dataSource.kind}`);
  return {
    lang,
    title: f.t('ui.title'),
    subtitle: f.t('ui.subtitle'),
    notices,
    sections: [
      summarySection(report, f),
      exposureSection(report, f),
      themeDataSection(report, f),
      concentrationSection(report, f),
      overspendingSection(report, f),
      riskSection(report, f),
      holdingsSection(report, f),
      appendixSection(report, f),
    ],
    footer: f.t('ui.footer', { generated: f.dateTime(report.generatedAt), asOf: f.date(report.asOf), provider }),
    pageLabel: (n, total) => f.t('ui.page', { n: String(n), total: String(total) }),
  };
}
