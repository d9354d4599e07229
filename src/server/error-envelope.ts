import type { ErrorRequestHandler, RequestHandler } from 'express';
import { MulterError } from 'multer';
import { ConfigError, InputError, type InputErrorCode } from '../errors';
import { MarketDataUnavailableError } from '../market/errors';
import { BusyError, TaskTimeoutError } from './worker-pool';
import { StorageError } from './analysis-store';

/** The one error shape every route answers with. */
export interface ErrorEnvelope {
  error: { code: string; message: string; details: Record<string, unknown> };
}

/** A mistake in the request itself (not its CSV content): answered with `status`. */
export class RequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const INPUT_STATUS: Partial<Record<InputErrorCode, number>> = {
  invalid_option: 400,
  file_too_large: 413,
  too_many_rows: 413,
  unsupported_format: 415,
};

export function envelope(code: string, message: string, details: Record<string, unknown> = {}): ErrorEnvelope {
  return { error: { code, message, details } };
}

export const notFound: RequestHandler = (req, res) => {
  res.status(404).json(envelope('not_found', `no route ${req.method} ${req.path}`));
};

/**
 * Maps every error to the envelope: the user's mistakes to 4xx with what and where; anything else
 * to 500 with a request id, logged with its stack and never shown to the caller.
 */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (err instanceof InputError) {
    res
      .status(INPUT_STATUS[err.code] ?? 422)
      .json(envelope(err.code, err.message, { ...err.location, ...err.details }));
    return;
  }
  if (err instanceof StorageError) {
    req.log?.error({ err }, 'storage failed');
    if (err.kind === 'busy') res.setHeader('Retry-After', '5');
    const status = err.kind === 'full' ? 507 : err.kind === 'busy' ? 503 : 500;
    res
      .status(status)
      .json(
        envelope(
          err.kind === 'full' ? 'insufficient_storage' : err.kind === 'busy' ? 'storage_busy' : 'storage_unavailable',
          err.message,
        ),
      );
    return;
  }
  if (err instanceof BusyError) {
    res.setHeader('Retry-After', String(err.retryAfterSeconds));
    res.status(503).json(envelope('busy', err.message));
    return;
  }
  if (err instanceof TaskTimeoutError) {
    res.setHeader('Retry-After', '30');
    res.status(503).json(envelope('analysis_timeout', err.message));
    return;
  }
  if (err instanceof MarketDataUnavailableError) {
    res.setHeader('Retry-After', String(err.retryAfterSeconds));
    res.status(503).json(envelope('market_data_unavailable', err.message, { symbols: err.symbols }));
    return;
  }
  if (err instanceof RequestError) {
    res.status(err.status).json(envelope(err.code, err.message, err.details));
    return;
  }
  if (err instanceof MulterError) {
    const tooLarge =
      err.code === 'LIMIT_FILE_SIZE' ||
      err.code === 'LIMIT_FIELD_VALUE' ||
      err.code === 'LIMIT_PART_COUNT' ||
      err.code === 'LIMIT_FILE_COUNT' ||
      err.code === 'LIMIT_FIELD_COUNT';
    res
      .status(tooLarge ? 413 : 400)
      .json(envelope(tooLarge ? 'payload_too_large' : 'invalid_upload', uploadMessage(err)));
    return;
  }
  // busboy (under multer) throws plain Errors for broken multipart bodies: the client's mistake.
  if (
    err instanceof Error &&
    /^(Multipart: |Unexpected end of form|Malformed part header|Malformed urlencoded form)/.test(err.message)
  ) {
    res.status(400).json(envelope('invalid_upload', `the multipart body could not be read: ${err.message}`));
    return;
  }
  const status =
    typeof err?.status === 'number' ? err.status : typeof err?.statusCode === 'number' ? err.statusCode : 500;
  if (status === 413) {
    res.status(413).json(envelope('payload_too_large', 'the upload is larger than the limit'));
    return;
  }
  if (status >= 400 && status < 500) {
    // body-parser and busboy failures: malformed bodies, bad encodings, broken multipart.
    res
      .status(status)
      .json(
        envelope('invalid_request', typeof err?.message === 'string' ? err.message : 'the request could not be read'),
      );
    return;
  }
  req.log?.error({ err }, 'request failed');
  const message = err instanceof ConfigError ? 'the service is misconfigured' : 'internal error';
  res.status(500).json(envelope('internal_error', message, { requestId: String(req.id ?? '') }));
};

function uploadMessage(err: MulterError): string {
  switch (err.code) {
    case 'LIMIT_FILE_SIZE':
      return 'the uploaded file is larger than the limit';
    case 'LIMIT_UNEXPECTED_FILE':
      return `unexpected file field "${err.field ?? ''}": send the CSV in the field "file"`;
    default:
      return err.message;
  }
}
