import { randomUUID } from 'node:crypto';
import express, { type Request } from 'express';
import multer from 'multer';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { analysePortfolio } from '../analyse-portfolio';
import { importHoldings, isinResolverFor, previewJson } from '../holdings';
import type { MarketDataProvider } from '../market';
import { errorHandler, notFound, RequestError } from './error-envelope';

export interface AppDeps {
  market: MarketDataProvider;
  logger: Logger;
  maxUploadBytes: number;
}

export function createApp({ market, logger, maxUploadBytes }: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const id = randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // A portfolio is personal financial data: log the request line, never the body.
      serializers: { req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }) },
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: maxUploadBytes, files: 1, fields: 10, fieldSize: 1024 } });
  const csvBody = express.raw({ type: ['text/csv', 'text/plain', 'application/csv', 'text/tab-separated-values'], limit: maxUploadBytes });
  const readUpload: express.RequestHandler = (req, res, next) => (req.is('multipart/form-data') ? upload.single('file')(req, res, next) : csvBody(req, res, next));

  app.post('/api/v1/holdings/preview', readUpload, async (req, res) => {
    res.json(previewJson(await importHoldings(uploadedFile(req), { isinResolver: isinResolverFor(market) })));
  });

  app.post('/api/v1/analyses', readUpload, async (req, res) => {
    const asOf = stringParam(req, 'asOf');
    const baseCurrency = stringParam(req, 'baseCurrency');
    const notional = stringParam(req, 'notionalValue');
    const notionalValue = notional === undefined ? undefined : Number(notional);
    if (notionalValue !== undefined && !(notionalValue > 0)) throw new RequestError(400, 'invalid_option', '"notionalValue" must be a positive amount');
    const report = await analysePortfolio(
      { file: uploadedFile(req), strict: stringParam(req, 'strict') === 'true', ...(asOf !== undefined && { asOf }), ...(notionalValue !== undefined && { notionalValue }), ...(baseCurrency !== undefined && { baseCurrency }) },
      { market },
    );
    res.json(report);
  });

  app.use(notFound);
  app.use(errorHandler);
  return app;
}

/** The file from a multipart field `file` or a CSV body; anything else is a 400/415 with a reason. */
function uploadedFile(req: Request): { fileName: string; bytes: Uint8Array } {
  if (req.is('multipart/form-data')) {
    if (req.file === undefined) throw new RequestError(400, 'missing_file', 'no file uploaded: send the CSV in the multipart field "file"');
    return { fileName: safeFileName(req.file.originalname), bytes: req.file.buffer };
  }
  if (!Buffer.isBuffer(req.body)) {
    throw new RequestError(415, 'unsupported_media_type', 'send the CSV as multipart/form-data (field "file") or with Content-Type: text/csv', {
      contentType: req.headers['content-type'] ?? null,
    });
  }
  if (req.body.length === 0) throw new RequestError(400, 'missing_file', 'the request body is empty');
  return { fileName: 'upload.csv', bytes: req.body };
}

function stringParam(req: Request, name: string): string | undefined {
  const fromBody = req.is('multipart/form-data') ? (req.body as Record<string, unknown> | undefined)?.[name] : undefined;
  const value = fromBody ?? req.query[name];
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
