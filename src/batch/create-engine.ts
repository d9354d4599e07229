import type { BatchEngine } from './engine';
import { RedisEngine } from './redis/coordinator';
import { ThreadEngine } from './thread-engine';

/** Which engine a batch runs on. */
export type EngineChoice = { kind: 'threads'; threads: number } | { kind: 'redis'; url: string };

/**
 * The one place the engine is chosen, for the service and the CLI alike: BullMQ on Redis when a
 * Redis URL is given, else worker threads in this process.
 */
export function chooseEngine(settings: { redisUrl?: string | undefined; threads: number }): EngineChoice {
  return settings.redisUrl === undefined || settings.redisUrl === ''
    ? { kind: 'threads', threads: Math.max(1, settings.threads) }
    : { kind: 'redis', url: settings.redisUrl };
}

export function createBatchEngine(choice: EngineChoice): BatchEngine {
  return choice.kind === 'redis' ? new RedisEngine({ url: choice.url }) : new ThreadEngine(choice.threads);
}
