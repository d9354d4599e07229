/**
 * A stand-in for Yahoo Finance behind the fetch yahoo-finance2 is given. It replays the real
 * recorded exchanges in ../shared/datasets/yahoo-recordings, and answers chart requests the
 * recordings do not cover from the real daily prices in ../shared/datasets/prices, in Yahoo's
 * chart format. Faults (outage, 429, 5xx, timeouts, malformed bodies) are injected per request.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parsePriceCsv } from '../../src/market';
import { PRICES_DIR, SHARED } from './paths';

const RECORDINGS = path.join(SHARED, 'yahoo-recordings');

interface Recording {
  request: { url: string };
  response: { status: number; bodyJson: unknown };
}

let recordings: Recording[] | undefined;
function loadRecordings(): Recording[] {
  recordings ??= readdirSync(RECORDINGS).map(
    (f) => JSON.parse(readFileSync(path.join(RECORDINGS, f), 'utf8')) as Recording,
  );
  return recordings;
}

type Fault = 'network' | 'timeout' | 'malformed' | number;

export interface FakeYahoo {
  fetch: typeof fetch;
  /** Every URL requested, in order. */
  requests: string[];
  /** Requests to one endpoint kind for one symbol. */
  count(kind: 'chart' | 'quoteSummary' | 'quote' | 'fundamentals', symbol: string): number;
  /** Decides a fault for a request (or undefined to answer normally). */
  fault: (url: URL) => Fault | undefined;
  /** Multiplies adjusted closes on or after this day (to simulate a re-based history). */
  rebase?: { fromIso: string; factor: number };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export function fakeYahoo(): FakeYahoo {
  const fake: FakeYahoo = {
    requests: [],
    fault: () => undefined,
    count(kind, symbol) {
      const part = {
        chart: '/v8/finance/chart/',
        quoteSummary: '/v10/finance/quoteSummary/',
        quote: '/v7/finance/quote',
        fundamentals: '/timeseries/',
      }[kind];
      return this.requests.filter(
        (u) =>
          u.includes(part) && (kind === 'quote' ? u.includes(`symbols=${symbol}`) : u.includes(`${part}${symbol}?`)),
      ).length;
    },
    fetch: async (input, init) => {
      const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      if (url.pathname.startsWith('/quote/')) {
        // A Response-shaped object, not a Response: under jest, undici's getSetCookie() returns an
        // array from another realm, and yahoo-finance2's `instanceof Array` check would drop it.
        const cookies = ['A3=d=replay; Expires=Wed, 01 Jan 2031 00:00:00 GMT; Path=/; Domain=.yahoo.com'];
        return {
          ok: true,
          status: 200,
          statusText: 'OK',
          url: url.href,
          headers: { get: () => null, getSetCookie: () => cookies, has: () => false, forEach: () => {} },
          text: async () => '<html></html>',
        } as unknown as Response;
      }
      if (url.pathname === '/v1/test/getcrumb') return new Response('replaycrumb', { status: 200 });
      fake.requests.push(url.toString());
      const fault = fake.fault(url);
      if (fault === 'network')
        throw Object.assign(new TypeError('fetch failed'), {
          cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
        });
      if (fault === 'timeout') {
        return new Promise<Response>((_, reject) =>
          init?.signal?.addEventListener('abort', () => reject(init.signal!.reason), { once: true }),
        );
      }
      if (fault === 'malformed')
        return new Response('{"chart": {"result": [ {"meta": ', {
          status: 200,
          headers: { 'content-type': 'application/json' },
        });
      // What Yahoo really sends on these: a bare text body, not its JSON error envelope.
      if (typeof fault === 'number')
        return new Response(fault === 429 ? 'Too Many Requests' : '<html><body>Service Unavailable</body></html>', {
          status: fault,
          headers: { 'content-type': 'text/html' },
        });
      return answer(url, fake);
    },
  };
  return fake;
}

function answer(url: URL, fake: FakeYahoo): Response {
  // Exact module lists first: "earnings" alone must find its own (404) recording, not the "all" one.
  const exact = loadRecordings().find((r) => {
    const u = new URL(r.request.url);
    return (
      u.pathname === url.pathname &&
      url.searchParams.has('modules') &&
      u.searchParams.get('modules') === url.searchParams.get('modules')
    );
  });
  if (exact !== undefined) return json(exact.response.bodyJson, exact.response.status);
  const recorded = loadRecordings().find((r) => {
    const u = new URL(r.request.url);
    if (u.pathname !== url.pathname) return false;
    const want = (url.searchParams.get('modules') ?? '').split(',');
    const have = (u.searchParams.get('modules') ?? '').split(',');
    const same = (k: string) => (u.searchParams.get(k) ?? '') === (url.searchParams.get(k) ?? '');
    if (u.pathname.includes('/timeseries/')) return true;
    return want.every((m) => have.includes(m)) && same('symbols') && same('period1') && same('period2');
  });
  if (recorded !== undefined) return json(recorded.response.bodyJson, recorded.response.status);
  const chart = /^\/v8\/finance\/chart\/(.+)$/.exec(url.pathname);
  if (chart !== null)
    return chartFromPrices(
      decodeURIComponent(chart[1]!),
      Number(url.searchParams.get('period1')),
      Number(url.searchParams.get('period2')),
      fake,
    );
  if (url.pathname.startsWith('/v10/finance/quoteSummary/'))
    return json(
      { quoteSummary: { result: null, error: { code: 'Not Found', description: 'Quote not found for symbol' } } },
      404,
    );
  return json({ finance: { result: null, error: { code: 'Not Found', description: 'No data found' } } }, 404);
}

function chartMetaTemplate(): Record<string, unknown> {
  const rec = loadRecordings().find(
    (r) => r.request.url.includes('/v8/finance/chart/AMZN?') && r.request.url.includes('events=div%7Csplit%7Cearn'),
  )!;
  return (rec.response.bodyJson as { chart: { result: { meta: Record<string, unknown> }[] } }).chart.result[0]!.meta;
}

/** A chart response in Yahoo's shape, built from the real daily prices of one symbol. */
function chartFromPrices(symbol: string, period1: number, period2: number, fake: FakeYahoo): Response {
  let text: string;
  try {
    text = readFileSync(path.join(PRICES_DIR, `${symbol}.csv`), 'utf8');
  } catch {
    return json(
      { chart: { result: null, error: { code: 'Not Found', description: 'No data found, symbol may be delisted' } } },
      404,
    );
  }
  const parsed = parsePriceCsv(text, symbol, symbol);
  if (!parsed.ok) throw new Error(parsed.failure.detail ?? parsed.failure.symbol);
  const h = parsed.history;
  const timestamp: number[] = [];
  const close: number[] = [];
  const adjclose: number[] = [];
  const rebaseFrom = fake.rebase ? Date.parse(`${fake.rebase.fromIso}T00:00:00Z`) / 86_400_000 : Infinity;
  for (let i = 0; i < h.days.length; i++) {
    const open = h.days[i]! * 86_400 + 14 * 3600 + 30 * 60; // 09:30 New York, in UTC
    if (open < period1 || open >= period2) continue;
    timestamp.push(open);
    const c = Number.isNaN(h.close[i]!) ? h.adjClose[i]! : h.close[i]!;
    close.push(c);
    // A dividend re-bases every earlier adjusted close by the same factor.
    adjclose.push(h.adjClose[i]! * (fake.rebase && h.days[i]! < rebaseFrom ? fake.rebase.factor : 1));
  }
  return json({
    chart: {
      result: [
        {
          // The recorded AMZN chart's meta, re-labelled: every field yahoo-finance2's schema expects.
          meta: {
            ...chartMetaTemplate(),
            symbol,
            longName: symbol,
            shortName: symbol,
            gmtoffset: -14400,
            timezone: 'EDT',
          },
          timestamp,
          indicators: {
            quote: [{ close, open: close, high: close, low: close, volume: close.map(() => 1000) }],
            adjclose: [{ adjclose }],
          },
        },
      ],
      error: null,
    },
  });
}
