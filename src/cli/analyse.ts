import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { parseAnalysisOptions, type AnalysisOptions } from '../analysis/options';
import { runAnalysis } from '../analysis/run';
import { AppError } from '../errors';
import type { MessageRef } from '../i18n';
import {
  importHoldings,
  isinResolverFor,
  MAX_FILE_BYTES,
  previewCsv,
  previewJson,
  type HoldingsImport,
} from '../holdings';
import { selectMarketData, type MarketDataProvider } from '../market';
import { renderHtml, renderPdf, type AnalysisReport } from '../report';
import { loadThemeFile } from '../theme/user-theme';
import { writeFileAtomic } from '../shared/atomic-write';
import { runCli } from './run-cli';

const program = new Command()
  .name('analyse')
  .description('Analyse a holdings CSV: AI-infrastructure exposure, concentration and risk, as AnalysisReport JSON.')
  .argument(
    '<holdings.csv>',
    'holdings file: a broker export (Degiro, IBKR, Fidelity, Schwab, Trading 212, Fineco) or any CSV with a symbol/ISIN column',
  )
  .option(
    '--prices-dir <dir>',
    'folder of SYMBOL.csv daily price files (implies --market-data csv)',
    process.env.PRICES_DIR,
  )
  .option('--etf-holdings-dir <dir>', 'folder of ETF.csv constituent files', process.env.ETF_HOLDINGS_DIR)
  .option(
    '--theme <file>',
    'your own AI-infrastructure theme (JSON): a whole theme file or overrides of some figures (docs/theme-data.md)',
    process.env.THEME_FILE,
  )
  .addOption(
    new Option('--market-data <kind>', 'market data source (default: yahoo, or csv with --prices-dir)')
      .choices(['yahoo', 'csv', 'demo'])
      .default(process.env.MARKET_DATA),
  )
  .option('--cache <file>', 'market-data cache (SQLite) for the yahoo source', process.env.MARKET_CACHE)
  .addOption(
    new Option('--network <mode>', 'offline: answer every Yahoo request as an outage would (serve the cache)')
      .choices(['online', 'offline'])
      .default(process.env.MARKET_NETWORK ?? 'online'),
  )
  .option('--seed <n>', 'seed of the demo market', process.env.DEMO_SEED)
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
  .option('--format <formats>', 'json, html, pdf (comma-separated, e.g. json,html,pdf), or csv with --dry-run', 'json')
  .option('--out <file>', 'write the output to FILE instead of stdout (one format)')
  .option('--out-dir <dir>', 'write <name>.<format> for each format into DIR')
  .option('--lang <lang>', 'language of the HTML and PDF report (en, it)')
  .option('--paper <size>', 'PDF paper size (A4, LETTER)')
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

interface Flags {
  pricesDir?: string;
  etfHoldingsDir?: string;
  theme?: string;
  marketData?: 'yahoo' | 'csv' | 'demo';
  cache?: string;
  network: 'online' | 'offline';
  seed?: string;
  asOf?: string;
  dryRun?: boolean;
  strict?: boolean;
  notionalValue?: string;
  baseCurrency?: string;
  mcPaths?: string;
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

function marketFor(flags: Flags): MarketDataProvider {
  const seed = flags.seed === undefined ? undefined : Number(flags.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw invalidOption('--seed', flags.seed!, 'option.whole_number');
  return selectMarketData({
    ...(flags.marketData !== undefined && { kind: flags.marketData }),
    ...(flags.pricesDir !== undefined && { pricesDir: flags.pricesDir }),
    ...(flags.etfHoldingsDir !== undefined && { etfHoldingsDir: flags.etfHoldingsDir }),
    ...(seed !== undefined && { seed }),
    ...(flags.cache !== undefined && { cachePath: flags.cache }),
    network: flags.network,
  });
}

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
  return format === 'html' ? renderHtml(report, options.lang) : renderPdf(report, options.lang, options.paper);
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
  reason: 'option.whole_number' | 'option.formats' | 'option.formats_csv' | 'option.dry_run_formats',
) {
  return new AppError('bad_request', 'invalid_option', {
    params: { option, value, reason: { code: reason, params: {} } },
  });
}

function combination(reason: 'cli.out_one_format' | 'cli.needs_out') {
  return new AppError('bad_request', 'option_combination', { params: { reason: { code: reason, params: {} } } });
}

async function emit(text: string | Buffer, out: string | undefined): Promise<void> {
  if (out !== undefined) await writeFileAtomic(out, text);
  else process.stdout.write(text);
}

async function readHoldingsFile(file: string): Promise<Uint8Array> {
  let size: number;
  try {
    ({ size } = await stat(file));
  } catch (err) {
    throw unreadable(file, err);
  }
  if (size > MAX_FILE_BYTES)
    throw new AppError('too_large', 'file_too_large', {
      params: { sizeMb: size / 1048576, limitMb: MAX_FILE_BYTES / 1048576 },
      location: { file },
    });
  try {
    return await readFile(file);
  } catch (err) {
    throw unreadable(file, err);
  }
}

function unreadable(file: string, err: unknown): AppError {
  const code = (err as NodeJS.ErrnoException).code;
  const reason: MessageRef =
    code === 'ENOENT'
      ? { code: 'file.no_such_file', params: {} }
      : code === 'EISDIR'
        ? { code: 'file.is_folder', params: {} }
        : code === 'EACCES'
          ? { code: 'file.permission', params: {} }
          : { code: 'file.unreadable', params: { code: code ?? 'unknown error' } };
  return new AppError('not_found', 'file_not_found', { params: { reason }, location: { file } });
}
