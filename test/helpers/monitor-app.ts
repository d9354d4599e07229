import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { CsvMarketData } from '../../src/market';
import { systemClock, type Clock } from '../../src/monitor/clock';
import { Deliveries, DEFAULT_DELIVERY } from '../../src/monitor/deliveries';
import { Monitor } from '../../src/monitor/monitor';
import { inProcessRunner } from '../../src/server/analysis-runner';
import { AnalysisStore } from '../../src/server/analysis-store';
import { createApp } from '../../src/server/app';
import { ETF_DIR, PRICES_DIR } from './paths';

/** The service with saved portfolios on the shared real prices, in this process, with two API keys. */
export function monitorApp(options: { clock?: Clock; allowPrivate?: boolean; retryBaseMs?: number } = {}) {
  const clock = options.clock ?? systemClock;
  const dir = mkdtempSync(path.join(tmpdir(), 'aix-monitor-'));
  const market = new CsvMarketData({ pricesDir: PRICES_DIR, etfHoldingsDir: ETF_DIR });
  const store = new AnalysisStore(path.join(dir, 'a.sqlite'), path.join(dir, 'reports'), () => clock.now());
  const runner = inProcessRunner(market);
  const webhooks = { allowPrivate: options.allowPrivate ?? true };
  const deliveries = new Deliveries(store, clock, {
    ...DEFAULT_DELIVERY,
    ...webhooks,
    timeoutMs: 2000,
    baseDelayMs: options.retryBaseMs ?? 50,
  });
  const monitor = new Monitor({ store, runner, clock, webhooks, deliveries });
  const app = createApp({
    market,
    store,
    runner,
    logger: pino({ level: 'silent' }),
    maxUploadBytes: 1 << 20,
    rateLimitPerMinute: 0,
    apiKeys: ['k1-secret', 'k2-secret'],
    monitor,
    backfillMonths: 0,
  });
  return { app, store, monitor, deliveries, market, runner, dir };
}
