export {
  AnalysisReportSchema,
  WarningSchema,
  type AnalysisReport,
  type ReportWarning,
  type ReportHolding,
} from './schema';
export { renderHtml } from './html/render-html';
export { renderPdf, type PaperSize } from './pdf/render-pdf';
export { buildView, type ReportView } from './view';
export { LANGUAGES, langFromAcceptLanguage, type Lang } from './i18n';
