import type { Request } from 'express';
import { AnalysisOptionsSchema } from '../../analysis';
import { AppError } from '../../errors';
import type { MessageCode } from '../../i18n';
import { MAX_BACKFILL_MONTHS } from '../../monitor/backfill';
import { parseIsoDay } from '../../shared/dates';
import type { HoldingsUpload } from '../analysis-runner';
import { holdingsUpload } from './uploads';

/** A saved portfolio's analysis options: every option of an analysis but the date (each run has its own). */
export const PortfolioOptionsSchema = AnalysisOptionsSchema.omit({ asOf: true, lang: true, paper: true });

/** Fields of a saved portfolio besides its holdings and options, in a JSON body, multipart fields or the query. */
export interface PortfolioRequestFields {
  name?: string;
  webhookUrl?: string | null;
  alerts?: string[];
  schedule?: boolean;
}

const FIELD_NAMES = ['name', 'webhookUrl', 'alerts', 'schedule'] as const;

function bad(reason: MessageCode, params: Record<string, string | number> = {}, column?: string): AppError {
  return new AppError('bad_request', 'invalid_portfolio', {
    params: { reason: { code: reason, params } },
    ...(column !== undefined && { location: { column } }),
  });
}

/** The body's fields (JSON or multipart) over the query's. */
function rawFields(req: Request): Record<string, unknown> {
  const body =
    (req.jsonBytes !== undefined || req.is('multipart/form-data')) && typeof req.body === 'object' && req.body !== null
      ? (req.body as Record<string, unknown>)
      : {};
  return { ...(req.query as Record<string, unknown>), ...body };
}

export function portfolioFields(req: Request): PortfolioRequestFields {
  const raw = rawFields(req);
  const out: PortfolioRequestFields = {};
  if (raw.name !== undefined) {
    const name = raw.name;
    if (typeof name !== 'string' || name.trim() === '' || name.length > 100 || /[\u0000-\u001f\u007f]/.test(name))
      throw bad('portfolio.name', {}, 'name');
    out.name = name.trim();
  }
  if (raw.webhookUrl !== undefined) {
    const url = raw.webhookUrl;
    if (url !== null && typeof url !== 'string')
      throw bad('portfolio.type', { field: 'webhookUrl', expected: 'a URL or null' });
    out.webhookUrl = url === '' ? null : url;
  }
  if (raw.alerts !== undefined) {
    const list = typeof raw.alerts === 'string' ? [raw.alerts] : raw.alerts;
    if (!Array.isArray(list) || !list.every((a) => typeof a === 'string'))
      throw bad('portfolio.type', { field: 'alerts', expected: 'a list of thresholds such as "score >= 60"' });
    out.alerts = list as string[];
  }
  if (raw.schedule !== undefined) {
    const s = raw.schedule;
    if (s !== true && s !== false && s !== 'true' && s !== 'false')
      throw bad('portfolio.type', { field: 'schedule', expected: 'true or false' });
    out.schedule = s === true || s === 'true';
  }
  return out;
}

/** Whether the request carries holdings (a file, a CSV body or JSON `holdings`): a PUT may leave them out. */
export function hasHoldings(req: Request): boolean {
  if (req.jsonBytes !== undefined) return Object.hasOwn(req.body as object, 'holdings');
  if (req.is('multipart/form-data')) return req.file !== undefined;
  return Buffer.isBuffer(req.body) && req.body.length > 0;
}

/** The holdings as uploaded; JSON keeps only `holdings` (the portfolio's other fields are stored apart). */
export function portfolioUpload(req: Request): HoldingsUpload {
  const { upload } = holdingsUpload(req);
  if (upload.kind === 'json')
    return { kind: 'json', body: { holdings: (upload.body as { holdings?: unknown }).holdings } };
  return upload;
}

/** Whether any option field is named (a PUT changes options only when it names some). */
export function namesOptions(req: Request): boolean {
  const raw = rawFields(req);
  return Object.keys(PortfolioOptionsSchema.shape).some((k) => raw[k] !== undefined);
}

/** Known fields of a JSON body, so a misspelt one is told rather than ignored. */
export function checkJsonFields(req: Request): void {
  if (req.jsonBytes === undefined) return;
  const known = new Set<string>([
    ...FIELD_NAMES,
    'holdings',
    'backfillMonths',
    ...Object.keys(PortfolioOptionsSchema.shape),
  ]);
  const unknown = Object.keys(req.body as object).find((k) => !known.has(k));
  if (unknown !== undefined)
    throw bad('portfolio.field', { field: unknown.slice(0, 60), fields: [...known].join(', ') }, unknown.slice(0, 60));
}

/** `backfillMonths` (creation) or `months` (POST …/backfill): 0 to MAX_BACKFILL_MONTHS. */
export function monthsParam(req: Request, name: 'backfillMonths' | 'months', fallback: number): number {
  const raw = rawFields(req)[name];
  if (raw === undefined) return fallback;
  const text = String(raw);
  const n = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
  const min = name === 'months' ? 1 : 0;
  if (!(n >= min && n <= MAX_BACKFILL_MONTHS))
    throw new AppError('bad_request', 'invalid_option', {
      params: {
        option: name,
        value: text.slice(0, 100),
        reason: { code: 'option.months', params: { max: MAX_BACKFILL_MONTHS } },
      },
      location: { column: name, value: text.slice(0, 100) },
    });
  return n;
}

/** `?from=` / `?to=`: a date YYYY-MM-DD. */
export function dateParam(req: Request, name: 'from' | 'to'): string | undefined {
  const raw = (req.query as Record<string, unknown>)[name];
  if (raw === undefined) return undefined;
  const text = String(raw);
  if (typeof raw !== 'string' || parseIsoDay(text) === null)
    throw new AppError('bad_request', 'invalid_option', {
      params: { option: name, value: text.slice(0, 100), reason: { code: 'option.history_date', params: {} } },
      location: { column: name, value: text.slice(0, 100) },
    });
  return text;
}

/** `?offset=`: rows of a list to skip. */
export function offsetParam(req: Request): number {
  const raw = (req.query as Record<string, unknown>).offset;
  if (raw === undefined) return 0;
  const text = String(raw);
  if (!/^\d{1,9}$/.test(text))
    throw new AppError('bad_request', 'invalid_option', {
      params: { option: 'offset', value: text.slice(0, 100), reason: { code: 'option.whole_number', params: {} } },
      location: { column: 'offset', value: text.slice(0, 100) },
    });
  return Number(text);
}
