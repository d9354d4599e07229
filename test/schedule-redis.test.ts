/**
 * The schedule on BullMQ (REDIS_URL): two service instances share one database and one Redis
 * (Debian's redis-server, started here on 127.0.0.1 and stopped after); ticks from both enqueue the
 * due portfolios, either instance runs them, and every market day is run exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import IORedis from 'ioredis';
import { CsvMarketData } from '../src/market';
import { ManualClock } from '../src/monitor/clock';
import { Monitor } from '../src/monitor/monitor';
import { RedisScheduler } from '../src/monitor/redis-scheduler';
import { DEFAULT_SCHEDULE } from '../src/monitor/schedule';
import { Scheduler } from '../src/monitor/scheduler';
import { inProcessRunner } from '../src/server/analysis-runner';
import { AnalysisStore } from '../src/server/analysis-store';
import { ETF_DIR, PRICES_DIR, ROOT } from './helpers/paths';

const port = 6900 + Math.floor(Math.random() * 400);
const url = `redis://127.0.0.1:${port}`;
const dir = mkdtempSync(path.join(tmpdir(), 'aix-sched-redis-'));
let redis: ChildProcess | undefined;

beforeAll(async () => {
  redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir], {
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    const probe = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    const pong = await probe.ping().catch(() => '');
    probe.disconnect();
    if (pong === 'PONG') return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("redis-server did not start: .ci/run installs Debian's redis-server for this test");
}, 30_000);
afterAll(() => redis?.kill('SIGTERM'));

test('two instances on one Redis: each due day of each portfolio run once', async () => {
  const clock = new ManualClock(Date.parse('2026-07-13T12:00:00Z'));
  const market = new CsvMarketData({ pricesDir: PRICES_DIR, etfHoldingsDir: ETF_DIR });
  const config = { ...DEFAULT_SCHEDULE, catchUpDays: 10 };
  const instances = [1, 2].map(() => {
    const store = new AnalysisStore(path.join(dir, 'shared.sqlite'), path.join(dir, 'reports'), () => clock.now());
    const monitor = new Monitor({ store, runner: inProcessRunner(market), clock, webhooks: { allowPrivate: true } });
    const scheduler = new Scheduler({ store, monitor, clock, config });
    return { store, monitor, redis: new RedisScheduler(url, scheduler, config, undefined, 'aix-test') };
  });
  const [a, b] = instances as [(typeof instances)[0], (typeof instances)[0]];
  const file = readFileSync(path.join(ROOT, 'data/examples/portfolio.csv'));
  const saved = [];
  for (const name of ['one', 'two'])
    saved.push(
      await a.monitor.create(
        '',
        {
          name,
          upload: { kind: 'file', fileName: 'p.csv', bytes: file },
          options: { monteCarloPaths: 1000 },
          webhookUrl: null,
          alerts: [],
          schedule: true,
        },
        0,
      ),
    );
  for (const i of instances) await i.redis.start();
  clock.set('2026-07-16T23:00:00Z'); // Monday to Thursday: four market days due
  await Promise.all([a.redis.tick(), b.redis.tick(), a.redis.tick()]);
  for (let i = 0; i < 300 && (await a.redis.pending()) + (await b.redis.pending()) > 0; i++)
    await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 300));
  for (const { portfolio } of saved) {
    const runs = await a.store.runs.list(portfolio.id);
    expect(runs.map((r) => [r.marketDay, r.status])).toEqual([
      ['2026-07-13', 'done'],
      ['2026-07-14', 'done'],
      ['2026-07-15', 'done'],
      ['2026-07-16', 'done'],
    ]);
    const points = await a.store.history.list(portfolio.id, { limit: 100, offset: 0 });
    expect(points.points.filter((p) => p.kind === 'scheduled').map((p) => p.asOf)).toEqual([
      '2026-07-13',
      '2026-07-14',
      '2026-07-15',
      '2026-07-16',
    ]);
  }
  for (const i of instances) {
    await i.redis.stop();
    await i.store.close();
  }
}, 60_000);
