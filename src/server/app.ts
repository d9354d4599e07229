import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import express, { type Request, type RequestHandler } from 'express';
import helmet from 'helmet';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import multer from 'multer';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { fromJsonLines, fromZip, isPortfolioId, MAX_BATCH_PORTFOLIOS } from '../batch';
import { InputError } from '../errors';
import { importHoldings, importJsonHoldings, isinResolverFor, previewJson } from '../holdings';
import type { MarketDataProvider } from '../market';
import { langFromAcceptLanguage, LANGUAGES, type AnalysisReport, type Lang, type PaperSize } from '../report';
import { inProcessRunner, type AnalysisRunner } from './analysis-runner';
import type { AnalysisStore } from './analysis-store';
import type { BatchRequestOptions, BatchService, BatchStatus } from './batch-service';
import { isAnalysisId } from './analysis-store';
import { envelope, errorHandler, notFound, RequestError } from './error-envelope';
import { openApiDocument } from './openapi';
import { APP_SCRIPT, docsPage, uploadPage } from './web-page';

export interface AppDeps {
  market: MarketDataProvider;
  /** Where analyses and renders run (default: this thread; the service uses a worker pool). */
  runner?: AnalysisRunner;
  /** Identical uploads with identical options within this many seconds reuse the report (0: off). */
  resultCacheSeconds?: number;
  store: AnalysisStore;
  logger: Logger;
  maxUploadBytes: number;
  /** When non-empty, /api/v1 needs `Authorization: Bearer <one of these>`. */
  apiKeys?: readonly string[];
  /** Requests per minute per key (or per IP without keys); 0 turns the limit off. */
  rateLimitPerMinute?: number;
  /** Batches of portfolios (POST /api/v1/batches); without it those routes do not exist. */
  batches?: BatchService;
  /** Upload limit of a batch (a zip or JSON lines). */
  maxBatchUploadBytes?: number;
}

export function createApp({
  market,
  store,
  logger,
  maxUploadBytes,
  apiKeys = [],
  rateLimitPerMinute = 120,
  runner = inProcessRunner(market),
  resultCacheSeconds = 0,
  batches,
  maxBatchUploadBytes = 100 * 1024 * 1024,
}: AppDeps): express.Express {
  const app = express();
  const recent = new RecentResults(resultCacheSeconds * 1000, 256);
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const id = randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // A portfolio is personal financial data: log the request line, never the body or the key.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
        },
      },
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/', (req, res) => {
    res.type('html').send(uploadPage(langFromAcceptLanguage(req.headers['accept-language']), apiKeys.length > 0));
  });
  app.get('/app.js', (_req, res) => {
    res.type('application/javascript').send(APP_SCRIPT);
  });
  app.get('/docs', (_req, res) => {
    res.type('html').send(docsPage(openApiDocument()));
  });

  const api = express.Router();
  api.use(requireApiKey(apiKeys));
  if (rateLimitPerMinute > 0) {
    api.use(
      rateLimit({
        windowMs: 60_000,
        limit: rateLimitPerMinute,
        standardHeaders: 'draft-7',
        legacyHeaders: false,
        keyGenerator: (req) =>
          apiKeys.length > 0 ? `key:${keyFingerprint(bearer(req) ?? '')}` : `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`,
        handler: (_req, res) => {
          res
            .status(429)
            .json(envelope('rate_limited', 'too many requests: slow down and retry after the time in Retry-After'));
        },
      }),
    );
  }
  api.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });

  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxUploadBytes, files: 1, fields: 10, fieldSize: 1024 },
  });
  const csvBody = express.raw({
    type: ['text/csv', 'text/plain', 'application/csv', 'text/tab-separated-values'],
    limit: maxUploadBytes,
  });
  const jsonBody = express.json({ limit: maxUploadBytes });
  const readUpload: RequestHandler = (req, res, next) =>
    req.is('multipart/form-data')
      ? upload.single('file')(req, res, next)
      : req.is('application/json')
        ? jsonBody(req, res, next)
        : csvBody(req, res, next);
  /** A file (multipart or CSV body) or JSON holdings, read by the same importer. */
  const readHoldings = (req: Request) =>
    req.is('application/json')
      ? importJsonHoldings(req.body, { isinResolver: isinResolverFor(market) })
      : importHoldings(uploadedFile(req), { isinResolver: isinResolverFor(market) });

  api.post('/holdings/preview', readUpload, async (req, res) => {
    res.json(previewJson(await readHoldings(req)));
  });

  api.post('/analyses', readUpload, async (req, res) => {
    const holdings = await readHoldings(req);
    const inputBytes = req.is('application/json') ? Buffer.from(JSON.stringify(req.body)) : uploadedFile(req).bytes;
    const asOf = stringParam(req, 'asOf');
    const baseCurrency = stringParam(req, 'baseCurrency');
    const notional = stringParam(req, 'notionalValue');
    const notionalValue = notional === undefined ? undefined : Number(notional);
    if (notionalValue !== undefined && !(notionalValue > 0))
      throw new RequestError(400, 'invalid_option', '"notionalValue" must be a positive amount');
    const options = {
      strict: stringParam(req, 'strict') === 'true',
      ...(asOf !== undefined && { asOf }),
      ...(notionalValue !== undefined && { notionalValue }),
      ...(baseCurrency !== undefined && { baseCurrency }),
    };
    const inputHash = createHash('sha256').update(inputBytes).digest('hex');
    const key = `${inputHash}:${JSON.stringify(options)}`;
    const result = recent.get(key) ?? recent.put(key, await runner.analyse({ holdings, ...options }));
    const stored = store.save(inputHash, options, result.report, result.json);
    // The report is serialised once and reused: for the store, for the response, for repeats.
    res
      .status(201)
      .location(`/api/v1/analyses/${stored.id}`)
      .type('application/json')
      .send(`{"id":${JSON.stringify(stored.id)},"created":${JSON.stringify(stored.created)},"report":${result.json}}`);
  });

  api.get('/analyses/:id', (req, res) => {
    const stored = findAnalysis(store, req.params.id);
    res.json({ id: stored.id, created: stored.created, options: stored.options, report: stored.report });
  });

  api.get('/analyses/:id/report.html', async (req, res) => {
    const stored = findAnalysis(store, req.params.id);
    const lang = requestLang(req);
    const html = await store.rendered(stored.id, `report.${lang}.html`, () =>
      runner.render({ report: stored.report, format: 'html', lang }),
    );
    res.type('html').send(html);
  });

  api.get('/analyses/:id/report.pdf', async (req, res) => {
    const stored = findAnalysis(store, req.params.id);
    const lang = requestLang(req);
    const paper = paperParam(req);
    const pdf = await store.rendered(stored.id, `report.${lang}.${paper}.pdf`, () =>
      runner.render({ report: stored.report, format: 'pdf', lang, paper }),
    );
    res
      .type('application/pdf')
      .setHeader('Content-Disposition', `inline; filename="ai-exposure-${stored.id.slice(0, 8)}.pdf"`)
      .send(pdf);
  });

  if (batches !== undefined) api.use('/batches', batchRoutes(batches, runner, maxBatchUploadBytes));

  app.use('/api/v1', api);
  app.use(notFound);
  app.use(errorHandler);
  return app;
}

/** Reports of recent identical requests (same bytes, same options), for a short while: a re-upload costs nothing. */
class RecentResults {
  private readonly entries = new Map<string, { at: number; report: AnalysisReport; json: string }>();
  constructor(
    private readonly ttlMs: number,
    private readonly max: number,
  ) {}

  get(key: string): { report: AnalysisReport; json: string } | undefined {
    const hit = this.entries.get(key);
    if (hit === undefined || Date.now() - hit.at > this.ttlMs) return undefined;
    return hit;
  }

  put(key: string, report: AnalysisReport): { report: AnalysisReport; json: string } {
    const entry = { at: Date.now(), report, json: JSON.stringify(report) };
    if (this.ttlMs <= 0) return entry;
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }
}

/** Batches: submit a zip of CSVs or JSON lines, follow progress, read the ranking and each portfolio. */
function batchRoutes(batches: BatchService, runner: AnalysisRunner, maxBytes: number): express.Router {
  const routes = express.Router();
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 1024 },
  });
  const body = express.raw({ type: BATCH_BODY_TYPES, limit: maxBytes });
  const readUpload: RequestHandler = (req, res, next) =>
    req.is('multipart/form-data') ? upload.single('file')(req, res, next) : body(req, res, next);

  routes.post('/', readUpload, async (req, res) => {
    const { fileName, bytes } = batchFile(req);
    const options = batchOptions(req);
    const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
    const contents = isZip ? fromZip(bytes, fileName) : fromJsonLines(decodeJsonLines(bytes, fileName), fileName);
    const status = await batches.submit(contents, options);
    res
      .status(202)
      .location(`/api/v1/batches/${status.id}`)
      .json({ ...status, links: batchLinks(status.id) });
  });

  routes.get('/:id', async (req, res) => {
    const status = await findBatch(batches, req.params.id);
    const limitParam = stringParam(req, 'limit');
    const limit = limitParam === undefined ? 100 : Number(limitParam);
    if (!Number.isInteger(limit) || limit < 0 || limit > MAX_BATCH_PORTFOLIOS)
      throw new RequestError(400, 'invalid_option', `"limit" must be a whole number from 0 to ${MAX_BATCH_PORTFOLIOS}`);
    const summary = status.state === 'done' ? await batches.summary(status.id) : null;
    res.json({
      ...status,
      // Riskiest first; the whole ranking is in summary.csv.
      summary:
        summary === null
          ? null
          : {
              counts: summary.counts,
              rows: summary.rows.slice(0, limit),
              rowsShown: Math.min(limit, summary.rows.length),
              rowsTotal: summary.rows.length,
            },
      links: batchLinks(status.id),
    });
  });

  routes.get('/:id/summary.csv', async (req, res) => {
    const status = await findBatch(batches, req.params.id);
    const csv = status.state === 'done' ? await batches.summaryCsv(status.id) : null;
    if (csv === null)
      throw new RequestError(
        409,
        'batch_not_done',
        `batch ${status.id} is ${status.state}: its summary exists once it is done`,
      );
    res
      .type('text/csv')
      .setHeader('Content-Disposition', `attachment; filename="batch-${status.id.slice(0, 8)}-summary.csv"`)
      .send(csv);
  });

  routes.get('/:id/portfolios/:portfolio', async (req, res) => {
    const status = await findBatch(batches, req.params.id);
    const json = await batches.portfolioReport(status.id, portfolioParam(req.params.portfolio));
    if (json === null)
      throw new RequestError(
        404,
        'not_found',
        `batch ${status.id} has no report for "${req.params.portfolio}" (failed, not done yet, or not in the batch)`,
      );
    res.type('application/json').send(json);
  });

  routes.get('/:id/portfolios/:portfolio/report.pdf', async (req, res) => {
    const status = await findBatch(batches, req.params.id);
    const portfolio = portfolioParam(req.params.portfolio);
    const lang = requestLang(req);
    const paper = paperParam(req);
    const pdf = await batches.portfolioPdf(status.id, portfolio, lang, paper, async (report) =>
      Buffer.from(await runner.render({ report, format: 'pdf', lang, paper })),
    );
    if (pdf === null)
      throw new RequestError(
        404,
        'not_found',
        `batch ${status.id} has no report for "${portfolio}" (failed, not done yet, or not in the batch)`,
      );
    res
      .type('application/pdf')
      .setHeader('Content-Disposition', `inline; filename="ai-exposure-${portfolio}.pdf"`)
      .send(pdf);
  });
  return routes;
}

const BATCH_BODY_TYPES = [
  'application/zip',
  'application/x-zip-compressed',
  'application/octet-stream',
  'application/x-ndjson',
  'application/jsonl',
  'application/json',
  'text/plain',
];

function batchLinks(id: string) {
  return {
    self: `/api/v1/batches/${id}`,
    summaryCsv: `/api/v1/batches/${id}/summary.csv`,
    portfolio: `/api/v1/batches/${id}/portfolios/{portfolioId}`,
    pdf: `/api/v1/batches/${id}/portfolios/{portfolioId}/report.pdf`,
  };
}

/** The batch upload: multipart field `file`, or the zip / JSON lines as the body. */
function batchFile(req: Request): { fileName: string; bytes: Uint8Array } {
  return uploadedBytes(req, {
    what: 'the zip or JSON lines',
    howToSend:
      'send a zip of CSV files (Content-Type: application/zip) or JSON lines (application/x-ndjson), or multipart/form-data with the field "file"',
    bodyFileName: req.is('application/zip') || req.is('application/x-zip-compressed') ? 'batch.zip' : 'batch.jsonl',
  });
}

function decodeJsonLines(bytes: Uint8Array, fileName: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new InputError(
      'unsupported_format',
      'a batch is a zip of CSV files or JSON lines in UTF-8; this is neither',
      { file: fileName },
    );
  }
}

function batchOptions(req: Request): BatchRequestOptions {
  const asOf = stringParam(req, 'asOf');
  if (asOf !== undefined && !(/^\d{4}-\d{2}-\d{2}$/.test(asOf) && !Number.isNaN(Date.parse(`${asOf}T00:00:00Z`))))
    throw new RequestError(400, 'invalid_option', '"asOf" must be a date YYYY-MM-DD');
  const baseCurrency = stringParam(req, 'baseCurrency');
  if (baseCurrency !== undefined && !/^[A-Z]{3}$/.test(baseCurrency))
    throw new RequestError(400, 'invalid_option', '"baseCurrency" must be a three-letter code such as EUR');
  const pdf = stringParam(req, 'pdf');
  if (pdf !== undefined && pdf !== 'true' && pdf !== 'false')
    throw new RequestError(400, 'invalid_option', '"pdf" must be true or false');
  return {
    ...(asOf !== undefined && { asOf }),
    ...(baseCurrency !== undefined && { baseCurrency }),
    ...(pdf === 'true' && { pdf: { lang: requestLang(req), paper: paperParam(req) } }),
  };
}

async function findBatch(batches: BatchService, id: string | undefined): Promise<BatchStatus> {
  if (id === undefined || !isAnalysisId(id))
    throw new RequestError(400, 'invalid_id', 'a batch id is a UUID such as 3b241101-e2bb-4255-8caf-4136c566a962');
  const status = await batches.status(id);
  if (status === null)
    throw new RequestError(404, 'not_found', `no batch ${id} (it may have passed the retention period)`);
  return status;
}

function portfolioParam(id: string | undefined): string {
  if (id === undefined || !isPortfolioId(id))
    throw new RequestError(400, 'invalid_id', 'a portfolio id is letters, digits, . _ - (at most 100)');
  return id;
}

function paperParam(req: Request): PaperSize {
  const paper = (stringParam(req, 'paper') ?? 'A4').toUpperCase();
  if (paper !== 'A4' && paper !== 'LETTER')
    throw new RequestError(400, 'invalid_option', '"paper" must be A4 or LETTER');
  return paper;
}

function findAnalysis(store: AnalysisStore, id: string | undefined) {
  if (id === undefined || !isAnalysisId(id))
    throw new RequestError(400, 'invalid_id', 'an analysis id is a UUID such as 3b241101-e2bb-4255-8caf-4136c566a962');
  const stored = store.get(id);
  if (stored === null)
    throw new RequestError(404, 'not_found', `no analysis ${id} (it may have passed the retention period)`);
  return stored;
}

function requestLang(req: Request): Lang {
  const explicit = stringParam(req, 'lang');
  if (explicit !== undefined) {
    if (!(LANGUAGES as readonly string[]).includes(explicit))
      throw new RequestError(400, 'invalid_option', `"lang" must be one of ${LANGUAGES.join(', ')}`);
    return explicit as Lang;
  }
  return langFromAcceptLanguage(req.headers['accept-language']);
}

function bearer(req: Request): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

/** Hash of a key for rate-limit buckets and logs: the key itself is never stored or printed. */
function keyFingerprint(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/** Compares digests in constant time, so response timing says nothing about how much of a key matched. */
function requireApiKey(keys: readonly string[]): RequestHandler {
  const digests = keys.map((k) => createHash('sha256').update(k).digest());
  return (req, _res, next) => {
    if (digests.length === 0) return next();
    const given = bearer(req);
    if (given === undefined)
      return next(
        new RequestError(401, 'missing_api_key', 'this service needs an API key: send Authorization: Bearer <key>'),
      );
    const digest = createHash('sha256').update(given).digest();
    let ok = false;
    for (const d of digests) ok = timingSafeEqual(d, digest) || ok;
    if (!ok) return next(new RequestError(401, 'invalid_api_key', 'the API key is not valid'));
    next();
  };
}

/** The file from a multipart field `file` or a CSV body. */
function uploadedFile(req: Request): { fileName: string; bytes: Uint8Array } {
  return uploadedBytes(req, {
    what: 'the CSV',
    howToSend: 'send the CSV as multipart/form-data (field "file") or with Content-Type: text/csv',
    bodyFileName: 'upload.csv',
  });
}

/** An upload from the multipart field `file` or the raw body; anything else is a 400/415 saying what to send. */
function uploadedBytes(
  req: Request,
  expected: { what: string; howToSend: string; bodyFileName: string },
): { fileName: string; bytes: Uint8Array } {
  if (req.is('multipart/form-data')) {
    if (req.file === undefined)
      throw new RequestError(
        400,
        'missing_file',
        `no file uploaded: send ${expected.what} in the multipart field "file"`,
      );
    return { fileName: safeFileName(req.file.originalname), bytes: req.file.buffer };
  }
  if (!Buffer.isBuffer(req.body))
    throw new RequestError(415, 'unsupported_media_type', expected.howToSend, {
      contentType: req.headers['content-type'] ?? null,
    });
  if (req.body.length === 0) throw new RequestError(400, 'missing_file', 'the request body is empty');
  return { fileName: expected.bodyFileName, bytes: req.body };
}

function stringParam(req: Request, name: string): string | undefined {
  const fromBody =
    req.is('multipart/form-data') || req.is('application/json')
      ? (req.body as Record<string, unknown> | undefined)?.[name]
      : undefined;
  const value =
    typeof fromBody === 'boolean' || typeof fromBody === 'number' ? String(fromBody) : (fromBody ?? req.query[name]);
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new RequestError(400, 'invalid_option', `"${name}" must be given once, as text`);
  return value;
}

/** Only for messages: a name the user recognises, with no path and no control characters. */
function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200);
  return clean === '' ? 'upload.csv' : clean;
}
