import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { Command, Option } from 'commander';
import { parseOptions } from '../analysis';
import {
  BATCH_MONTE_CARLO_PATHS,
  BatchOptionsSchema,
  chooseEngine,
  createBatchEngine,
  readBatch,
  runBatchToFolder,
} from '../batch';
import { DATA_DIR, selectMarketData } from '../market';
import { readThemeFile } from '../theme/user-theme';
import { runCli } from './run-cli';

const program = new Command()
  .name('batch')
  .description(
    'Analyse many portfolios: a folder of CSV files, a zip of them, or JSON lines ({ "id", "holdings" } per line).',
  )
  .argument('<dir-or-zip>')
  .option(
    '--out-dir <dir>',
    'where to write portfolios/<id>/report.json, summary.json and summary.csv (default reports/batch-<id>)',
  )
  .option('--threads <n>', 'worker threads', '2')
  .addOption(
    new Option('--market-data <kind>', 'market data source')
      .choices(['yahoo', 'csv', 'demo'])
      .default(process.env.MARKET_DATA),
  )
  .option('--prices-dir <dir>', 'folder of SYMBOL.csv price files (implies csv)', process.env.PRICES_DIR)
  .option('--etf-holdings-dir <dir>', 'folder of ETF.csv constituent files', process.env.ETF_HOLDINGS_DIR)
  .option('--cache <file>', 'market-data cache for yahoo', process.env.MARKET_CACHE)
  .option('--base-currency <ccy>', 'currency to value the portfolios in', process.env.BASE_CURRENCY)
  .option('--as-of <date>', 'analyse as of YYYY-MM-DD')
  .option(
    '--theme <file>',
    'your own AI-infrastructure theme (JSON) for every portfolio (docs/theme-data.md)',
    process.env.THEME_FILE,
  )
  .option('--pdf', 'also write portfolios/<id>/report.<lang>.<paper>.pdf')
  .option('--lang <lang>', 'language of the PDFs', 'en')
  .option('--paper <size>', 'paper of the PDFs', 'A4')
  .option(
    '--mc-paths <n>',
    'Monte Carlo paths per portfolio (a single analysis uses 100000)',
    String(BATCH_MONTE_CARLO_PATHS),
  )
  .option(
    '--redis <url>',
    'run on BullMQ workers (npm run worker) through this Redis instead of local threads',
    process.env.REDIS_URL,
  )
  .exitOverride();

void runCli(async () => {
  program.parse();
  const [input] = program.args as [string];
  const o = program.opts<Record<string, string | boolean | undefined>>();
  const options = parseOptions(
    BatchOptionsSchema,
    {
      asOf: o.asOf,
      baseCurrency: o.baseCurrency,
      pdf: o.pdf === true,
      lang: o.lang,
      paper: o.paper,
      monteCarloPaths: o.mcPaths,
    },
    'cli',
  );
  const theme = o.theme === undefined ? undefined : await readThemeFile(o.theme as string);
  const id = randomUUID().slice(0, 8);
  const outDir = (o.outDir as string | undefined) ?? path.resolve(DATA_DIR, '..', 'reports', `batch-${id}`);
  const market = selectMarketData({
    ...(o.marketData !== undefined && { kind: o.marketData as 'yahoo' | 'csv' | 'demo' }),
    ...(o.pricesDir !== undefined && { pricesDir: o.pricesDir as string }),
    ...(o.etfHoldingsDir !== undefined && { etfHoldingsDir: o.etfHoldingsDir as string }),
    ...(o.cache !== undefined && { cachePath: o.cache as string }),
  });
  const source = readBatch(input);
  for (const s of source.skipped.files) process.stderr.write(`skipped ${s.name}: ${s.reason}\n`);
  const threads = Math.max(1, Number(o.threads) || 1);
  const engine = createBatchEngine(chooseEngine({ redisUrl: o.redis as string | undefined, threads }));
  const bar = new SingleBar({
    format: 'batch {bar} {value}/{total} (failed {failed}) eta {eta}s',
    noTTYOutput: true,
    notTTYSchedule: 5000,
    stream: process.stderr,
  });
  bar.start(source.count + source.problems.length, 0, { failed: source.problems.length });
  let done: Awaited<ReturnType<typeof runBatchToFolder>>;
  try {
    done = await runBatchToFolder(
      source,
      { engine, market, readThreads: threads },
      {
        id,
        options,
        outDir,
        ...(theme !== undefined && { theme }),
        onProgress: (p) => bar.update(p.done + p.failed, { failed: p.failed }),
      },
    );
  } finally {
    bar.stop();
  }
  const { summary, result } = done;
  const skipped = source.skipped.total > 0 ? `, ${source.skipped.total} files skipped` : '';
  process.stdout.write(
    `batch ${id}: ${summary.counts.done} analysed, ${summary.counts.failed} failed${skipped}, market data for ${result.marketRequests.symbols} symbols fetched once; results in ${outDir}\n`,
  );
});
