import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Command, Option } from 'commander';
import { SingleBar } from 'cli-progress';
import { BATCH_MONTE_CARLO_PATHS, BatchOutputs, batchSummary, readBatch, runBatchEmbedded } from '../batch';
import { AppError } from '../errors';
import type { PaperSize } from '../analysis/options';
import type { Lang } from '../i18n';
import { runBatchRedis } from '../batch/redis-engine';
import { selectMarketData } from '../market';
import { DATA_DIR } from '../market';
import { runCli } from './run-cli';

const program = new Command()
  .name('batch')
  .description(
    'Analyse many portfolios: a folder of CSV files, a zip of them, or JSON lines ({ "id", "holdings" } per line).',
  )
  .argument('<dir-or-zip>')
  .option(
    '--out-dir <dir>',
    'where to write portfolios/<id>.json, summary.json and summary.csv (default reports/batch-<id>)',
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
  .option('--base-currency <ccy>', 'currency to value the portfolios in', process.env.BASE_CURRENCY ?? 'USD')
  .option('--as-of <date>', 'analyse as of YYYY-MM-DD')
  .option('--pdf', 'also write portfolios/<id>.pdf')
  .addOption(new Option('--lang <lang>', 'language of the PDFs').choices(['en', 'it']).default('en'))
  .addOption(new Option('--paper <size>', 'paper of the PDFs').choices(['A4', 'LETTER']).default('A4'))
  .option(
    '--mc-paths <n>',
    `Monte Carlo paths per portfolio (a single analysis uses 100000)`,
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
  const [source] = program.args as [string];
  const o = program.opts<{
    redis?: string;
    outDir?: string;
    threads: string;
    marketData?: 'yahoo' | 'csv' | 'demo';
    pricesDir?: string;
    etfHoldingsDir?: string;
    cache?: string;
    baseCurrency: string;
    asOf?: string;
    pdf?: boolean;
    lang: Lang;
    paper: PaperSize;
    mcPaths: string;
  }>();
  const monteCarloPaths = Number(o.mcPaths);
  if (!Number.isInteger(monteCarloPaths) || monteCarloPaths < 100 || monteCarloPaths > 1_000_000)
    throw new AppError('bad_request', 'invalid_option', {
      params: { option: '--mc-paths', value: o.mcPaths, reason: { code: 'option.paths', params: {} } },
    });
  const batchId = randomUUID().slice(0, 8);
  const outDir = o.outDir ?? path.resolve(DATA_DIR, '..', 'reports', `batch-${batchId}`);
  const market = selectMarketData({
    ...(o.marketData !== undefined && { kind: o.marketData }),
    ...(o.pricesDir !== undefined && { pricesDir: o.pricesDir }),
    ...(o.etfHoldingsDir !== undefined && { etfHoldingsDir: o.etfHoldingsDir }),
    ...(o.cache !== undefined && { cachePath: o.cache }),
  });
  const contents = readBatch(source);
  const { items, problems, skipped } = contents;
  const outputs = new BatchOutputs(outDir);
  for (const s of skipped) process.stderr.write(`skipped ${s.name}: ${s.reason}\n`);
  const bar = new SingleBar({
    format: 'batch {bar} {value}/{total} (failed {failed}) eta {eta}s',
    noTTYOutput: true,
    notTTYSchedule: 5000,
    stream: process.stderr,
  });
  bar.start(items.length + problems.length, 0, { failed: problems.length });
  const options = {
    threads: Math.max(1, Number(o.threads) || 1),
    baseCurrency: o.baseCurrency,
    ...(o.asOf !== undefined && { asOf: o.asOf }),
    ...(o.pdf === true && { pdf: { lang: o.lang, paper: o.paper } }),
    monteCarloPaths,
    onProgress: ({ done, failed }: { done: number; failed: number }) =>
      bar.update(done + failed + problems.length, { failed: failed + problems.length }),
    onReport: outputs.writeReport,
  };
  let result;
  try {
    result = o.redis
      ? await runBatchRedis(items, market, { ...options, redisUrl: o.redis, batchId })
      : await runBatchEmbedded(items, market, options);
  } finally {
    bar.stop(); // its redraw timer would keep the process alive after an error
  }
  const summary = batchSummary(batchId, result, contents);
  await outputs.writeSummary(summary);
  process.stdout.write(
    `batch ${batchId}: ${summary.counts.done} analysed, ${summary.counts.failed} failed${skipped.length > 0 ? `, ${skipped.length} files skipped` : ''}, market data for ${result.marketRequests.symbols} symbols fetched once; results in ${outDir}\n`,
  );
});
