import type { Logger } from 'pino';
import { AppError } from '../errors';
import type { Store } from '../store';
import type { Clock } from './clock';
import type { Monitor } from './monitor';
import { dueDays, marketDayOf, nextFire, type ScheduleConfig } from './schedule';

/**
 * The daily runs of saved portfolios. Each run is one portfolio on one market day, claimed in the
 * store before it starts and marked done in the same transaction as its point and alerts, so
 * however often a day is tried (a restart, two processes, a repeated job) it is done once. A
 * portfolio's missed days (the service was down) are run oldest first, each as of its own day,
 * within the catch-up window, so the history has every market day and alerts fire in order.
 */
export class Scheduler {
  private stopped = true;
  private wake = new AbortController();
  private loop: Promise<void> = Promise.resolve();
  private ticking: Promise<number> = Promise.resolve(0);
  /** Runs found claimed by someone else in the last pass: look again when their lease ends. */
  private busy = false;

  constructor(
    private readonly deps: { store: Store; monitor: Monitor; clock: Clock; config: ScheduleConfig; logger?: Logger },
  ) {}

  /** The scheduled portfolios that have runs due now. */
  async duePortfolios(): Promise<string[]> {
    const { store, clock, config } = this.deps;
    const now = clock.now();
    const since = marketDayOf(now - (config.catchUpDays + 1) * 86_400_000, config.timezone);
    const due: string[] = [];
    for (const p of await store.portfolios.scheduled())
      if (dueDays(config, p.created, now, await store.runs.doneDays(p.id, since)).length > 0) due.push(p.id);
    return due;
  }

  /** Runs a portfolio's due days, oldest first; how many it ran. */
  async catchUp(portfolioId: string): Promise<number> {
    const { store, clock, config } = this.deps;
    const portfolio = await store.portfolios.byId(portfolioId);
    if (portfolio === null || !portfolio.schedule) return 0;
    const now = clock.now();
    const since = marketDayOf(now - (config.catchUpDays + 1) * 86_400_000, config.timezone);
    let ran = 0;
    for (const day of dueDays(config, portfolio.created, now, await store.runs.doneDays(portfolio.id, since))) {
      if (!(await store.runs.claim(portfolio.id, day, clock.now(), config.leaseMs))) {
        this.busy = true;
        continue;
      }
      try {
        await this.deps.monitor.analyse(portfolio, { kind: 'scheduled', asOf: day, marketDay: day });
        ran++;
      } catch (err) {
        const code = err instanceof AppError ? err.code : 'internal';
        if (!(err instanceof AppError))
          this.deps.logger?.error({ err, portfolio: portfolio.id, day }, 'scheduled run failed');
        await store.runs.fail(portfolio.id, day, code, clock.now() + config.retryMs);
      }
    }
    return ran;
  }

  /** Every due run, now (one portfolio after another: interactive requests keep the worker threads). */
  tick(): Promise<number> {
    this.ticking = this.ticking.then(async () => {
      this.busy = false;
      let ran = 0;
      for (const id of await this.duePortfolios()) ran += await this.catchUp(id);
      return ran;
    });
    return this.ticking;
  }

  /** In-process: a pass at start (catching up what was missed while down), then one at each fire time. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = (async () => {
      while (!this.stopped) {
        this.wake = new AbortController();
        await this.tick().catch((err: unknown) => this.deps.logger?.error({ err }, 'schedule pass failed'));
        if (this.stopped) break;
        const now = this.deps.clock.now();
        const wait = nextFire(this.deps.config, now) - now;
        await this.deps.clock.sleep(this.busy ? Math.min(wait, this.deps.config.leaseMs) : wait, this.wake.signal);
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake.abort();
    await this.loop;
    await this.ticking.catch(() => 0);
  }
}
