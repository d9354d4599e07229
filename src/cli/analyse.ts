import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { analysePortfolio } from '../analyse-portfolio';
import { formatLocated, InputError } from '../errors';
import { importHoldings, isinResolverFor, MAX_FILE_BYTES, previewCsv, previewJson } from '../holdings';
import { selectMarketData } from '../market';
import { writeFileAtomic } from '../shared/atomic-write';
import { renderHtml, renderPdf, type Lang, type PaperSize } from '../report';
import { runCli } from './run-cli';

const program = new Command()
  .name('analyse')
  .description('Analyse a holdings CSV: AI-infrastructure exposure, concentration and risk, as AnalysisReport JSON.')
  .argument(
    '<holdings.csv>',
    'holdings file: a broker export (Degiro, IBKR, Fidelity, Schwab, Trading 212) or any CSV with a symbol/ISIN column',
  )
  .option(
    '--prices-dir <dir>',
    'folder of SYMBOL.csv daily price files (implies --market-data csv)',
    process.env.PRICES_DIR,
  )
  .option('--etf-holdings-dir <dir>', 'folder of ETF.csv constituent files', process.env.ETF_HOLDINGS_DIR)
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
    'currency to value and measure the portfolio in (FX rates from the market data)',
    process.env.BASE_CURRENCY ?? 'USD',
  )
  .option('--notional-value <amount>', 'total value for a portfolio given by weights only', '100000')
  .option('--format <formats>', 'json, html, pdf (comma-separated, e.g. json,html,pdf), or csv with --dry-run', 'json')
  .option('--out <file>', 'write the output to FILE instead of stdout (one format)')
  .option('--out-dir <dir>', 'write <name>.<format> for each format into DIR')
  .addOption(new Option('--lang <lang>', 'language of the HTML and PDF report').choices(['en', 'it']).default('en'))
  .addOption(new Option('--paper <size>', 'PDF paper size').choices(['A4', 'LETTER']).default('A4'))
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

interface Options {
  pricesDir?: string;
  etfHoldingsDir?: string;
  marketData?: 'yahoo' | 'csv' | 'demo';
  cache?: string;
  network: 'online' | 'offline';
  seed?: string;
  asOf?: string;
  dryRun?: boolean;
  strict?: boolean;
  notionalValue: string;
  baseCurrency: string;
  format: string;
  out?: string;
  outDir?: string;
  lang: Lang;
  paper: PaperSize;
}

void runCli(async () => {
  program.parse();
  const [file] = program.args as [string];
  const opts = program.opts<Options>();
  const source = { fileName: path.basename(file), bytes: await readHoldingsFile(file) };

  const seed = opts.seed === undefined ? undefined : Number(opts.seed);
  if (seed !== undefined && !Number.isInteger(seed))
    throw new InputError('invalid_option', `--seed "${opts.seed}" is not a whole number`);
  const market = selectMarketData({
    ...(opts.marketData !== undefined && { kind: opts.marketData }),
    ...(opts.pricesDir !== undefined && { pricesDir: opts.pricesDir }),
    ...(opts.etfHoldingsDir !== undefined && { etfHoldingsDir: opts.etfHoldingsDir }),
    ...(seed !== undefined && { seed }),
    ...(opts.cache !== undefined && { cachePath: opts.cache }),
    network: opts.network,
  });

  if (opts.dryRun) {
    const imported = await importHoldings(source, { isinResolver: isinResolverFor(market) });
    if (opts.format !== 'json' && opts.format !== 'csv')
      throw new InputError('invalid_option', '--dry-run prints json or csv');
    await emit(
      opts.format === 'csv' ? previewCsv(imported) : `${JSON.stringify(previewJson(imported), null, 2)}\n`,
      opts.out,
    );
    if (imported.holdings.length === 0) {
      const first = imported.problems[0];
      throw new InputError(
        'no_usable_positions',
        first ? `${first.reason} (no usable position in the file)` : 'no usable position in the file',
        first ? { file: source.fileName, row: first.row, column: first.column } : { file: source.fileName },
      );
    }
    return;
  }
  const formats = parseFormats(opts.format);
  if (opts.out !== undefined && formats.length > 1)
    throw new InputError('invalid_option', '--out takes one format; use --out-dir for several');
  if (opts.out === undefined && opts.outDir === undefined && formats.some((f) => f !== 'json'))
    throw new InputError('invalid_option', 'html and pdf need --out FILE or --out-dir DIR');
  const notionalValue = Number(opts.notionalValue);
  if (!(notionalValue > 0))
    throw new InputError('invalid_option', `--notional-value "${opts.notionalValue}" is not a positive amount`);
  const report = await analysePortfolio(
    {
      file: source,
      strict: opts.strict === true,
      notionalValue,
      baseCurrency: opts.baseCurrency,
      ...(opts.asOf !== undefined && { asOf: opts.asOf }),
    },
    { market },
  );
  for (const p of report.input.rejected) {
    process.stderr.write(
      `warning: ${formatLocated({ file: source.fileName, row: p.row, column: p.column }, p.reason)} (row left out)\n`,
    );
  }
  const render = async (format: ReportFormat): Promise<string | Buffer> =>
    format === 'json'
      ? `${JSON.stringify(report, null, 2)}\n`
      : format === 'html'
        ? renderHtml(report, opts.lang)
        : renderPdf(report, opts.lang, opts.paper);
  if (opts.outDir !== undefined) {
    const name = path.basename(file).replace(/\.[^.]*$/, '') || 'report';
    for (const format of formats)
      await writeFileAtomic(path.join(opts.outDir, `${name}.${format}`), await render(format));
  } else {
    await emit(await render(formats[0]!), opts.out);
  }
});

type ReportFormat = 'json' | 'html' | 'pdf';

function parseFormats(text: string): ReportFormat[] {
  const formats = [...new Set(text.split(',').map((f) => f.trim().toLowerCase()))];
  for (const f of formats)
    if (f !== 'json' && f !== 'html' && f !== 'pdf')
      throw new InputError(
        'invalid_option',
        `--format "${f}" is not one of json, html, pdf${f === 'csv' ? ' (csv is the --dry-run preview)' : ''}`,
      );
  return formats as ReportFormat[];
}

async function emit(text: string | Buffer, out: string | undefined): Promise<void> {
  if (out !== undefined) await writeFileAtomic(out, text);
  else process.stdout.write(text);
}

async function readHoldingsFile(file: string): Promise<Uint8Array> {
  try {
    const { size } = await stat(file);
    if (size > MAX_FILE_BYTES)
      throw new InputError(
        'file_too_large',
        `the file is ${(size / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB`,
        { file },
      );
    return await readFile(file);
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : code === 'EACCES'
            ? 'permission denied'
            : `cannot be read (${code ?? 'unknown error'})`;
    throw new InputError('file_not_found', reason, { file });
  }
}
