import { analyse, loadReferenceData, type ReferenceData } from '../analysis';
import type { SerialisedError } from '../errors';
import type { HoldingsImport } from '../holdings';
import type { MarketInputs } from '../market/gather';
import { renderPdf } from '../report';
import { loadUserTheme, type ThemeUpload } from '../theme/user-theme';
import type { BatchOptions } from './options';
import { summaryRow, type OkRow } from './summary';

/** A portfolio read and ready to analyse. */
export interface ReadyPortfolio {
  id: string;
  imported: HoldingsImport;
}

/** What every portfolio of a batch is analysed with: the batch's clock, options and market snapshot. */
export interface BatchContext {
  generatedAt: string;
  options: BatchOptions;
  snapshot: MarketInputs;
  /** A user's theme file in place of ours, for every portfolio of the batch (`--theme`). */
  theme?: ThemeUpload;
}

export interface PortfolioOutcome {
  id: string;
  json: string;
  /** Its line in the batch summary, made here so the coordinator never parses the report again. */
  row: OkRow;
  pdf?: Uint8Array;
}

/** A portfolio analysed by a thread, or why not (as plain data: failures are values, not revived errors). */
export type AnalysedEntry = { ok: true; outcome: PortfolioOutcome } | { ok: false; id: string; error: SerialisedError };

/**
 * One portfolio of a batch, as every engine runs it (a worker thread or a BullMQ worker): the pure
 * analysis on the batch's snapshot, so the same inputs give the same bytes wherever it runs.
 */
export async function analyseOne(
  portfolio: ReadyPortfolio,
  context: BatchContext,
  reference: ReferenceData = referenceFor(context.theme),
): Promise<PortfolioOutcome> {
  const { options } = context;
  const report = analyse(
    portfolio.imported,
    { market: context.snapshot, reference, generatedAt: context.generatedAt },
    options,
  );
  const json = JSON.stringify(report);
  const row = summaryRow(portfolio.id, report);
  if (!options.pdf) return { id: portfolio.id, json, row };
  return { id: portfolio.id, json, row, pdf: await renderPdf(report, options.lang, options.paper) };
}

let lastTheme: { text: string; reference: ReferenceData } | undefined;

/** Our reference data, or ours with the batch's theme applied: built once per thread, not per portfolio. */
function referenceFor(theme: ThemeUpload | undefined): ReferenceData {
  if (theme === undefined) return loadReferenceData();
  if (lastTheme?.text !== theme.text)
    lastTheme = { text: theme.text, reference: loadUserTheme(theme.text, theme.fileName, loadReferenceData()) };
  return lastTheme.reference;
}
