import { parentPort, workerData } from 'node:worker_threads';
import { selectMarketData, type MarketDataChoice } from '../market';
import { InputError } from '../errors';
import { MarketDataUnavailableError } from '../market/errors';
import { inProcessRunner } from './analysis-runner';

/**
 * One worker thread of the pool: its own market-data provider (and SQLite connection to the shared
 * cache), answering analyse and render tasks. Errors cross back as plain data with their kind, so
 * the main thread can rebuild the same typed error.
 */
const runner = inProcessRunner(selectMarketData(workerData as MarketDataChoice));

parentPort!.on('message', async (task: { id: number; kind: 'analyse' | 'render'; payload: never }) => {
  try {
    const result = task.kind === 'analyse' ? await runner.analyse(task.payload) : await runner.render(task.payload);
    parentPort!.postMessage({ id: task.id, ok: true, result });
  } catch (err) {
    const e = err as Error;
    parentPort!.postMessage({
      id: task.id,
      ok: false,
      error: {
        name: e?.name ?? 'Error',
        message: e?.message ?? String(err),
        ...(err instanceof InputError && {
          code: err.code,
          reason: err.reason,
          location: err.location,
          details: err.details,
        }),
        ...(err instanceof MarketDataUnavailableError && {
          symbols: err.symbols,
          retryAfterSeconds: err.retryAfterSeconds,
        }),
        stack: e?.stack,
      },
    });
  }
});
