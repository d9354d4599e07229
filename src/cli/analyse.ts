import path from 'node:path';
import { Command } from 'commander';
import { parseAnalysisOptions, type AnalysisOptions } from '../analysis/options';
import { runAnalysis } from '../analysis/run';
import { AppError } from '../errors';
import { importHoldings, isinResolverFor, previewCsv, previewJson, type HoldingsImport } from '../holdings';
import type { AnalysisReport } from '../report';
import { loadThemeFile } from '../theme/user-theme';
import { writeFileAtomic } from '../shared/atomic-write';
import { emit, marketFor, readHoldingsFile, withMarketDataOptions, type MarketDataFlags } from './inputs';
import { runCli } from './run-cli';

const program = withMarketDataOptions(
  new Command()
    .name('analyse')
    .description('Analyse a holdings CSV: AI-infrastructure exposure, concentration and risk, as AnalysisReport JSON.')
    .argument(
      '<holdings.csv>',
      'holdings file: a broker export (Degiro, IBKR, Fidelity, Schwab, Trading 212, Fineco) or any CSV with a symbol/ISIN column',
    ),
)
  .option(
    '--theme <file>',
    'your own AI-infrastructure theme (JSON): a whole theme file or overrides of some figures (docs/theme-data.md)',
    process.env.THEME_FILE,
  )
  .option('--as-of <date>', 'analyse as of the latest common price day on or before YYYY-MM-DD')
  .option('--dry-run', 'only read the file: print the parsed holdings, problems and counts (nothing is analysed)')
  .option('--strict', 'stop on the first rejected row instead of analysing the usable ones')
  .option(
    '--base-currency <ccy>',
    "currency to value and measure the portfolio in (default: the currency of the file's values, else USD)",
    process.env.BASE_CURRENCY,
  )
  .option('--notional-value <amount>', 'total value for a portfolio given by weights only (default 100000)')
  .option('--mc-paths <n>', 'Monte Carlo paths (default: the methodology default)')
  .option('--all-issuers', "list every issuer after look-through (default: the theme's and the 25 largest)")
  .option('--format <formats>', 'json, html, pdf (comma-separated, e.g. json,html,pdf), or csv with --dry-run', 'json')
  .option('--out <file>', 'write the output to FILE instead of stdout (one format)')
  .option('--out-dir <dir>', 'write <name>.<format> for each format into DIR')
  .option('--lang <lang>', 'language of the HTML and PDF report (en, it)')
  .option('--paper <size>', 'PDF paper size (A4, LETTER)')
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

interface Flags extends MarketDataFlags {
  theme?: string;
  asOf?: string;
  dryRun?: boolean;
  strict?: boolean;
  notionalValue?: string;
  baseCurrency?: string;
  mcPaths?: string;
  allIssuers?: boolean;
  format: string;
  out?: string;
  outDir?: string;
  lang?: string;
  paper?: string;
}

type ReportFormat = 'json' | 'html' | 'pdf';

void runCli(async () => {
  program.parse();
  const [file] = program.args as [string];
  const flags = program.opts<Flags>();
  const options = parseAnalysisOptions(
    {
      asOf: flags.asOf,
      baseCurrency: flags.baseCurrency,
      notionalValue: flags.notionalValue,
      strict: flags.strict === true ? 'true' : undefined,
      monteCarloPaths: flags.mcPaths,
      allIssuers: flags.allIssuers === true ? 'true' : undefined,
      lang: flags.lang,
      paper: flags.paper?.toUpperCase(),
    },
    'cli',
  );
  const market = marketFor(flags);
  const source = { fileName: path.basename(file), bytes: await readHoldingsFile(file) };
  const imported = await importHoldings(source, { isinResolver: isinResolverFor(market) });
  if (flags.dryRun) return dryRun(imported, flags, options.lang);
  const formats = parseFormats(flags);
  const reference = flags.theme === undefined ? undefined : await loadThemeFile(flags.theme);
  const report = await runAnalysis(imported, options, { market, ...(reference !== undefined && { reference }) });
  for (const p of report.input.rejected)
    process.stderr.write(
      `warning: file ${source.fileName}, row ${p.row}, column ${p.column}: ${p.reason} (row left out)\n`,
    );
  for (const w of report.warnings)
    if (w.code === 'warn.symbols_without_data' || w.code === 'warn.stale_data')
      process.stderr.write(`warning: ${w.message}\n`);
  if (flags.outDir !== undefined) {
    const name = path.basename(file).replace(/\.[^.]*$/, '') || 'report';
    for (const format of formats)
      await writeFileAtomic(path.join(flags.outDir, `${name}.${format}`), await render(report, format, options));
  } else {
    await emit(await render(report, formats[0]!, options), flags.out);
  }
});

async function dryRun(imported: HoldingsImport, flags: Flags, lang: AnalysisOptions['lang']): Promise<void> {
  if (flags.format !== 'json' && flags.format !== 'csv')
    throw invalidOption('--format', flags.format, 'option.dry_run_formats');
  const text =
    flags.format === 'csv' ? previewCsv(imported, lang) : `${JSON.stringify(previewJson(imported), null, 2)}\n`;
  await emit(text, flags.out);
  if (imported.holdings.length > 0) return;
  const first = imported.problems[0];
  throw new AppError('unprocessable', 'no_usable_positions', {
    params: {
      reason: first
        ? { code: 'positions.unusable', params: { reason: first } }
        : { code: 'positions.none_usable', params: {} },
    },
    location: first ? { file: imported.fileName, row: first.row, column: first.column } : { file: imported.fileName },
  });
}

function render(
  report: AnalysisReport,
  format: ReportFormat,
  options: AnalysisOptions,
): Promise<string | Buffer> | string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  // Renderers load only when asked for: pdfkit and its fonts are a third of a JSON run's start-up.
  if (format === 'html') {
    const { renderHtml } = require('../report/html/render-html') as typeof import('../report/html/render-html');
    return renderHtml(report, options.lang);
  }
  const { renderPdf } = require('../report/pdf/render-pdf') as typeof import('../report/pdf/render-pdf');
  return renderPdf(report, options.lang, options.paper);
}

function parseFormats(flags: Flags): ReportFormat[] {
  const formats = [...new Set(flags.format.split(',').map((f) => f.trim().toLowerCase()))];
  for (const f of formats)
    if (f !== 'json' && f !== 'html' && f !== 'pdf')
      throw invalidOption('--format', f, f === 'csv' ? 'option.formats_csv' : 'option.formats');
  if (flags.out !== undefined && formats.length > 1) throw combination('cli.out_one_format');
  if (flags.out === undefined && flags.outDir === undefined && formats.some((f) => f !== 'json'))
    throw combination('cli.needs_out');
  return formats as ReportFormat[];
}

function invalidOption(
  option: string,
  value: string,
  reason: 'option.formats' | 'option.formats_csv' | 'option.dry_run_formats',
) {
  return new AppError('bad_request', 'invalid_option', {
    params: { option, value, reason: { code: reason, params: {} } },
  });
}

function combination(reason: 'cli.out_one_format' | 'cli.needs_out') {
  return new AppError('bad_request', 'option_combination', { params: { reason: { code: reason, params: {} } } });
}
