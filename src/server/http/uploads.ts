import express, { type Request, type RequestHandler } from 'express';
import multer, { MulterError } from 'multer';
import { AppError } from '../../errors';
import { parseUserTheme, type ThemeUpload } from '../../theme/user-theme';
import { MAX_JSON_DEPTH, jsonDepthExceeds } from '../../shared/json-limits';
import type { HoldingsUpload } from '../analysis-runner';
import { requestError } from './errors';

/** What a route accepts as its upload. */
export interface UploadRules {
  /** Body and file limit, enforced while the bytes stream in. */
  maxBytes: number;
  /** Content types read as the file itself (besides multipart/form-data with the field "file"). */
  rawTypes: readonly string[];
  /** Whether application/json is accepted (holdings as JSON): read raw, checked, then parsed. */
  json: boolean;
  /** Whether a multipart upload may carry a user's theme file in the part "theme" beside "file". */
  theme?: boolean;
}

/** Option fields a multipart upload may carry beside its file, and their size. */
const MULTIPART_LIMITS = { fields: 20, fieldSize: 1024, headerPairs: 100 } as const;

/**
 * The one upload reader: multipart (multer, in memory: nothing is written to disk), a raw body of
 * the accepted types, or JSON. Every limit applies while the body streams in, and every parser's
 * complaint becomes an AppError naming the limit or the mistake.
 */
export function uploadReader(rules: UploadRules): RequestHandler {
  const files = rules.theme === true ? 2 : 1;
  const multipart = multer({
    storage: multer.memoryStorage(),
    limits: { ...MULTIPART_LIMITS, files, parts: MULTIPART_LIMITS.fields + files, fileSize: rules.maxBytes },
  }).fields([{ name: 'file', maxCount: 1 }, ...(rules.theme === true ? [{ name: 'theme', maxCount: 1 }] : [])]);
  const raw = express.raw({ type: [...rules.rawTypes], limit: rules.maxBytes });
  const json = express.raw({ type: ['application/json', 'application/*+json'], limit: rules.maxBytes });
  return (req, res, next) => {
    const done = (err?: unknown) => next(err === undefined ? undefined : uploadError(err, rules.maxBytes));
    if (req.is('multipart/form-data')) return multipart(req, res, (err?: unknown) => done(err ?? namedParts(req)));
    if (rules.json && req.is(['application/json', 'application/*+json']))
      return json(req, res, (err?: unknown) => (err === undefined ? parseJsonBody(req, done) : done(err)));
    return raw(req, res, done);
  };
}

/** The parts by name: `req.file` for "file", `req.themeFile` for "theme". */
function namedParts(req: Request): undefined {
  const parts = req.files as Record<string, Express.Multer.File[]> | undefined;
  req.file = parts?.file?.[0];
  req.themeFile = parts?.theme?.[0];
  return undefined;
}

/** The JSON body: refused past the nesting limit before it is parsed, then parsed; `req.body` holds the value. */
function parseJsonBody(req: Request, next: (err?: unknown) => void): void {
  try {
    const bytes: unknown = req.body;
    if (!Buffer.isBuffer(bytes) || bytes.length === 0)
      throw requestError('bad_request', 'missing_file', 'upload.empty_body');
    if (jsonDepthExceeds(bytes, MAX_JSON_DEPTH))
      throw requestError('bad_request', 'invalid_request', 'request.json_too_deep', { limit: MAX_JSON_DEPTH });
    req.body = parseJson(bytes);
    req.jsonBytes = bytes;
  } catch (err) {
    next(err);
    return;
  }
  next();
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw requestError('bad_request', 'invalid_request', 'request.bad_json');
  }
}

declare module 'express-serve-static-core' {
  interface Request {
    /** The bytes of a JSON body as received (the result cache keys on them, never on a re-serialisation). */
    jsonBytes?: Buffer;
    /** A user's theme file sent in the multipart part "theme". */
    themeFile?: Express.Multer.File;
  }
}

function uploadError(err: unknown, maxBytes: number): unknown {
  const limitMb = maxBytes / 1048576;
  if (err instanceof MulterError) {
    switch (err.code) {
      case 'LIMIT_FILE_SIZE':
        return new AppError('too_large', 'payload_too_large', { params: { limitMb } });
      case 'LIMIT_UNEXPECTED_FILE':
        return requestError('bad_request', 'invalid_upload', 'upload.unexpected_field', {
          field: String(err.field ?? '').slice(0, 100),
        });
      default:
        return requestError('too_large', 'invalid_upload', 'upload.too_many_parts');
    }
  }
  const type = (err as { type?: unknown })?.type;
  if (type === 'entity.too.large') return new AppError('too_large', 'payload_too_large', { params: { limitMb } });
  // busboy (under multer) throws plain Errors for broken multipart bodies: the client's mistake.
  if (err instanceof Error && /^(Multipart: |Unexpected end of form|Malformed part header)/.test(err.message))
    return requestError('bad_request', 'invalid_upload', 'upload.broken_multipart');
  return err;
}

/** Where the upload's file is: the multipart field "file", or the raw body. */
export function uploadedFile(
  req: Request,
  expected: { what: 'csv' | 'batch'; bodyFileName: string },
): { fileName: string; bytes: Buffer } {
  if (req.is('multipart/form-data')) {
    if (req.file === undefined)
      throw new AppError('bad_request', 'missing_file', {
        params: {
          reason: { code: 'upload.no_file', params: { what: { code: `upload.what_${expected.what}`, params: {} } } },
        },
      });
    return { fileName: safeFileName(req.file.originalname, expected.bodyFileName), bytes: req.file.buffer };
  }
  if (!Buffer.isBuffer(req.body))
    throw new AppError('unsupported_media', 'unsupported_media_type', {
      params: { reason: { code: `upload.send_${expected.what}`, params: {} } },
      details: { contentType: String(req.headers['content-type'] ?? '').slice(0, 200) || null },
    });
  if (req.body.length === 0) throw requestError('bad_request', 'missing_file', 'upload.empty_body');
  return { fileName: expected.bodyFileName, bytes: req.body };
}

/** A name the user recognises in messages and reports: no folders, no control characters, bounded. */
function safeFileName(name: string, fallback: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200);
  return clean === '' ? fallback : clean;
}

/** A holdings upload as the runner reads it, with the name and bytes that identify it (for the result cache). */
export function holdingsUpload(req: Request): { upload: HoldingsUpload; fileName: string; bytes: Uint8Array } {
  if (req.jsonBytes !== undefined)
    return { upload: { kind: 'json', body: req.body }, fileName: 'holdings.json', bytes: req.jsonBytes };
  const { fileName, bytes } = uploadedFile(req, { what: 'csv', bodyFileName: 'upload.csv' });
  return { upload: { kind: 'file', fileName, bytes }, fileName, bytes };
}

/** The user's theme file of this upload, validated here (a bad one is a 422 at once, naming the field). */
export function themeUpload(req: Request): ThemeUpload | undefined {
  const part = req.themeFile;
  if (part === undefined) return undefined;
  const fileName = safeFileName(part.originalname, 'theme.json');
  const text = part.buffer.toString('utf8');
  parseUserTheme(text, fileName);
  return { fileName, text };
}
