import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadReferenceData } from '../analysis';
import { loadUserTheme } from '../theme/user-theme';
import { pino } from 'pino';
import { chooseEngine, createBatchEngine } from '../batch';
import { apiKeysOf, readEnv, type Env } from '../config';
import { AppError } from '../errors';
import { selectMarketData, type MarketDataChoice } from '../market';
import { systemClock, type Clock } from '../monitor/clock';
import { openStore } from '../store';
import { createApp } from './app';
import { BatchService } from './batch-service';
import { startMonitoring } from './monitoring';
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

/**
 * `npm start`: the service, its worker threads, its store, the schedule of saved portfolios, and a
 * graceful stop on SIGTERM. The clock is the system's; a test may give its own (schedules, webhooks).
 */
export async function main({ clock = systemClock }: { clock?: Clock } = {}): Promise<void> {
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
  const store = openStore({
    ...(env.DATABASE_URL !== undefined && { databaseUrl: env.DATABASE_URL }),
    sqliteFile: env.ANALYSES_DB,
    reportsDir: env.REPORTS_DIR,
    now: () => clock.now(),
    onCheckpointerFailure: (err) =>
      logger.warn({ err }, 'the SQLite checkpoint thread stopped: commits checkpoint the WAL themselves from now on'),
  });
  await store.ready;
  const monitoring = await startMonitoring({ env, store, runner, clock, logger });
  const batches = new BatchService({
    market,
    dir: path.join(env.REPORTS_DIR, 'batches'),
    engine: createBatchEngine(chooseEngine({ redisUrl: env.REDIS_URL, threads: env.BATCH_THREADS })),
    maxQueued: env.MAX_QUEUED_BATCHES,
    readThreads: env.BATCH_THREADS,
    importTimeoutMs: env.IMPORT_TIMEOUT_MS,
    logger,
  });
  const purge = async () => {
    const retention = { reportDays: env.REPORT_RETENTION_DAYS, historyDays: env.HISTORY_RETENTION_DAYS };
    const { analyses, points } = await store.purge(retention);
    const removedBatches = batches.purgeOlderThan(env.REPORT_RETENTION_DAYS);
    if (analyses + points + removedBatches > 0)
      logger.info({ analyses, points, removedBatches }, 'analyses, history and batches past their retention deleted');
  };
  await purge();
  setInterval(() => purge().catch((err: unknown) => logger.error({ err }, 'purge failed')), 3_600_000).unref();
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
    monitor: monitoring.monitor,
    backfillMonths: env.BACKFILL_MONTHS,
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
      await monitoring.stop();
      await batches.close();
      await runner.close();
      await store.close();
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (require.main === module)
  main().catch((err: unknown) => {
    if (!(err instanceof AppError)) throw err;
    process.stderr.write(`error: ${err.message}\n`);
    process.exit(err.exitCode);
  });
