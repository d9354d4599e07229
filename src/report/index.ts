export {
  AnalysisReportSchema,
  MessageSchema,
  WarningSchema,
  SCHEMA_VERSION,
  type AnalysisReport,
  type ReportWarning,
  type ReportHolding,
} from './schema';
export { renderHtml, sectionHtml } from './html/render-html';
export { renderPdf } from './pdf/render-pdf';
export { buildView, type ReportView, type Section } from './view';
export { whatIfSection } from './view-whatif';
