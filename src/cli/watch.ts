import path from 'node:path';
import { Command } from 'commander';
import { parseOptions } from '../analysis';
import { AppError } from '../errors';
import { formatter, translate, type MessageCode, type MessageParams } from '../i18n';
import { DATA_DIR } from '../market/fund-files';
import { MAX_BACKFILL_MONTHS } from '../monitor/backfill';
import { systemClock } from '../monitor/clock';
import { Deliveries, DEFAULT_DELIVERY } from '../monitor/deliveries';
import { Monitor, type PortfolioInput, type RunOutcome } from '../monitor/monitor';
import { DEFAULT_SCHEDULE } from '../monitor/schedule';
import { Scheduler } from '../monitor/scheduler';
import { inProcessRunner } from '../server/analysis-runner';
import { PortfolioOptionsSchema } from '../server/http/portfolio-fields';
import { AnalysisStore } from '../server/analysis-store';
import type { PortfolioRecord } from '../store';
import { marketFor, readHoldingsFile, withMarketDataOptions, type MarketDataFlags } from './inputs';
import { runCli } from './run-cli';

const program = withMarketDataOptions(
  new Command()
    .name('watch')
    .description('Watch a holdings file: analysed daily after the US close, alerts sent to a webhook, history kept.')
    .argument('<holdings.csv>', 'holdings file (any format `analyse` reads)'),
)
  .option('--every <period>', 'how often: day (one run per market day after the US close)', 'day')
  .option('--alert <threshold>', 'e.g. "aiRevenueShare>0.3", "score>=60", "issuerTop1>10%" (repeatable)', collect, [])
  .option('--webhook <url>', 'where alert events are POSTed, signed (X-Signature)')
  .option('--name <name>', 'the portfolio’s name in the database (default: the file’s name)')
  .option('--db <file>', 'the embedded database', process.env.ANALYSES_DB ?? path.join(DATA_DIR, 'analyses.sqlite'))
  .option('--backfill <months>', 'month-ends back-filled when the portfolio is first saved', '12')
  .option('--mc-paths <n>', 'Monte Carlo paths of each run (default 10000)')
  .option('--once', 'analyse now, send the alerts, and exit (for cron or a test)')
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

interface Flags extends MarketDataFlags {
  every: string;
  alert: string[];
  webhook?: string;
  name?: string;
  db: string;
  backfill: string;
  mcPaths?: string;
  once?: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

const say = (code: MessageCode, params: MessageParams) =>
  process.stderr.write(`${translate(formatter('en'), code, params)}\n`);

function printPoint(outcome: RunOutcome | null): void {
  if (outcome === null) return;
  const events = outcome.events.map((e) => `; ${e.alert} ${e.transition}`).join('');
  const p = outcome.point;
  process.stdout.write(
    `${translate(formatter('en'), 'watch.point', {
      asOf: p.asOf,
      score: p.score,
      share: p.headline.aiRevenueShare,
      events,
    })}\n`,
  );
}

/** The saved portfolio of this file (by name, for the keyless owner the local service shares), made or refreshed. */
async function savePortfolio(
  store: AnalysisStore,
  monitor: Monitor,
  input: PortfolioInput,
  backfill: number,
): Promise<{ portfolio: PortfolioRecord; created: RunOutcome | null }> {
  const { items } = await store.portfolios.list('', { limit: 10_000, offset: 0 });
  const existing = items.find((p) => p.name === input.name);
  if (existing === undefined) {
    const made = await monitor.create('', input, backfill);
    say('watch.backfilled', { n: made.backfill.points });
    if (made.portfolio.webhookSecret !== null) say('watch.secret', { secret: made.portfolio.webhookSecret });
    return { portfolio: made.portfolio, created: made.latest };
  }
  const secret = existing.webhookUrl === input.webhookUrl ? existing.webhookSecret : null;
  const fields = await monitor.fields(input, secret);
  const portfolio = (await store.portfolios.update(existing.id, '', fields))!;
  await store.alerts.keepStates(portfolio.id, portfolio.alerts);
  if (secret === null && portfolio.webhookSecret !== null) say('watch.secret', { secret: portfolio.webhookSecret });
  return { portfolio, created: null };
}

function backfillMonths(text: string): number {
  const n = /^\d{1,2}$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= 0 && n <= MAX_BACKFILL_MONTHS))
    throw new AppError('bad_request', 'invalid_option', {
      params: {
        option: '--backfill',
        value: text,
        reason: { code: 'option.months', params: { max: MAX_BACKFILL_MONTHS } },
      },
    });
  return n;
}

async function main(): Promise<void> {
  program.parse(process.argv);
  const flags = program.opts<Flags>();
  const [file] = program.args as [string];
  if (flags.every !== 'day')
    throw new AppError('bad_request', 'option_combination', {
      params: { reason: { code: 'watch.every', params: {} } },
    });
  const options = parseOptions(PortfolioOptionsSchema, { monteCarloPaths: flags.mcPaths }, 'cli');
  const months = backfillMonths(flags.backfill);
  const store = new AnalysisStore(flags.db, path.join(path.dirname(flags.db), 'reports'));
  const allowPrivate = ['1', 'true'].includes(process.env.ALLOW_PRIVATE_WEBHOOKS ?? '');
  const deliveries = new Deliveries(store, systemClock, { ...DEFAULT_DELIVERY, allowPrivate });
  const monitor = new Monitor({
    store,
    runner: inProcessRunner(marketFor(flags)),
    clock: systemClock,
    webhooks: { allowPrivate },
    deliveries,
    onRecord: printPoint,
  });
  const input: PortfolioInput = {
    name: flags.name ?? path.basename(file),
    upload: { kind: 'file', fileName: path.basename(file), bytes: await readHoldingsFile(file) },
    options,
    webhookUrl: flags.webhook ?? null,
    alerts: flags.alert,
    schedule: true,
  };
  const { portfolio, created } = await savePortfolio(store, monitor, input, months);
  say('watch.saved', { name: portfolio.name, id: portfolio.id, db: flags.db });
  if (created === null) await monitor.analyse(portfolio, { kind: 'manual' });
  if (flags.once) {
    await deliveries.deliverDue();
    await store.close();
    return;
  }
  deliveries.start();
  const scheduler = new Scheduler({ store, monitor, clock: systemClock, config: DEFAULT_SCHEDULE });
  scheduler.start();
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await scheduler.stop();
  await deliveries.stop();
  await store.close();
}

void runCli(main);
