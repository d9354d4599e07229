import { readEnv } from '../../config';
import { AppError } from '../../errors';
import { redactedUrl } from './connection';
import { startRedisWorker } from './worker';

/**
 * `npm run worker`: one BullMQ worker process for batch analyses, on the Redis at REDIS_URL. Ctrl-C
 * or SIGTERM lets the job in hand finish; a kill loses nothing (its job is handed to another worker).
 */
export async function runWorkerProcess(env = readEnv()): Promise<void> {
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
  process.stderr.write(`batch worker on ${redactedUrl(url)}, ${env.WORKER_CONCURRENCY} at a time\n`);
  const stop = async () => {
    // The job in hand may finish; a Redis that is gone must not keep the process forever.
    setTimeout(() => process.exit(0), env.SHUTDOWN_GRACE_MS).unref();
    await worker.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  await new Promise(() => {});
}

if (require.main === module)
  runWorkerProcess().catch((err: unknown) => {
    process.stderr.write(`error: ${err instanceof AppError ? err.message : String(err)}\n`);
    process.exit(err instanceof AppError ? err.exitCode : 1);
  });
