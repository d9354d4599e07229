import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { analysePortfolio } from '../analyse-portfolio';
import { formatLocated, InputError } from '../errors';
import { importHoldings, isinResolverFor, MAX_FILE_BYTES, previewCsv, previewJson } from '../holdings';
import { selectMarketData } from '../market';
import { writeFileAtomic } from '../shared/atomic-write';
import { runCli } from './run-cli';

const program = new Command()
  .name('analyse')
  .description('Analyse a holdings CSV: AI-infrastructure exposure, concentration and risk, as AnalysisReport JSON.')
  .argument('<holdings.csv>', 'holdings file: a broker export (Degiro, IBKR, Fidelity, Schwab, Trading 212) or any CSV with a symbol/ISIN column')
  .option('--prices-dir <dir>', 'folder of SYMBOL.csv daily price files (implies --market-data csv)', process.env.PRICES_DIR)
  .option('--etf-holdings-dir <dir>', 'folder of ETF.csv constituent files', process.env.ETF_HOLDINGS_DIR)
  .addOption(new Option('--market-data <kind>', 'market data source (default: yahoo, or csv with --prices-dir)').choices(['yahoo', 'csv', 'demo']).default(process.env.MARKET_DATA))
  .option('--cache <file>', 'market-data cache (SQLite) for the yahoo source', process.env.MARKET_CACHE)
  .addOption(new Option('--network <mode>', 'offline: answer every Yahoo request as an outage would (serve the cache)').choices(['online', 'offline']).default(process.env.MARKET_NETWORK ?? 'online'))
  .option('--seed <n>', 'seed of the demo market', process.env.DEMO_SEED)
  .option('--as-of <date>', 'analyse as of the latest common price day on or before YYYY-MM-DD')
  .option('--dry-run', 'only read the file: print the parsed holdings, problems and counts (nothing is analysed)')
  .option('--strict', 'stop on the first rejected row instead of analysing the usable ones')
  .option('--base-currency <ccy>', 'currency to value and measure the portfolio in (FX rates from the market data)', process.env.BASE_CURRENCY ?? 'USD')
  .option('--notional-value <amount>', 'total value for a portfolio given by weights only', '100000')
  .addOption(new Option('--format <format>', 'output format (csv only with --dry-run)').choices(['json', 'csv']).default('json'))
  .option('--out <file>', 'write the output to FILE instead of stdout')
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
  format: 'json' | 'csv';
  out?: string;
}

void runCli(async () => {
  program.parse();
  const [file] = program.args as [string];
  const opts = program.opts<Options>();
  const source = { fileName: path.basename(file), bytes: await readHoldingsFile(file) };

  const seed = opts.seed === undefined ? undefined : Number(opts.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw new InputError('invalid_option', `--seed "${opts.seed}" is not a whole number`);
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
    await emit(opts.format === 'csv' ? previewCsv(imported) : `${JSON.stringify(previewJson(imported), null, 2)}\n`, opts.out);
    if (imported.holdings.length === 0) {
      const first = imported.problems[0];
      throw new InputError('no_usable_positions', first ? `${first.reason} (no usable position in the file)` : 'no usable position in the file', first ? { file: source.fileName, row: first.row, column: first.column } : { file: source.fileName });
    }
    return;
  }
  if (opts.format !== 'json') throw new InputError('invalid_option', '--format csv is only available with --dry-run');
  const notionalValue = Number(opts.notionalValue);
  if (!(notionalValue > 0)) throw new InputError('invalid_option', `--notional-value "${opts.notionalValue}" is not a positive amount`);
  const report = await analysePortfolio({ file: source, strict: opts.strict === true, notionalValue, baseCurrency: opts.baseCurrency, ...(opts.asOf !== undefined && { asOf: opts.asOf }) }, { market });
  for (const p of report.input.rejected) {
    process.stderr.write(`warning: ${formatLocated({ file: source.fileName, row: p.row, column: p.column }, p.reason)} (row left out)\n`);
  }
  await emit(`${JSON.stringify(report, null, 2)}\n`, opts.out);
});

async function emit(text: string, out: string | undefined): Promise<void> {
  if (out !== undefined) await writeFileAtomic(out, text);
  else process.stdout.write(text);
}

async function readHoldingsFile(file: string): Promise<Uint8Array> {
  try {
    const { size } = await stat(file);
    if (size > MAX_FILE_BYTES) throw new InputError('file_too_large', `the file is ${(size / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB`, { file });
    return await readFile(file);
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : code === 'EACCES' ? 'permission denied' : `cannot be read (${code ?? 'unknown error'})`;
    throw new InputError('file_not_found', reason, { file });
  }
}
