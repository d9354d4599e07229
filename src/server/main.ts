import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadReferenceData } from '../analysis';
import { loadUserTheme } from '../theme/user-theme';
import { pino } from 'pino';
import { chooseEngine, createBatchEngine } from '../batch';
import { apiKeysOf, readEnv, type Env } from '../config';
import { AppError } from '../errors';
import { selectMarketData, type MarketDataChoice } from '../market';
import { AnalysisStore } from './analysis-store';
import { createApp } from './app';
import { BatchService } from './batch-service';
import { WorkerPool } from './worker-pool';

function marketChoice(env: Env): MarketDataChoice {
  return {
    ...(env.MARKET_DATA !== undefined && { kind: env.MARKET_DATA }),
    ...(env.PRICES_DIR !== undefined && { pricesDir: env.PRICES_DIR }),
    ...(env.ETF_HOLDINGS_DIR !== undefined && { etfHoldingsDir: env.ETF_HOLDINGS_DIR }),
    ...(env.DEMO_SEED !== undefined && { seed: env.DEMO_SEED }),
    ...(env.MARKET_CACHE !== undefined && { cachePath: env.MARKET_CACHE }),
    network: env.MARKET_NETWORK,
    timeoutMs: env.YAHOO_TIMEOUT_MS,
  };
}

/** A bad THEME_FILE stops the service at start, naming the field, rather than every analysis later. */
function checkThemeFile(file: string): void {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new AppError('misconfigured', 'misconfigured', {
      params: { reason: { code: 'themefile.unreadable', params: { code: (err as NodeJS.ErrnoException).code ?? '' } } },
    });
  }
  loadUserTheme(text, path.basename(file), loadReferenceData());
}

/** `npm start`: the service, its worker threads, its stores, and a graceful stop on SIGTERM. */
function main(): void {
  const env = readEnv();
  const logger = pino({ level: env.LOG_LEVEL });
  const choice = marketChoice(env);
  const market = selectMarketData({
    ...choice,
    logger: { debug: (m) => logger.debug(m), warn: (m) => logger.warn(m) },
  });
  if (env.THEME_FILE !== undefined) checkThemeFile(env.THEME_FILE);
  const runner = new WorkerPool({
    market: choice,
    ...(env.THEME_FILE !== undefined && { themeFile: env.THEME_FILE }),
    isinSource: market,
    threads: env.WORKER_THREADS,
    maxQueue: env.MAX_QUEUE,
    taskTimeoutMs: env.ANALYSIS_TIMEOUT_MS,
    importTimeoutMs: env.IMPORT_TIMEOUT_MS,
  });
  const store = new AnalysisStore(env.ANALYSES_DB, env.REPORTS_DIR);
  const batches = new BatchService({
    market,
    dir: path.join(env.REPORTS_DIR, 'batches'),
    engine: createBatchEngine(chooseEngine({ redisUrl: env.REDIS_URL, threads: env.BATCH_THREADS })),
    maxQueued: env.MAX_QUEUED_BATCHES,
    readThreads: env.BATCH_THREADS,
    importTimeoutMs: env.IMPORT_TIMEOUT_MS,
    logger,
  });
  const purge = () => {
    const removed = store.purgeOlderThan(env.REPORT_RETENTION_DAYS);
    const removedBatches = batches.purgeOlderThan(env.REPORT_RETENTION_DAYS);
    if (removed + removedBatches > 0)
      logger.info({ removed, removedBatches }, 'analyses and batches past the retention period deleted');
  };
  purge();
  setInterval(purge, 3_600_000).unref();
  const server = createApp({
    market,
    store,
    runner,
    logger,
    maxUploadBytes: env.MAX_UPLOAD_BYTES,
    apiKeys: apiKeysOf(env),
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    trustProxy: env.TRUST_PROXY,
    https: env.TLS_PROXY,
    ...(env.BASE_CURRENCY !== undefined && { baseCurrency: env.BASE_CURRENCY }),
    resultCacheSeconds: env.RESULT_CACHE_SECONDS,
    batches,
    maxBatchUploadBytes: env.MAX_BATCH_UPLOAD_BYTES,
  }).listen(env.PORT, env.HOST, () => {
    logger.info({ port: env.PORT, host: env.HOST, marketData: market.info.kind }, 'ai-exposure listening');
  });
  // SIGTERM: stop accepting, let in-flight requests finish (bounded), close the pool and the database.
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down');
    setTimeout(() => process.exit(0), env.SHUTDOWN_GRACE_MS).unref();
    server.close(async () => {
      await batches.close();
      await runner.close();
      store.close();
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

try {
  main();
} catch (err) {
  if (!(err instanceof AppError)) throw err;
  process.stderr.write(`error: ${err.message}\n`);
  process.exit(err.exitCode);
}
