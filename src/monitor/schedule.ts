import { CronExpressionParser } from 'cron-parser';

/** When saved portfolios are re-analysed, and how missed runs are caught up. */
export interface ScheduleConfig {
  /** Five-field cron expression (minute hour day month weekday) in `timezone`. */
  cron: string;
  /** IANA zone the cron expression and market days are read in (the US market's by default). */
  timezone: string;
  /** How far back a restart catches up missed runs. */
  catchUpDays: number;
  /** How long a claimed run is another process's before it may be taken over (a killed process's). */
  leaseMs: number;
  /** How soon a run that failed (no market data) is tried again. */
  retryMs: number;
}

/**
 * Weekdays at 18:00 in New York: two hours after the 16:00 close, when the day's prices are
 * published. A holiday's run finds the previous day's prices and adds nothing new to the history.
 */
export const DEFAULT_SCHEDULE: ScheduleConfig = {
  cron: '0 18 * * 1-5',
  timezone: 'America/New_York',
  catchUpDays: 10,
  leaseMs: 10 * 60_000,
  retryMs: 60 * 60_000,
};

/** Throws on an expression cron-parser cannot read (checked when the service starts). */
export function checkCron(cron: string, timezone: string): void {
  CronExpressionParser.parse(cron, { tz: timezone });
}

/** Fire times of the expression in (from, to], oldest first. */
function fireTimes(config: Pick<ScheduleConfig, 'cron' | 'timezone'>, from: number, to: number): number[] {
  const it = CronExpressionParser.parse(config.cron, {
    tz: config.timezone,
    currentDate: new Date(from),
    endDate: new Date(to),
  });
  const out: number[] = [];
  while (it.hasNext()) {
    const t = it.next().getTime();
    if (t > from && t <= to) out.push(t);
  }
  return out;
}

/** The market day a fire time stands for: its date where the market is (YYYY-MM-DD). */
export function marketDayOf(time: number, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(time));
}

/**
 * The market days a portfolio's runs are due for at `now`: one per fire time since it was saved,
 * within the catch-up window, oldest first, less those already done.
 */
export function dueDays(config: ScheduleConfig, saved: number, now: number, done: ReadonlySet<string>): string[] {
  const from = Math.max(saved, now - config.catchUpDays * 86_400_000);
  const days = fireTimes(config, from, now).map((t) => marketDayOf(t, config.timezone));
  return [...new Set(days)].filter((d) => !done.has(d));
}

/** The next fire time after `now`. */
export function nextFire(config: Pick<ScheduleConfig, 'cron' | 'timezone'>, now: number): number {
  return CronExpressionParser.parse(config.cron, { tz: config.timezone, currentDate: new Date(now) })
    .next()
    .getTime();
}
