export { AnalysisReportSchema, WarningSchema, type AnalysisReport, type ReportWarning, type ReportHolding } from './schema';
