import { pino } from 'pino';
import { readEnv } from '../config';
import { ConfigError } from '../errors';
import { selectMarketData } from '../market';
import { createApp } from './app';

function main(): void {
  const env = readEnv();
  const logger = pino({ level: env.LOG_LEVEL });
  const market = selectMarketData({
    ...(env.MARKET_DATA !== undefined && { kind: env.MARKET_DATA }),
    ...(env.PRICES_DIR !== undefined && { pricesDir: env.PRICES_DIR }),
    ...(env.ETF_HOLDINGS_DIR !== undefined && { etfHoldingsDir: env.ETF_HOLDINGS_DIR }),
    ...(env.DEMO_SEED !== undefined && { seed: env.DEMO_SEED }),
    ...(env.MARKET_CACHE !== undefined && { cachePath: env.MARKET_CACHE }),
    network: env.MARKET_NETWORK,
    timeoutMs: env.YAHOO_TIMEOUT_MS,
    logger: { debug: (m) => logger.debug(m), warn: (m) => logger.warn(m) },
  });
  const server = createApp({ market, logger, maxUploadBytes: env.MAX_UPLOAD_BYTES }).listen(env.PORT, env.HOST, () => {
    logger.info({ port: env.PORT, host: env.HOST, marketData: market.info.kind }, 'ai-exposure listening');
  });
  const stop = () => server.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

try {
  main();
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(`error: ${err.message}\n`);
    process.exit(2);
  }
  throw err;
}
