import IORedis from 'ioredis';
import { AppError } from '../../errors';

export const QUEUE_NAME = 'ai-exposure-batch';
/** Batch data outlives a restart of the coordinator, not forever. */
export const TTL_SECONDS = 7 * 24 * 3600;
const REDIS_CONNECT_TIMEOUT_MS = 5000;

/** The Redis keys of one batch: its snapshot and meta, and the hashes workers fill and the coordinator drains. */
export function batchKeys(batchId: string) {
  const key = (part: string) => `aix:batch:${batchId}:${part}`;
  return {
    snapshot: key('snapshot'),
    meta: key('meta'),
    results: key('results'),
    rows: key('rows'),
    pdfs: key('pdfs'),
    failed: key('failed'),
  };
}

export function redisConnection(url: string): IORedis {
  // BullMQ needs commands to wait for a reconnect rather than fail: a Redis restart is survived.
  const connection = new IORedis(url, { maxRetriesPerRequest: null });
  // While Redis restarts every reconnect attempt emits an error; the commands wait, nothing is lost.
  connection.on('error', () => {});
  return connection;
}

/** A Redis URL as it may be shown: without its password. */
export function redactedUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

/** A batch is not started on a Redis that does not answer: said at once, not a batch waiting forever. */
export async function requireRedis(connection: IORedis, url: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const answered = await Promise.race([
    connection.ping().then(() => true),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), REDIS_CONNECT_TIMEOUT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
  if (!answered)
    throw new AppError('misconfigured', 'misconfigured', {
      params: {
        reason: {
          code: 'config.redis_unreachable',
          params: { url: redactedUrl(url), seconds: REDIS_CONNECT_TIMEOUT_MS / 1000 },
        },
      },
    });
}
