export { AnalysisReportSchema, SCHEMA_VERSION, type AnalysisReport } from './schema';
export { renderHtml, sectionHtml } from './html/render-html';
export { renderPdf } from './pdf/render-pdf';
export { buildView } from './view';
export { whatIfSection } from './view-whatif';
