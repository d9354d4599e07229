import { loadReferenceData, runAnalysis, type AnalysisOptions, type PaperSize, type ReferenceData } from '../analysis';
import { loadUserTheme, type ThemeUpload } from '../theme/user-theme';
import type { Lang } from '../i18n';
import {
  importHoldings,
  importJsonHoldings,
  isinResolverFor,
  type HoldingsImport,
  type IsinResolver,
} from '../holdings';
import type { MarketDataProvider } from '../market';
import { trendSection, type TrendInput } from '../report/view-trend';
import { analyseHistory, type HistoryRequest, type HistoryResult } from '../monitor/backfill';
import { renderHtml, renderPdf, type AnalysisReport } from '../report';
import { whatIfOnReport, type WhatIfOptions } from '../whatif';

/** An upload to read: a file's bytes (multipart or a CSV body), or JSON holdings already parsed. */
export type HoldingsUpload = { kind: 'file'; fileName: string; bytes: Uint8Array } | { kind: 'json'; body: unknown };

/** A stored report (its JSON text, never re-parsed on the request thread) to render. */
export interface RenderRequest {
  reportJson: string;
  format: 'html' | 'pdf';
  lang: Lang;
  paper: PaperSize;
  /** A saved portfolio's history: the report gets its trend section. */
  trend?: TrendInput;
}

/** A what-if on a stored analysis: its report as stored, and the options checked on the request thread. */
export interface WhatIfRequest {
  reportJson: string;
  options: WhatIfOptions;
}

/**
 * Where the heavy work of a request runs: in this thread (tests, the CLI) or on the service's
 * worker threads. Reports travel as JSON text: serialised once where they are made.
 */
export interface AnalysisRunner {
  importHoldings(upload: HoldingsUpload): Promise<HoldingsImport>;
  /** The AnalysisReport as JSON text; with a user's theme file in place of the service's theme. */
  analyse(imported: HoldingsImport, options: AnalysisOptions, theme?: ThemeUpload): Promise<string>;
  /** A saved portfolio's latest analysis and its back-filled month-end points, from one gathering of data. */
  history(imported: HoldingsImport, options: AnalysisOptions, request: HistoryRequest): Promise<HistoryResult>;
  render(request: RenderRequest): Promise<Buffer>;
  /** The what-if document on a stored analysis (its report's JSON text), as JSON text. */
  whatIf(request: WhatIfRequest): Promise<string>;
  close(): Promise<void>;
}

/** The work itself, wherever it runs: the pool's threads call these too. */
export function readUpload(upload: HoldingsUpload, isinResolver: IsinResolver): Promise<HoldingsImport> {
  return upload.kind === 'json'
    ? importJsonHoldings(upload.body, { isinResolver })
    : importHoldings({ fileName: upload.fileName, bytes: upload.bytes }, { isinResolver });
}

export async function analyseToJson(
  imported: HoldingsImport,
  options: AnalysisOptions,
  market: MarketDataProvider,
  reference: ReferenceData,
  theme?: ThemeUpload,
): Promise<string> {
  const used = theme === undefined ? reference : loadUserTheme(theme.text, theme.fileName, reference);
  return JSON.stringify(await runAnalysis(imported, options, { market, reference: used }));
}

export async function renderReport(request: RenderRequest): Promise<Uint8Array> {
  const report = JSON.parse(request.reportJson) as AnalysisReport;
  const trend = request.trend === undefined ? null : trendSection(report, request.trend, request.lang);
  const appendix = trend === null ? [] : [trend];
  if (request.format === 'html') return Buffer.from(renderHtml(report, request.lang, appendix));
  return renderPdf(report, request.lang, request.paper, appendix);
}

/** Everything on the calling thread: no time limit can stop it, so only for tests and trusted input. */
export function inProcessRunner(market: MarketDataProvider, reference = loadReferenceData()): AnalysisRunner {
  const resolver = isinResolverFor(market);
  return {
    importHoldings: (upload) => readUpload(upload, resolver),
    analyse: (imported, options, theme) => analyseToJson(imported, options, market, reference, theme),
    history: (imported, options, request) => analyseHistory(imported, options, request, { market, reference }),
    render: async (request) => Buffer.from(await renderReport(request)),
    whatIf: (request) => whatIfOnReport(request.reportJson, request.options, market, reference),
    close: async () => {},
  };
}
