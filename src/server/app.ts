import { randomUUID } from 'node:crypto';
import express from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { MarketDataProvider } from '../market';
import { type AnalysisRunner, inProcessRunner } from './analysis-runner';
import type { Monitor } from '../monitor/monitor';
import type { Store } from '../store';
import type { BatchService } from './batch-service';
import { errorHandler, notFound } from './http/errors';
import { identifyCaller, noStore, rateLimiter, requireCaller, securityHeaders } from './http/security';
import { ResultCache } from './result-cache';
import { analysesRoutes } from './routes/analyses';
import { batchRoutes } from './routes/batches';
import { docsRoutes } from './routes/docs';
import { holdingsRoutes } from './routes/holdings';
import { pageRoutes } from './routes/page';
import { portfolioRoutes } from './routes/portfolios';
import { whatIfRoutes } from './routes/what-if';

export interface AppDeps {
  market: MarketDataProvider;
  /** Where imports, analyses and renders run (default: this thread; the service uses a worker pool). */
  runner?: AnalysisRunner;
  store: Store;
  logger: Logger;
  maxUploadBytes: number;
  /** Identical uploads (same caller, name, bytes, options) within this many seconds reuse the report (0: off). */
  resultCacheSeconds?: number;
  /** When non-empty, /api/v1 needs `Authorization: Bearer <one of these>`; each key sees only its own work. */
  apiKeys?: readonly string[];
  /** Requests per minute per key (or per address without one); 0 turns the limit off. */
  rateLimitPerMinute?: number;
  /** Express's `trust proxy`: which proxies may name the client's address (TRUST_PROXY). */
  trustProxy?: boolean | number | string;
  /** Clients reach the service over HTTPS (TLS_PROXY): HSTS and upgrade-insecure-requests are sent. */
  https?: boolean;
  /** Base currency of requests that name none (BASE_CURRENCY); without it, the file's, else USD. */
  baseCurrency?: string;
  /** Batches of portfolios (POST /api/v1/batches); without it those routes do not exist. */
  batches?: BatchService;
  maxBatchUploadBytes?: number;
  /** Saved portfolios (/api/v1/portfolios); without it those routes do not exist. */
  monitor?: Monitor;
  /** Month-ends back-filled when a portfolio is saved (BACKFILL_MONTHS). */
  backfillMonths?: number;
}

/** The service's wiring: logging, security, the routes in order, the error envelope. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  const runner = deps.runner ?? inProcessRunner(deps.market);
  const apiKeys = deps.apiKeys ?? [];
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? false);
  app.use(requestLog(deps.logger));
  app.use(securityHeaders({ https: deps.https ?? false }));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(pageRoutes({ needsKey: apiKeys.length > 0 }));
  const docs = docsRoutes();
  app.use(docs.page);

  const defaults = deps.baseCurrency === undefined ? {} : { baseCurrency: deps.baseCurrency };
  const limiter = rateLimiter(deps.rateLimitPerMinute ?? 120);
  const api = express.Router();
  api.use(noStore, identifyCaller(apiKeys), limiter.limit, requireCaller(limiter.penalise));
  api.use(docs.api);
  api.use('/holdings', holdingsRoutes({ runner, maxUploadBytes: deps.maxUploadBytes }));
  api.use(
    '/analyses',
    analysesRoutes({
      runner,
      defaults,
      store: deps.store,
      cache: new ResultCache((deps.resultCacheSeconds ?? 0) * 1000),
      maxUploadBytes: deps.maxUploadBytes,
    }),
  );
  api.use('/analyses', whatIfRoutes({ runner, store: deps.store }));
  if (deps.batches !== undefined)
    api.use(
      '/batches',
      batchRoutes({
        batches: deps.batches,
        runner,
        defaults,
        maxBytes: deps.maxBatchUploadBytes ?? 100 * 1024 * 1024,
      }),
    );
  if (deps.monitor !== undefined)
    api.use(
      '/portfolios',
      portfolioRoutes({
        store: deps.store,
        monitor: deps.monitor,
        runner,
        defaults,
        maxUploadBytes: deps.maxUploadBytes,
        backfillMonths: deps.backfillMonths ?? 12,
      }),
    );
  app.use('/api/v1', api);
  app.use(notFound);
  app.use(errorHandler);
  return app;
}

/** One line per request with its id (also sent as X-Request-Id): never the body, the headers or the key. */
function requestLog(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (_req, res) => {
      const id = randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
    },
  });
}
