import type { AnalysisInput } from '../analyse-portfolio';
import { analysePortfolio } from '../analyse-portfolio';
import type { MarketDataProvider } from '../market';
import { renderHtml, renderPdf, type AnalysisReport, type Lang, type PaperSize } from '../report';

export type RenderRequest =
  | { report: AnalysisReport; format: 'html'; lang: Lang }
  | { report: AnalysisReport; format: 'pdf'; lang: Lang; paper: PaperSize };

/** Where the heavy work runs: in this thread (tests, CLI) or in a pool of worker threads (the service). */
export interface AnalysisRunner {
  analyse(input: AnalysisInput): Promise<AnalysisReport>;
  render(request: RenderRequest): Promise<string | Buffer>;
  close(): Promise<void>;
}

export function inProcessRunner(market: MarketDataProvider): AnalysisRunner {
  return {
    analyse: (input) => analysePortfolio(input, { market }),
    render: async (r) => (r.format === 'html' ? renderHtml(r.report, r.lang) : renderPdf(r.report, r.lang, r.paper)),
    close: async () => {},
  };
}
