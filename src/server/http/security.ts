import { createHash, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, MemoryStore, rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import { AppError } from '../../errors';

/**
 * Security headers. HSTS and `upgrade-insecure-requests` only when clients reach the service over
 * HTTPS (`TLS_PROXY`): over plain HTTP they would tell browsers to try an HTTPS that is not there.
 */
export function securityHeaders({ https }: { https: boolean }): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        ...(https && { upgradeInsecureRequests: [] }),
      },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
}

/** Who is calling: the owner of what they create and may read, or why they could not be identified. */
type Caller = { owner: string } | { failure: 'missing_api_key' | 'invalid_api_key' };

/** Without API keys there is one owner: everyone who can reach the service. */
const SOLE_OWNER = '';

declare module 'express-serve-static-core' {
  interface Request {
    caller?: Caller;
  }
}

/** Hash of a key for owners, rate-limit buckets and logs: the key itself is never stored or printed. */
function keyFingerprint(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

/**
 * Identifies the caller from `Authorization: Bearer <key>` (the scheme in any case), comparing
 * digests in constant time with every key, so timing says nothing about how much of a key matched.
 * It refuses nothing: the rate limiter counts first, then `requireCaller` answers 401.
 */
export function identifyCaller(keys: readonly string[]): RequestHandler {
  const digests = keys.map((k) => createHash('sha256').update(k).digest());
  return (req, _res, next) => {
    if (digests.length === 0) {
      req.caller = { owner: SOLE_OWNER };
      return next();
    }
    const given = bearer(req);
    if (given === undefined) {
      req.caller = { failure: 'missing_api_key' };
      return next();
    }
    const digest = createHash('sha256').update(given).digest();
    let ok = false;
    for (const d of digests) ok = timingSafeEqual(d, digest) || ok;
    req.caller = ok ? { owner: `key:${keyFingerprint(given)}` } : { failure: 'invalid_api_key' };
    next();
  };
}

function bearer(req: Request): string | undefined {
  const m = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(req.headers.authorization ?? '');
  return m?.[1];
}

/** The rate-limit bucket: an identified key's own, else the client's address (IPv6 by /56 network). */
function bucket(req: Request): string {
  return req.caller !== undefined && 'owner' in req.caller && req.caller.owner !== SOLE_OWNER
    ? req.caller.owner
    : `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
}

/**
 * Requests per minute per key (or per address), counted before authentication; a failed
 * authentication counts twice, so guessing keys hits the limit at half the pace.
 */
export function rateLimiter(perMinute: number): { limit: RequestHandler; penalise: (req: Request) => Promise<void> } {
  if (perMinute <= 0) return { limit: (_req, _res, next) => next(), penalise: async () => {} };
  const store = new MemoryStore();
  const limit = rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    store,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: bucket,
    handler: (req, _res, next) => {
      const reset = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
      const retryAfter = reset === undefined ? 60 : Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000));
      next(new AppError('rate_limited', 'rate_limited', { retryAfter }));
    },
  });
  return {
    limit,
    penalise: async (req) => {
      await store.increment(bucket(req));
    },
  };
}

/** 401 for a missing or wrong key (after the limiter counted it, twice). */
export function requireCaller(penalise: (req: Request) => Promise<void>): RequestHandler {
  return (req, _res, next) => {
    const caller = req.caller;
    if (caller !== undefined && 'owner' in caller) return next();
    const code = caller?.failure ?? 'missing_api_key';
    penalise(req).then(
      () => next(new AppError('unauthorised', code)),
      (err: unknown) => next(err),
    );
  };
}

/** The owner of the request (set by identifyCaller and checked by requireCaller before any route). */
export function ownerOf(req: Request): string {
  const caller = req.caller;
  if (caller === undefined || !('owner' in caller)) throw new AppError('unauthorised', 'missing_api_key');
  return caller.owner;
}

/** Headers that tell a client a response is private: never stored by a shared cache. */
export const noStore = (_req: Request, res: Response, next: () => void): void => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};
