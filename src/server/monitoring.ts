import type { Logger } from 'pino';
import type { Env } from '../config';
import { AppError } from '../errors';
import type { Clock } from '../monitor/clock';
import { Deliveries, DEFAULT_DELIVERY } from '../monitor/deliveries';
import { Monitor } from '../monitor/monitor';
import { RedisScheduler } from '../monitor/redis-scheduler';
import { checkCron, DEFAULT_SCHEDULE, type ScheduleConfig } from '../monitor/schedule';
import { Scheduler } from '../monitor/scheduler';
import type { Store } from '../store';
import type { AnalysisRunner } from './analysis-runner';

/** The schedule settings of the environment, the cron expression checked now rather than at the first fire. */
function scheduleConfig(env: Env): ScheduleConfig {
  const config = {
    ...DEFAULT_SCHEDULE,
    cron: env.SCHEDULE_CRON,
    timezone: env.SCHEDULE_TIMEZONE,
    catchUpDays: env.SCHEDULE_CATCH_UP_DAYS,
  };
  try {
    checkCron(config.cron, config.timezone);
  } catch {
    throw new AppError('misconfigured', 'misconfigured', {
      params: {
        reason: { code: 'config.env', params: { issues: 'SCHEDULE_CRON / SCHEDULE_TIMEZONE: not a valid schedule' } },
      },
    });
  }
  return config;
}

/**
 * Saved portfolios at work in the service: the monitor the routes use, webhook deliveries, and the
 * daily schedule — on BullMQ across the instances when REDIS_URL is set, else in this process.
 */
export async function startMonitoring(deps: {
  env: Env;
  store: Store;
  runner: AnalysisRunner;
  clock: Clock;
  logger: Logger;
}): Promise<{ monitor: Monitor; stop: () => Promise<void> }> {
  const { env, store, clock, logger } = deps;
  const webhooks = { allowPrivate: env.ALLOW_PRIVATE_WEBHOOKS };
  const deliveries = new Deliveries(
    store,
    clock,
    {
      ...DEFAULT_DELIVERY,
      ...webhooks,
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
      maxAttempts: env.WEBHOOK_MAX_ATTEMPTS,
      baseDelayMs: env.WEBHOOK_RETRY_BASE_MS,
    },
    logger,
  );
  const monitor = new Monitor({ store, runner: deps.runner, clock, webhooks, deliveries, logger });
  deliveries.start();
  const config = scheduleConfig(env);
  const scheduler = new Scheduler({ store, monitor, clock, config, logger });
  let redis: RedisScheduler | undefined;
  if (env.SCHEDULE && env.REDIS_URL !== undefined) {
    redis = new RedisScheduler(env.REDIS_URL, scheduler, config, logger);
    await redis.start();
  } else if (env.SCHEDULE) scheduler.start();
  return {
    monitor,
    stop: async () => {
      await redis?.stop();
      await scheduler.stop();
      await deliveries.stop();
    },
  };
}
