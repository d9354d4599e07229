import { Queue, Worker } from 'bullmq';
import type IORedis from 'ioredis';
import type { Logger } from 'pino';
import { redisConnection } from '../batch/redis/connection';
import type { ScheduleConfig } from './schedule';
import type { Scheduler } from './scheduler';

const MONITOR_QUEUE = 'ai-exposure-monitor';

/**
 * The schedule on BullMQ, for several service instances sharing one database: a repeatable job
 * (the cron expression) fires a "tick" on one instance, which enqueues one job per portfolio with
 * runs due; any instance takes them. A portfolio's days run in one job, oldest first (its alerts
 * follow the market forward); the job id names the portfolio and the day, so a repeated tick adds
 * nothing while the job waits, and the store's run claims make a repeated job harmless. Each
 * instance adds a tick when it starts, so a restart catches up at once.
 */
export class RedisScheduler {
  private readonly connection: IORedis;
  private readonly queue: Queue;
  private worker: Worker | undefined;
  private workerConnection: IORedis | undefined;

  constructor(
    url: string,
    private readonly scheduler: Scheduler,
    private readonly config: ScheduleConfig,
    private readonly logger?: Logger,
    private readonly prefix?: string,
  ) {
    this.connection = redisConnection(url);
    this.queue = new Queue(MONITOR_QUEUE, { connection: this.connection, ...(prefix !== undefined && { prefix }) });
  }

  async start(): Promise<void> {
    await this.queue.upsertJobScheduler(
      'daily-runs',
      { pattern: this.config.cron, tz: this.config.timezone },
      { name: 'tick', opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
    this.worker = new Worker(MONITOR_QUEUE, (job) => this.process(job.name, job.data as { portfolioId?: string }), {
      connection: (this.workerConnection = this.connection.duplicate()),
      concurrency: 1,
      ...(this.prefix !== undefined && { prefix: this.prefix }),
    });
    this.worker.on('failed', (job, err) => this.logger?.error({ err, job: job?.name }, 'monitor job failed'));
    await this.tick();
  }

  /** Enqueues the portfolios with runs due now. */
  async tick(): Promise<void> {
    await this.queue.add('tick', {}, { removeOnComplete: true, removeOnFail: 100 });
  }

  private async process(name: string, data: { portfolioId?: string }): Promise<number> {
    if (name === 'run' && data.portfolioId !== undefined) return this.scheduler.catchUp(data.portfolioId);
    const due = await this.scheduler.duePortfolios();
    for (const portfolioId of due)
      await this.queue.add(
        'run',
        { portfolioId },
        { jobId: `run-${portfolioId}`, removeOnComplete: true, removeOnFail: true, attempts: 1 },
      );
    return due.length;
  }

  /** Jobs waiting or running (the repeatable tick's next fire, delayed, is not counted). */
  async pending(): Promise<number> {
    const counts = await this.queue.getJobCounts('waiting', 'active', 'prioritized');
    return Object.values(counts).reduce((a, b) => a + b, 0);
  }

  async stop(): Promise<void> {
    await this.worker?.close();
    await this.queue.close();
    this.workerConnection?.disconnect();
    this.connection.disconnect();
  }
}
