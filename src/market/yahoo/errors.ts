import { CircuitOpenError, TimeoutError } from '../resilience';

type YahooFailureKind =
  | 'network'
  | 'timeout'
  | 'rate-limited'
  | 'server'
  | 'not-found'
  | 'invalid-response'
  | 'circuit-open'
  | 'other';

export interface YahooFailure {
  kind: YahooFailureKind;
  status?: number;
  message: string;
}

/**
 * yahoo-finance2 does not export its error classes: we read name, code and cause. Offline it throws
 * TypeError('fetch failed') with cause.code ENOTFOUND/ECONNREFUSED; HTTP failures are
 * name 'HTTPError' with code = status; Yahoo's "No data found"/"Not Found" mean the symbol has no
 * such data; schema problems are FailedYahooValidationError or plain TypeErrors.
 */
export function classifyYahooError(err: unknown): YahooFailure {
  if (err instanceof CircuitOpenError) return { kind: 'circuit-open', message: err.message };
  if (err instanceof TimeoutError) return { kind: 'timeout', message: err.message };
  const e = err as { name?: string; code?: unknown; message?: string; cause?: { code?: string } };
  const message = typeof e?.message === 'string' ? e.message : String(err);
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError') return { kind: 'timeout', message };
  if (e?.name === 'HTTPError' && typeof e.code === 'number') {
    const status = e.code;
    if (status === 429) return { kind: 'rate-limited', status, message };
    if (status === 404) return { kind: 'not-found', status, message };
    if (status === 401 || status === 403)
      return { kind: 'rate-limited', status, message: `${message} (Yahoo refused the session: crumb or cookie)` };
    if (status >= 500) return { kind: 'server', status, message };
    return { kind: 'other', status, message };
  }
  if (/not parsable|unexpected (end|token)|failed yahoo schema validation/i.test(message))
    return { kind: 'invalid-response', message };
  if (/no (fundamentals )?data found|not found|delisted/i.test(message)) return { kind: 'not-found', message };
  if (/invalid crumb|too many requests/i.test(message)) return { kind: 'rate-limited', message };
  if (e?.name === 'TypeError' && /fetch failed/i.test(message))
    return { kind: 'network', message: `${message}${e.cause?.code ? ` (${e.cause.code})` : ''}` };
  if (e?.name === 'FailedYahooValidationError' || e?.name === 'SyntaxError' || e?.name === 'TypeError')
    return { kind: 'invalid-response', message };
  return { kind: 'other', message };
}

/** Worth another try: the source may answer next time. */
export function isRetryable(err: unknown): boolean {
  const kind = classifyYahooError(err).kind;
  return kind === 'network' || kind === 'timeout' || kind === 'rate-limited' || kind === 'server';
}

/** Says something about the source's health (a missing symbol does not). */
export function countsAgainstSource(err: unknown): boolean {
  const kind = classifyYahooError(err).kind;
  return kind !== 'not-found';
}
