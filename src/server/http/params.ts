import type { Request } from 'express';
import type { z } from 'zod';
import { parseOptions } from '../../analysis';
import { AppError } from '../../errors';
import type { MessageCode } from '../../i18n';
import { langFromAcceptLanguage } from './language';

/**
 * The option fields of a request, for the schema's names only: query parameters, and the fields of
 * a multipart or JSON body (the body wins). A name given twice is refused rather than guessed.
 */
function requestFields(req: Request, names: readonly string[]): Record<string, unknown> {
  const body =
    (req.is('multipart/form-data') || req.jsonBytes !== undefined) && isRecord(req.body)
      ? (req.body as Record<string, unknown>)
      : {};
  const query = req.query as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const name of names) {
    const value = Object.hasOwn(body, name) ? body[name] : Object.hasOwn(query, name) ? query[name] : undefined;
    if (value === undefined) continue;
    if (Array.isArray(value) && !(req.jsonBytes !== undefined && Object.hasOwn(body, name)))
      throw invalidOption(name, '', 'option.once');
    fields[name] = value;
  }
  return fields;
}

/**
 * A route's options through the one options schema, named as the HTTP caller wrote them (`asOf`).
 * The language defaults to Accept-Language; the paper size is read in any case ("letter"); `defaults`
 * are the service's own (BASE_CURRENCY), used where the request names nothing.
 */
export function requestOptions<S extends z.ZodObject>(
  req: Request,
  schema: S,
  defaults: Record<string, unknown> = {},
): z.output<S> {
  const names = Object.keys(schema.shape);
  const fields = { ...defaults, ...requestFields(req, names) };
  if (names.includes('lang') && fields.lang === undefined)
    fields.lang = langFromAcceptLanguage(req.headers['accept-language']);
  if (typeof fields.paper === 'string') fields.paper = fields.paper.toUpperCase();
  return parseOptions(schema, fields, 'http');
}

/** `?limit=`: rows of a list to include, a whole number from 0 to `max`. */
export function limitParam(req: Request, fallback: number, max: number): number {
  const raw = requestFields(req, ['limit']).limit;
  if (raw === undefined) return fallback;
  const text = String(raw);
  const n = /^\d{1,9}$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= 0 && n <= max))
    throw new AppError('bad_request', 'invalid_option', {
      params: { option: 'limit', value: text.slice(0, 100), reason: { code: 'option.limit', params: { max } } },
      location: { column: 'limit', value: text.slice(0, 100) },
    });
  return n;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function isUuid(id: string): boolean {
  return UUID.test(id);
}

/** An id from the path, checked before any look-up: a UUID (analyses, batches) or a portfolio id. */
export function idParam(
  value: string | string[] | undefined,
  check: (id: string) => boolean,
  example: 'id.analysis' | 'id.batch' | 'id.portfolio' | 'id.saved_portfolio',
): string {
  if (typeof value !== 'string' || !check(value))
    throw new AppError('bad_request', 'invalid_id', { params: { reason: { code: example, params: {} } } });
  return value;
}

function invalidOption(name: string, value: string, reason: MessageCode): AppError {
  return new AppError('bad_request', 'invalid_option', {
    params: { option: name, value, reason: { code: reason, params: {} } },
    location: { column: name, value },
  });
}

function isRecord(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Buffer.isBuffer(v) && !Array.isArray(v);
}
