import path from 'node:path';
import { pino } from 'pino';
import { readEnv } from '../config';
import { ConfigError } from '../errors';
import { selectMarketData, type MarketDataChoice } from '../market';
import { WorkerPool } from './worker-pool';
import { createApp } from './app';
import { AnalysisStore } from './analysis-store';
import { BatchService } from './batch-service';

function main(): void {
  const env = readEnv();
  const logger = pino({ level: env.LOG_LEVEL });
  const choice = {
    ...(env.MARKET_DATA !== undefined && { kind: env.MARKET_DATA }),
    ...(env.PRICES_DIR !== undefined && { pricesDir: env.PRICES_DIR }),
    ...(env.ETF_HOLDINGS_DIR !== undefined && { etfHoldingsDir: env.ETF_HOLDINGS_DIR }),
    ...(env.DEMO_SEED !== undefined && { seed: env.DEMO_SEED }),
    ...(env.MARKET_CACHE !== undefined && { cachePath: env.MARKET_CACHE }),
    network: env.MARKET_NETWORK,
    timeoutMs: env.YAHOO_TIMEOUT_MS,
  } satisfies MarketDataChoice;
  const market = selectMarketData({
    ...choice,
    logger: { debug: (m) => logger.debug(m), warn: (m) => logger.warn(m) },
  });
  const runner = new WorkerPool({
    market: choice,
    threads: env.WORKER_THREADS,
    maxQueue: env.MAX_QUEUE,
    taskTimeoutMs: env.ANALYSIS_TIMEOUT_MS,
  });
  const store = new AnalysisStore(env.ANALYSES_DB, env.REPORTS_DIR);
  const batches = new BatchService({
    market,
    dir: path.join(env.REPORTS_DIR, 'batches'),
    engine:
      env.REDIS_URL === undefined
        ? { kind: 'embedded', threads: env.BATCH_THREADS }
        : { kind: 'redis', url: env.REDIS_URL },
    maxQueued: env.MAX_QUEUED_BATCHES,
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
  const apiKeys =
    env.API_KEYS === undefined
      ? []
      : env.API_KEYS.split(',')
          .map((k) => k.trim())
          .filter(Boolean);
  const server = createApp({
    market,
    store,
    runner,
    logger,
    maxUploadBytes: env.MAX_UPLOAD_BYTES,
    apiKeys,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
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
    const force = setTimeout(() => process.exit(0), env.SHUTDOWN_GRACE_MS);
    force.unref();
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
  if (err instanceof ConfigError) {
    process.stderr.write(`error: ${err.message}\n`);
    process.exit(2);
  }
  throw err;
}
