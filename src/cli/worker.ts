import { startRedisWorker } from '../batch/redis-engine';
import { ConfigError } from '../errors';
import { runCli } from './run-cli';

/** `npm run worker`: one BullMQ worker for batch analyses, on the Redis at REDIS_URL. */
void runCli(async () => {
  const url = process.env.REDIS_URL;
  if (url === undefined || url === '') throw new ConfigError('set REDIS_URL (e.g. redis://127.0.0.1:6379) to run a batch worker');
  const stalled = process.env.WORKER_STALLED_MS === undefined ? undefined : Number(process.env.WORKER_STALLED_MS);
  const worker = startRedisWorker(url, { concurrency: Number(process.env.WORKER_CONCURRENCY ?? 1), ...(stalled !== undefined && { stalledIntervalMs: stalled }) });
  process.stderr.write(`batch worker on ${url.replace(/\/\/[^@]*@/, '//***@')}\n`);
  const stop = async () => {
    await worker.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  await new Promise(() => {});
});
