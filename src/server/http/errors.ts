import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError } from '../../errors';
import type { MessageCode } from '../../i18n';
import { langFromAcceptLanguage } from './language';

/** The one error shape every route answers with. */
interface ErrorEnvelope {
  error: { code: string; message: string; details: Record<string, unknown> };
}

/** A request-level mistake whose message is one catalogue reason ("upload.broken_multipart"). */
export function requestError(
  kind: AppError['kind'],
  code: AppError['code'],
  reason: MessageCode,
  params: Record<string, string | number> = {},
): AppError {
  return new AppError(kind, code, { params: { reason: { code: reason, params } } });
}

export const notFound: RequestHandler = (req, _res, next) => {
  next(
    new AppError('not_found', 'not_found', {
      params: {
        reason: { code: 'notfound.route', params: { method: req.method.slice(0, 16), path: req.path.slice(0, 200) } },
      },
    }),
  );
};

/**
 * Every error as the envelope, in the reader's language: an AppError with its status, code, place
 * and Retry-After; a parser's complaint about the request as a 4xx; anything else (a bug) as a 500
 * with the request id, logged with its stack and never shown. Misconfigurations are logged too and
 * shown only as "misconfigured": their details may name server paths.
 */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const known = asAppError(err);
  const lang = langFromAcceptLanguage(req.headers['accept-language']);
  if (known === null || isHidden(known)) {
    req.log?.error({ err, details: known?.details }, 'request failed');
    const shown =
      known?.kind === 'misconfigured'
        ? new AppError('misconfigured', 'misconfigured', { params: { reason: { code: 'config.service', params: {} } } })
        : new AppError('internal', 'internal');
    res.status(shown.status).json(envelope(internalCode(shown), shown.describe(lang), { requestId: String(req.id) }));
    return;
  }
  if (known.status >= 500) req.log?.warn({ code: known.code, kind: known.kind }, 'request refused');
  if (known.retryAfter !== undefined) res.setHeader('Retry-After', String(Math.ceil(known.retryAfter)));
  res.status(known.status).json(envelope(known.code, known.describe(lang), { ...known.location, ...known.details }));
};

function envelope(code: string, message: string, details: Record<string, unknown>): ErrorEnvelope {
  return { error: { code, message, details } };
}

/** A bug (internal) or a misconfiguration: logged in full, shown as one line without details. */
function isHidden(err: AppError): boolean {
  return err.code === 'internal' || err.kind === 'misconfigured';
}

function internalCode(err: AppError): string {
  return err.kind === 'misconfigured' ? 'misconfigured' : 'internal_error';
}

/**
 * What Express and its parsers throw for a malformed request (they set a 4xx `status`), as an
 * AppError; null for anything else, which is a bug.
 */
function asAppError(err: unknown): AppError | null {
  if (err instanceof AppError) return err;
  const status =
    (err as { status?: unknown; statusCode?: unknown })?.status ?? (err as { statusCode?: unknown })?.statusCode;
  if (typeof status !== 'number' || status < 400 || status >= 500) return null;
  if (status === 413) return requestError('too_large', 'invalid_request', 'request.too_large');
  if (status === 415) return requestError('unsupported_media', 'invalid_request', 'request.unsupported_encoding');
  return requestError('bad_request', 'invalid_request', 'request.unreadable');
}
