import { startRedisWorker } from '../batch/redis-engine';
import { readEnv } from '../config';
import { AppError } from '../errors';
import { runCli } from './run-cli';

/** `npm run worker`: one BullMQ worker for batch analyses, on the Redis at REDIS_URL. */
void runCli(async () => {
  const env = readEnv();
  const url = env.REDIS_URL;
  if (url === undefined)
    throw new AppError('misconfigured', 'misconfigured', {
      params: { reason: { code: 'config.redis_url', params: {} } },
    });
  const worker = startRedisWorker(url, {
    concurrency: env.WORKER_CONCURRENCY,
    ...(env.WORKER_STALLED_MS !== undefined && { stalledIntervalMs: env.WORKER_STALLED_MS }),
  });
  worker.on('error', (err) => process.stderr.write(`worker: ${err.message}\n`));
  process.stderr.write(`batch worker on ${url.replace(/\/\/[^@]*@/, '//***@')}, ${env.WORKER_CONCURRENCY} at a time\n`);
  const stop = async () => {
    await worker.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  await new Promise(() => {});
});
