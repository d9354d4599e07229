import { analysePortfolio, type AnalysisInput } from '../analyse-portfolio';
import type { MarketDataProvider } from '../market';
import { renderPdf, type Lang, type PaperSize } from '../report';
import { summaryRow, type BatchRow } from './summary';

/** How each portfolio of a batch is rendered besides its JSON report. */
export interface BatchRendering {
  pdf?: { lang: Lang; paper: PaperSize };
}

export interface PortfolioOutcome {
  json: string;
  /** Its line in the batch summary, made here so the coordinator never parses the report again. */
  row: BatchRow;
  pdf?: Buffer;
}

/**
 * One portfolio of a batch, as every engine runs it (worker thread or BullMQ worker): the same
 * inputs give the same bytes wherever it runs, because the clock is the batch's, not the machine's.
 */
export async function analyseOne(
  id: string,
  input: AnalysisInput,
  market: MarketDataProvider,
  generatedAt: string,
  rendering: BatchRendering,
): Promise<PortfolioOutcome> {
  const report = await analysePortfolio(input, { market, now: () => new Date(generatedAt) });
  const json = JSON.stringify(report);
  const row = summaryRow(id, report);
  if (rendering.pdf === undefined) return { json, row };
  return { json, row, pdf: await renderPdf(report, rendering.pdf.lang, rendering.pdf.paper) };
}
