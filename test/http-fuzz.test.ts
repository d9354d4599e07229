/**
 * HTTP fuzzing: 10,000 random or mangled requests against the running service (on loopback):
 * broken multipart, wrong content types, huge headers, truncated bodies, random CSVs and JSON,
 * random ids and paths, and the hostile shapes of issue #13: wide lines, deep JSON, extreme
 * numbers, batch ids that could collide, zips of many entries (hidden, NUL-named, lying sizes).
 * Not one may answer 500, and the process must stay up.
 */
import fc from 'fast-check';
import { mkdtempSync } from 'node:fs';
import type { Server } from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { DemoMarketData } from '../src/market';
import { createApp } from '../src/server/app';
import { AnalysisStore } from '../src/server/analysis-store';
import { BatchService } from '../src/server/batch-service';
import { ThreadEngine } from '../src/batch';
import { buildZip, deflated } from './helpers/zip';

const REQUESTS = 10_000;
let server: Server;
let port: number;
const crashes: unknown[] = [];
const onCrash = (err: unknown) => crashes.push(err);

beforeAll(async () => {
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  const dir = mkdtempSync(path.join(tmpdir(), 'aix-fuzz-'));
  const market = new DemoMarketData();
  const logger = pino({ level: 'silent' });
  const batches = new BatchService({
    market,
    dir: path.join(dir, 'batches'),
    engine: new ThreadEngine(1),
    logger,
    maxQueued: 2,
  });
  const app = createApp({
    market,
    store: new AnalysisStore(path.join(dir, 'a.sqlite'), dir),
    logger,
    maxUploadBytes: 64 * 1024,
    rateLimitPerMinute: 0,
    resultCacheSeconds: 300,
    batches,
    maxBatchUploadBytes: 1024 * 1024,
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
  await new Promise((r) => server.close(r));
});

/** Sends raw bytes, returns the status code (0 when the server closed without an answer). */
function raw(bytes: Buffer): Promise<number> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let head = '';
    const done = (status: number) => {
      socket.destroy();
      resolve(status);
    };
    socket.setTimeout(5000, () => done(-1));
    socket.on('data', (d) => {
      head += d.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(head);
      if (m) done(Number(m[1]));
    });
    socket.on('error', () => done(0));
    socket.on('close', () => done(0));
    socket.end(bytes);
  });
}

const CSVS = [
  'symbol,quantity\nNVDA,10\n',
  'symbol;quantità\nNVDA;1,5\n',
  'isin,weight\nUS67066G1040,50%\n',
  'Simbolo,Quantità\n=HYPERLINK("x"),1\n',
  'a,b\n1,2\n',
  '',
  '\u0000\u0001\u0002',
  'symbol,quantity\nNVDA,' + '9'.repeat(400) + '\n',
  'symbol,quantity\n"NVDA,1\n',
];
const PATHS = [
  '/api/v1/analyses',
  '/api/v1/holdings/preview',
  '/api/v1/analyses/not-a-uuid',
  '/api/v1/analyses/3b241101-e2bb-4255-8caf-4136c566a962/report.pdf',
  '/api/v1/analyses/../../etc/passwd',
  '/api/v1/openapi.json',
  '/healthz',
  '/',
  '/docs',
  '/app.js',
  '/nope',
  '/api/v1/analyses/%00',
  '/api/v1/analyses?asOf=2025-99-99',
  '/api/v1/batches',
  '/api/v1/batches?pdf=maybe',
  '/api/v1/batches/not-a-uuid',
  '/api/v1/batches/3b241101-e2bb-4255-8caf-4136c566a962/portfolios/..%2Fx/report.pdf',
  '/api/v1/batches/3b241101-e2bb-4255-8caf-4136c566a962/summary.csv',
  '/api/v1/batches?pdf=true&lang=it&paper=letter',
];

/** Option values that are not finite, not decimal, or out of bounds. */
const EXTREME = [
  'Infinity',
  '-Infinity',
  'NaN',
  '1e308',
  '1e-320',
  '1e300',
  '0x10',
  '-0',
  '',
  '9'.repeat(400),
  '1e999',
];
const extremeQuery = fc
  .tuple(
    fc.constantFrom('/api/v1/analyses', '/api/v1/holdings/preview', '/api/v1/batches'),
    fc.constantFrom(
      'notionalValue',
      'monteCarloPaths',
      'strict',
      'asOf',
      'baseCurrency',
      'lang',
      'paper',
      'pdf',
      'limit',
    ),
    fc.constantFrom(...EXTREME),
  )
  .map(([p, name, value]) => `${p}?${name}=${encodeURIComponent(value)}`);

/** Hostile bodies: one wide line, deep nesting, huge numbers in JSON, ids made to collide, zips of many entries. */
const hostileBody = fc.oneof(
  fc.integer({ min: 1_000, max: 70_000 }).map((n) => `symbol,quantity\nNVDA,1${';'.repeat(n)}\n`),
  fc
    .integer({ min: 10, max: 5_000 })
    .map((d) => `{"holdings":[{"symbol":"NVDA","quantity":1}],"x":${'['.repeat(d)}${']'.repeat(d)}}`),
  fc
    .constantFrom('1e308', '-1e308', '1e-320', '123456789012345678901234567890', '0.1e1000')
    .map((n) => `{"holdings":[{"symbol":"NVDA","quantity":${n}}],"notionalValue":${n},"monteCarloPaths":${n}}`),
  fc
    .array(fc.constantFrom('a', 'a.en.A4', 'a.it.LETTER', 'A', 'a.json', 'report', '..', '.hidden', 'x'.repeat(101)), {
      minLength: 1,
      maxLength: 8,
    })
    .map((ids) => ids.map((id) => JSON.stringify({ id, holdings: [{ symbol: 'NVDA', quantity: 1 }] })).join('\n')),
  fc.integer({ min: 1, max: 1_500 }).map((n) =>
    buildZip(
      Array.from({ length: n }, (_, i) => {
        const name = [`p${i}.csv`, `.p${i}.csv`, `d/p${i}.bin`, `nul\u0000${i}.csv`, `__MACOSX/._p${i}.csv`][i % 5]!;
        const entry = deflated(name, Buffer.from(`symbol,quantity\nNVDA,${i + 1}\n`));
        return i % 7 === 3 ? { ...entry, declaredSize: 5 } : entry; // some sizes lie
      }),
    ).toString('latin1'),
  ),
);
const TYPES = [
  'text/csv',
  'multipart/form-data; boundary=XYZ',
  'multipart/form-data',
  'multipart/form-data; boundary=',
  'application/json',
  'application/xml',
  'application/octet-stream',
  'text/plain; charset=utf-16',
  'application/zip',
  'application/x-ndjson',
  '',
];

const request = fc.record({
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'HEAD', 'BREW'),
  path: fc.oneof(
    fc.constantFrom(...PATHS),
    extremeQuery,
    fc.string({ maxLength: 60 }).map((s) => `/${encodeURIComponent(s)}`),
  ),
  type: fc.constantFrom(...TYPES),
  body: fc.oneof(
    fc.constantFrom(...CSVS),
    fc.constantFrom(
      '{"id":"a","holdings":[{"symbol":"NVDA","quantity":1}]}\n{"id":"b","holdings":"x"}\n',
      'PK\u0003\u0004\u0014\u0000',
      '{"id":"../../x","holdings":[]}',
    ),
    fc.string({ maxLength: 400 }),
    fc.json({ maxDepth: 3 }),
    fc.constant(
      '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\nsymbol,quantity\nNVDA,1\n\r\n--XYZ--\r\n',
    ),
    fc.constant('--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nsymbol,qua'),
    fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
    hostileBody,
  ),
  mangle: fc.constantFrom('none', 'none', 'truncate', 'wrong-length', 'huge-header', 'no-host', 'bad-line'),
});

test(`${REQUESTS} random and mangled requests: no 500, no crash`, async () => {
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(request, async (r) => {
      const body = Buffer.from(r.body, 'latin1');
      const lines = [`${r.method} ${r.path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
      if (r.type !== '') lines.push(`Content-Type: ${r.type}`);
      let payload = body;
      if (r.mangle === 'truncate') {
        lines.push(`Content-Length: ${body.length + 50}`);
      } else if (r.mangle === 'wrong-length') {
        lines.push(`Content-Length: ${Math.max(0, body.length - 7)}`);
      } else {
        lines.push(`Content-Length: ${body.length}`);
      }
      if (r.mangle === 'huge-header') lines.push(`X-Filler: ${'a'.repeat(20_000)}`);
      if (r.mangle === 'no-host') lines.splice(1, 1);
      if (r.mangle === 'bad-line') lines[0] = `${r.method} ${r.path} HTTP/9.9 junk`;
      if (r.mangle === 'truncate') payload = body.subarray(0, Math.floor(body.length / 2));
      const status = await raw(Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), payload]));
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500 && status !== 503)
        throw new Error(`${r.method} ${r.path} (${r.type}, ${r.mangle}) answered ${status}`);
    }),
    { numRuns: REQUESTS, seed: 2026 },
  );
  expect(crashes).toEqual([]);
  process.stdout.write(`random requests, answers by status: ${JSON.stringify(Object.fromEntries(statuses))}\n`);
  const health = await fetch(`http://127.0.0.1:${port}/healthz`);
  expect(health.status).toBe(200);
  // The mix reached real handlers, not only the HTTP parser.
  expect([...statuses.keys()].some((s) => s >= 200 && s < 300)).toBe(true);
  expect(statuses.get(422) ?? 0).toBeGreaterThan(0);
  expect(statuses.get(400) ?? 0).toBeGreaterThan(0);
}, 300_000);

/** The hostile shapes sent where they bite: each to the route and content type that reads it. */
const aimed = fc.oneof(
  fc.record({ path: extremeQuery, type: fc.constant('text/csv'), body: fc.constant('symbol,quantity\nNVDA,1\n') }),
  fc.record({
    path: fc.constantFrom('/api/v1/analyses', '/api/v1/holdings/preview'),
    type: fc.constantFrom('text/csv', 'application/json'),
    body: hostileBody,
  }),
  fc.record({
    path: fc.constantFrom('/api/v1/batches', '/api/v1/batches?pdf=true&lang=it'),
    type: fc.constantFrom('application/zip', 'application/x-ndjson'),
    body: hostileBody,
  }),
);

test('1,000 hostile shapes aimed at the routes that read them: no 5xx but 503 (busy), no crash', async () => {
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(aimed, async (r) => {
      const body = Buffer.from(r.body, 'latin1');
      const head = `POST ${r.path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: ${r.type}\r\nContent-Length: ${body.length}\r\n\r\n`;
      const status = await raw(Buffer.concat([Buffer.from(head, 'latin1'), body]));
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500 && status !== 503) throw new Error(`POST ${r.path} (${r.type}) answered ${status}`);
    }),
    { numRuns: 1_000, seed: 13 },
  );
  expect(crashes).toEqual([]);
  process.stdout.write(`aimed hostile shapes, answers by status: ${JSON.stringify(Object.fromEntries(statuses))}\n`);
  for (const expected of [400, 413, 422]) expect(statuses.get(expected) ?? 0).toBeGreaterThan(0);
  expect((statuses.get(202) ?? 0) + (statuses.get(503) ?? 0)).toBeGreaterThan(0);
}, 300_000);
