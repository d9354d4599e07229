/**
 * The small set of guards every call to a remote data source goes through: bounded concurrency,
 * retries with exponential back-off and full jitter, a per-call timeout, a circuit breaker, and
 * single-flight (concurrent requests for the same key share one call).
 */

export interface RetryPolicy {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 250, maxDelayMs: 4000 };

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `fn`, retrying while `retryable(err)` with delays drawn uniformly from [0, min(max, base·2^attempt)]. */
export async function withRetry<T>(
  fn: () => Promise<T>,
  retryable: (err: unknown) => boolean,
  policy: RetryPolicy,
  sleep: Sleep = realSleep,
  random = Math.random,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= policy.retries || !retryable(err)) throw err;
      await sleep(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt));
    }
  }
}

export class CircuitOpenError extends Error {
  override readonly name = 'CircuitOpenError';
  constructor(readonly retryAtMs: number) {
    super('the data source is failing; calls are paused (circuit open)');
  }
}

/**
 * Closed → after `threshold` consecutive failures → open (calls fail at once) → after `cooldownMs`
 * → half-open (one trial call; success closes, failure re-opens).
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | null = null;
  private trialInFlight = false;

  constructor(
    private readonly threshold = 5,
    private readonly cooldownMs = 30_000,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.openedAt === null) return 'closed';
    return this.now() - this.openedAt >= this.cooldownMs ? 'half-open' : 'open';
  }

  /** `counts(err)` says whether a failure tells about the source's health (a 404 for one symbol does not). */
  async run<T>(fn: () => Promise<T>, counts: (err: unknown) => boolean = () => true): Promise<T> {
    const state = this.state;
    if (state === 'open' || (state === 'half-open' && this.trialInFlight))
      throw new CircuitOpenError(this.openedAt! + this.cooldownMs);
    if (state === 'half-open') this.trialInFlight = true;
    try {
      const result = await fn();
      this.failures = 0;
      this.openedAt = null;
      return result;
    } catch (err) {
      if (counts(err)) {
        this.failures++;
        if (state === 'half-open' || this.failures >= this.threshold) this.openedAt = this.now();
      } else if (state === 'half-open') {
        this.openedAt = null; // the source answered, even if not with data
        this.failures = 0;
      }
      throw err;
    } finally {
      if (state === 'half-open') this.trialInFlight = false;
    }
  }
}

/** At most `limit` calls at once; the rest wait their turn in order. */
export class Limiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

/** Concurrent calls with the same key share one promise. */
export class SingleFlight<T> {
  private readonly inFlight = new Map<string, Promise<T>>();
  run(key: string, fn: () => Promise<T>): Promise<T> {
    const existing = this.inFlight.get(key);
    if (existing !== undefined) return existing;
    const p = fn().finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, p);
    return p;
  }
}

/** Wraps fetch so every request is aborted after `timeoutMs` (and honours the caller's own signal). */
export function fetchWithTimeout(fetchImpl: typeof fetch, timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new TimeoutError(timeoutMs)), timeoutMs);
    const outer = init?.signal;
    if (outer) outer.addEventListener('abort', () => controller.abort(outer.reason), { once: true });
    try {
      return await fetchImpl(input, { ...init, signal: controller.signal });
    } catch (err) {
      if (controller.signal.aborted && controller.signal.reason instanceof TimeoutError) throw controller.signal.reason;
      throw err;
    } finally {
      clearTimeout(timer);
    }
  };
}

export class TimeoutError extends Error {
  override readonly name = 'TimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}
