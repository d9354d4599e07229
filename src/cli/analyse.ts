import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { analysePortfolio } from '../analyse-portfolio';
import { InputError } from '../errors';
import { selectMarketData } from '../market';
import { writeFileAtomic } from '../shared/atomic-write';
import { runCli } from './run-cli';

const program = new Command()
  .name('analyse')
  .description('Analyse a holdings CSV: AI-infrastructure exposure, concentration and risk, as AnalysisReport JSON.')
  .argument('<holdings.csv>', 'holdings file with "symbol" and "quantity" columns')
  .option('--prices-dir <dir>', 'folder of SYMBOL.csv daily price files (implies --market-data csv)', process.env.PRICES_DIR)
  .option('--etf-holdings-dir <dir>', 'folder of ETF.csv constituent files', process.env.ETF_HOLDINGS_DIR)
  .addOption(new Option('--market-data <kind>', 'market data source').choices(['csv', 'demo']).default(process.env.MARKET_DATA))
  .option('--seed <n>', 'seed of the demo market', process.env.DEMO_SEED)
  .option('--as-of <date>', 'analyse as of the latest common price day on or before YYYY-MM-DD')
  .addOption(new Option('--format <format>', 'output format').choices(['json']).default('json'))
  .option('--out <file>', 'write the report to FILE instead of stdout')
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

void runCli(async () => {
  program.parse();
  const [file] = program.args as [string];
  const opts = program.opts<{ pricesDir?: string; etfHoldingsDir?: string; marketData?: 'csv' | 'demo'; seed?: string; asOf?: string; out?: string }>();
  const seed = opts.seed === undefined ? undefined : Number(opts.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw new InputError('invalid_option', `--seed "${opts.seed}" is not a whole number`);
  const market = selectMarketData({
    ...(opts.marketData !== undefined && { kind: opts.marketData }),
    ...(opts.pricesDir !== undefined && { pricesDir: opts.pricesDir }),
    ...(opts.etfHoldingsDir !== undefined && { etfHoldingsDir: opts.etfHoldingsDir }),
    ...(seed !== undefined && { seed }),
  });
  const text = await readHoldingsFile(file);
  const report = await analysePortfolio({ csv: { fileName: path.basename(file), text }, ...(opts.asOf !== undefined && { asOf: opts.asOf }) }, { market });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (opts.out !== undefined) await writeFileAtomic(opts.out, json);
  else process.stdout.write(json);
});

async function readHoldingsFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : code === 'EACCES' ? 'permission denied' : `cannot be read (${code ?? 'unknown error'})`;
    throw new InputError('file_not_found', reason, { file });
  }
}
