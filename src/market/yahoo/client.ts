import type YahooFinance from 'yahoo-finance2';

export type YahooClient = InstanceType<typeof YahooFinance>;

export interface YahooLogger {
  debug(msg: string): void;
  warn(msg: string): void;
}

/**
 * A yahoo-finance2 client on the fetch we give it (the real one, a timeout-wrapped one, or a replay
 * of recorded exchanges in tests). Its console output goes to our logger: 3.x warns on every start
 * that it wants Node 22, and logs validation failures we handle ourselves.
 */
export function createYahooClient(fetchImpl: typeof fetch, logger: YahooLogger): YahooClient {
  const text = (args: unknown[]) =>
    args.map((a) => (typeof a === 'string' ? a : a instanceof Error ? a.message : JSON.stringify(a))).join(' ');
  // Loaded when a client is made, not when this module is: yahoo-finance2 and its cookie jar cost
  // 120 ms of every start, and an analysis on CSV or demo data never needs them.
  const { default: Yahoo } = require('yahoo-finance2') as { default: typeof YahooFinance };
  return new Yahoo({
    fetch: fetchImpl,
    versionCheck: false,
    suppressNotices: ['yahooSurvey'],
    validation: { logErrors: false, logOptionsErrors: false },
    queue: { concurrency: 4 },
    logger: {
      info: (...a: unknown[]) => logger.debug(text(a)),
      debug: (...a: unknown[]) => logger.debug(text(a)),
      dir: (...a: unknown[]) => logger.debug(text(a)),
      warn: (...a: unknown[]) =>
        text(a).includes('Unsupported environment') ? logger.debug(text(a)) : logger.warn(text(a)),
      error: (...a: unknown[]) => logger.warn(text(a)),
    },
  });
}
