/** The HTTP shell: same report as the CLI, one error envelope, 4xx for every user mistake. */
import { pino } from 'pino';
import request from 'supertest';
import { CsvMarketData, DemoMarketData } from '../src/market';
import { SCHEMA_VERSION } from '../src/report';
import { createApp } from '../src/server/app';
import { AnalysisStore } from '../src/server/analysis-store';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ETF_DIR, PRICES_DIR, ROOT, SHARED } from './helpers/paths';

const logger = pino({ level: 'silent' });
const dir = mkdtempSync(path.join(tmpdir(), 'aix-api-'));
const store = new AnalysisStore(path.join(dir, 'analyses.sqlite'), path.join(dir, 'reports'));
const app = createApp({
  market: new CsvMarketData({ pricesDir: PRICES_DIR, etfHoldingsDir: ETF_DIR }),
  store,
  logger,
  maxUploadBytes: 64 * 1024,
  rateLimitPerMinute: 0,
});
const CSV = 'symbol,quantity\nNVDA,10\nQQQ,4\n';

const expectEnvelope = (body: unknown, code: string) => {
  expect(body).toEqual({ error: { code, message: expect.any(String), details: expect.any(Object) } });
};

test('GET /healthz answers ok', async () => {
  const res = await request(app).get('/healthz');
  expect(res.status).toBe(200);
  expect(res.body).toEqual({ status: 'ok' });
  expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
});

test('multipart upload (field "file") and a text/csv body give the same report', async () => {
  const multipart = await request(app)
    .post('/api/v1/analyses')
    .field('asOf', '2025-12-31')
    .attach('file', Buffer.from(CSV), { filename: 'mine.csv', contentType: 'text/csv' });
  expect(multipart.status).toBe(201);
  expect(multipart.body.report).toMatchObject({
    schemaVersion: SCHEMA_VERSION,
    asOf: '2025-12-31',
    input: { fileName: 'mine.csv' },
  });
  expect(multipart.headers.location).toBe(`/api/v1/analyses/${multipart.body.id}`);
  const raw = await request(app).post('/api/v1/analyses?asOf=2025-12-31').set('Content-Type', 'text/csv').send(CSV);
  expect(raw.status).toBe(201);
  const strip = (r: { generatedAt: string; input: object }) => ({ ...r, generatedAt: '', input: {} });
  expect(strip(raw.body.report)).toEqual(strip(multipart.body.report));
  // QQQ is looked through: NVDA exposure exceeds its direct weight.
  expect(raw.body.report.exposure.coreFour.NVDA).toBeGreaterThan(raw.body.report.holdings[0].weight);
});

test('CSV problems are 422 with file, row and column in details', async () => {
  const res = await request(app)
    .post('/api/v1/analyses')
    .set('Content-Type', 'text/csv')
    .send('symbol,quantity\nNVDA,x\n');
  expect(res.status).toBe(422);
  expectEnvelope(res.body, 'no_usable_positions');
  expect(res.body.error.message).toBe('file upload.csv, row 2, column quantity: "x" is not a number');
  expect(res.body.error.details).toMatchObject({ file: 'upload.csv', row: 2, column: 'quantity', value: 'x' });
});

test('a file of unknown symbols and a missing symbol column are 422', async () => {
  const unknown = await request(app)
    .post('/api/v1/analyses')
    .set('Content-Type', 'text/csv')
    .send('symbol,quantity\nNOPE,1\n');
  expect(unknown.status).toBe(422);
  expectEnvelope(unknown.body, 'mostly_unpriced');
  const noColumn = await request(app)
    .post('/api/v1/analyses')
    .set('Content-Type', 'text/csv')
    .send('stock,amount\nNVDA,1\n');
  expect(noColumn.status).toBe(422);
  expectEnvelope(noColumn.body, 'missing_column');
});

test('request mistakes: no file, empty body, wrong content type, bad asOf, oversize, unknown route', async () => {
  const noFile = await request(app).post('/api/v1/analyses').field('asOf', '2025-01-02');
  expect(noFile.status).toBe(400);
  expectEnvelope(noFile.body, 'missing_file');
  const wrongField = await request(app).post('/api/v1/analyses').attach('upload', Buffer.from(CSV), 'x.csv');
  expect(wrongField.status).toBe(400);
  expectEnvelope(wrongField.body, 'invalid_upload');
  const empty = await request(app).post('/api/v1/analyses').set('Content-Type', 'text/csv').send('');
  expect(empty.status).toBe(400);
  const xml = await request(app).post('/api/v1/analyses').set('Content-Type', 'application/xml').send('<holdings/>');
  expect(xml.status).toBe(415);
  expectEnvelope(xml.body, 'unsupported_media_type');
  const json = await request(app).post('/api/v1/analyses').send({ symbol: 'NVDA' });
  expect(json.status).toBe(422);
  expect(json.body.error.message).toMatch(/^file holdings\.json, column holdings: /);
  const badDate = await request(app).post('/api/v1/analyses?asOf=yesterday').set('Content-Type', 'text/csv').send(CSV);
  expect(badDate.status).toBe(400);
  expectEnvelope(badDate.body, 'invalid_option');
  const big = 'symbol,quantity\n' + 'NVDA,1\n'.repeat(20_000);
  const tooBigBody = await request(app).post('/api/v1/analyses').set('Content-Type', 'text/csv').send(big);
  expect(tooBigBody.status).toBe(413);
  expectEnvelope(tooBigBody.body, 'payload_too_large');
  const tooBigFile = await request(app).post('/api/v1/analyses').attach('file', Buffer.from(big), 'big.csv');
  expect(tooBigFile.status).toBe(413);
  expectEnvelope(tooBigFile.body, 'payload_too_large');
  const nowhere = await request(app).get('/api/v1/nothing');
  expect(nowhere.status).toBe(404);
  expectEnvelope(nowhere.body, 'not_found');
});

test('an unexpected failure is a 500 envelope with a request id and no internals', async () => {
  const broken = new DemoMarketData();
  broken.getHistories = async () => {
    throw new Error('disk on fire at /secret/path');
  };
  const res = await request(createApp({ market: broken, store, logger, maxUploadBytes: 1024 }))
    .post('/api/v1/analyses')
    .set('Content-Type', 'text/csv')
    .send(CSV);
  expect(res.status).toBe(500);
  expect(res.body).toEqual({
    error: { code: 'internal_error', message: 'internal error', details: { requestId: res.headers['x-request-id'] } },
  });
  expect(JSON.stringify(res.body)).not.toMatch(/secret/);
});

test('POST /api/v1/holdings/preview returns the parsed holdings, problems and counts without analysing', async () => {
  const degiro =
    'Prodotto,Simbolo/ISIN,Quantità,Chiusura,Valore locale,,Valore in EUR\nNVIDIA CORP,US67066G1040,25,"177,82",USD,"4.445,50","3.831,21"\nBAD,US0000000000,1,"1,0",USD,"1,0","1,0"\n';
  const res = await request(app).post('/api/v1/holdings/preview').attach('file', Buffer.from(degiro), 'Portfolio.csv');
  expect(res.status).toBe(200);
  expect(res.body.format).toMatchObject({ id: 'degiro', decimalMark: ',' });
  expect(res.body.holdings).toEqual([
    expect.objectContaining({ symbol: 'NVDA', quantity: 25, isin: 'US67066G1040', rows: [2] }),
  ]);
  expect(res.body.problems).toEqual([
    expect.objectContaining({
      row: 3,
      column: 'Simbolo/ISIN',
      value: 'US0000000000',
      code: 'problem.isin_check_digit',
      reason: '"US0000000000" is not a valid ISIN (its check digit does not match)',
    }),
  ]);
  expect(res.body.counts).toEqual({ read: 2, accepted: 1, merged: 0, rejected: 1, skipped: 0 });
  const zip = await request(app)
    .post('/api/v1/holdings/preview')
    .attach('file', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), 'x.xlsx');
  expect(zip.status).toBe(415);
  expectEnvelope(zip.body, 'unsupported_format');
  const rows = await request(app)
    .post('/api/v1/holdings/preview')
    .set('Content-Type', 'text/csv')
    .send('symbol,quantity\n' + 'A,1\n'.repeat(10_100));
  expect(rows.status).toBe(413);
  expectEnvelope(rows.body, 'too_many_rows');
});

describe('stored analyses and their reports', () => {
  let id: string;
  beforeAll(async () => {
    const res = await request(app)
      .post('/api/v1/analyses?asOf=2025-12-31')
      .set('Content-Type', 'text/csv')
      .send('symbol,quantity,name\nNVDA,10,<script>alert(1)</script>\nQQQ,4,\n');
    expect(res.status).toBe(201);
    id = res.body.id;
  });

  test('GET /analyses/:id returns the stored report; bad and unknown ids are 400 and 404', async () => {
    const res = await request(app).get(`/api/v1/analyses/${id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id,
      options: { asOf: '2025-12-31', strict: false },
      report: { asOf: '2025-12-31' },
    });
    const bad = await request(app).get('/api/v1/analyses/..%2F..%2Fetc%2Fpasswd');
    expect(bad.status).toBe(400);
    expectEnvelope(bad.body, 'invalid_id');
    const unknown = await request(app).get('/api/v1/analyses/3b241101-e2bb-4255-8caf-4136c566a962');
    expect(unknown.status).toBe(404);
    expectEnvelope(unknown.body, 'not_found');
  });

  test('report.html: self-contained, in the language asked (Accept-Language or lang), CSV text escaped', async () => {
    const it = await request(app)
      .get(`/api/v1/analyses/${id}/report.html`)
      .set('Accept-Language', 'it-IT,it;q=0.9,en;q=0.5');
    expect(it.status).toBe(200);
    expect(it.text).toContain('<html lang="it">');
    expect(it.text).toContain('Sintesi');
    expect(it.text).not.toMatch(/<script|src="http|href="http/);
    expect(it.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const en = await request(app).get(`/api/v1/analyses/${id}/report.html?lang=en`);
    expect(en.text).toContain('Summary');
    const bad = await request(app).get(`/api/v1/analyses/${id}/report.html?lang=fr`);
    expect(bad.status).toBe(400);
  });

  test('report.pdf: a PDF with the key numbers as text, pages that are not blank, on A4 or Letter', async () => {
    const res = await getBinary(`/api/v1/analyses/${id}/report.pdf?lang=it`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const check = checkPdf(pdf);
    expect(check.pages).toBeGreaterThanOrEqual(6); // one section a page, longer ones run on
    expect(check.pageSize).toMatch(/595(\.\d+)? x 841(\.\d+)? pts \(A4\)/);
    const report = (await request(app).get(`/api/v1/analyses/${id}`)).body.report;
    const pct = (x: number, d = 0) => `${(x * 100).toFixed(d).replace('.', ',')} %`;
    expect(check.text).toContain('Sintesi');
    expect(check.text).toContain(`${Math.round(report.overspending.score)} su 100`);
    expect(check.text).toContain(pct(report.summary.aiShare));
    expect(check.text).toContain(`pagina 1 di ${check.pages}`);
    expect(check.text).toContain(`pagina ${check.pages} di ${check.pages}`);
    expect(check.inkedPages).toBe(check.pages);
    const letter = await getBinary(`/api/v1/analyses/${id}/report.pdf?lang=en&paper=letter`);
    expect(checkPdf(letter.body as Buffer).pageSize).toMatch(/612 x 792 pts \(letter\)/);
  });

  test('the OpenAPI document and the docs page describe every route', async () => {
    const doc = await request(app).get('/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths).sort()).toEqual([
      '/analyses',
      '/analyses/{id}',
      '/analyses/{id}/report.html',
      '/analyses/{id}/report.pdf',
      '/analyses/{id}/what-if',
      '/batches',
      '/batches/{id}',
      '/batches/{id}/portfolios/{portfolio}',
      '/batches/{id}/portfolios/{portfolio}/report.pdf',
      '/batches/{id}/summary.csv',
      '/holdings/preview',
      '/portfolios',
      '/portfolios/{id}',
      '/portfolios/{id}/alerts',
      '/portfolios/{id}/analyses',
      '/portfolios/{id}/backfill',
      '/portfolios/{id}/history',
      '/portfolios/{id}/report.html',
      '/portfolios/{id}/report.pdf',
    ]);
    expect(doc.body.components.schemas.AnalysisReport.properties.overspending).toBeDefined();
    // Swagger UI: the page under /docs/, the document in its init script (so it needs no key).
    expect((await request(app).get('/docs')).headers.location).toBe('/docs/');
    const page = await request(app).get('/docs/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<script src="./swagger-ui-init.js">');
    const init = await request(app).get('/docs/swagger-ui-init.js');
    expect(init.text).toContain('/analyses/{id}/report.pdf');
  });
});

test('API keys: missing or wrong is 401, a valid one passes; the page asks for it', async () => {
  const keyed = createApp({
    market: new CsvMarketData({ pricesDir: PRICES_DIR }),
    store,
    logger,
    maxUploadBytes: 65536,
    apiKeys: ['s3cret-key'],
  });
  const missing = await request(keyed).post('/api/v1/holdings/preview').set('Content-Type', 'text/csv').send(CSV);
  expect(missing.status).toBe(401);
  expectEnvelope(missing.body, 'missing_api_key');
  const wrong = await request(keyed)
    .post('/api/v1/holdings/preview')
    .set('Authorization', 'Bearer nope')
    .set('Content-Type', 'text/csv')
    .send(CSV);
  expect(wrong.status).toBe(401);
  expectEnvelope(wrong.body, 'invalid_api_key');
  const ok = await request(keyed)
    .post('/api/v1/holdings/preview')
    .set('Authorization', 'Bearer s3cret-key')
    .set('Content-Type', 'text/csv')
    .send(CSV);
  expect(ok.status).toBe(200);
  expect((await request(keyed).get('/')).text).toContain('id="apiKey"');
  expect((await request(app).get('/')).text).not.toContain('id="apiKey"');
});

test('rate limit: past the limit, 429 in the envelope', async () => {
  const limited = createApp({
    market: new CsvMarketData({ pricesDir: PRICES_DIR }),
    store,
    logger,
    maxUploadBytes: 65536,
    rateLimitPerMinute: 2,
  });
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) statuses.push((await request(limited).get('/api/v1/openapi.json')).status);
  expect(statuses).toEqual([200, 200, 429]);
});

test('security headers: CSP without inline script, no framing, no CORS by default', async () => {
  const res = await request(app).get('/');
  const csp = res.headers['content-security-policy'];
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(res.headers['access-control-allow-origin']).toBeUndefined();
  expect(res.text).toContain('<script type="module" src="/app.js"></script>');
  expect(res.text).toContain('<section id="portfolios"');
  expect(res.text).not.toMatch(/<script>(?!<)/);
});

function getBinary(url: string) {
  return request(app)
    .get(url)
    .buffer(true)
    .parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
}

/** pdfinfo, pdftotext and pdftoppm (poppler-utils, installed by .ci/run): what a reader would see. */
function checkPdf(pdf: Buffer): { pages: number; pageSize: string; text: string; inkedPages: number } {
  const { execFileSync } = require('node:child_process') as typeof import('node:child_process');
  const { readdirSync, readFileSync, writeFileSync } = require('node:fs') as typeof import('node:fs');
  const work = mkdtempSync(path.join(tmpdir(), 'aix-pdf-'));
  const file = path.join(work, 'r.pdf');
  writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', [file]).toString();
  const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  const pageSize = /Page size:\s+(.*)/.exec(info)![1]!.trim();
  const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
  execFileSync('pdftoppm', ['-r', '20', '-gray', file, path.join(work, 'p')]);
  // A page is inked when a real share of its pixels is not white (a blank page has none).
  const inkedPages = readdirSync(work)
    .filter((f) => f.endsWith('.pgm'))
    .filter((f) => {
      const data = readFileSync(path.join(work, f));
      const pixels = data.subarray(
        data.length -
          Number(/\n(\d+) (\d+)\n/.exec(data.subarray(0, 40).toString('latin1'))![1]) *
            Number(/\n(\d+) (\d+)\n/.exec(data.subarray(0, 40).toString('latin1'))![2]),
      );
      let dark = 0;
      for (const p of pixels) if (p < 200) dark++;
      return dark / pixels.length > 0.005;
    }).length;
  return { pages, pageSize, text, inkedPages };
}

test('JSON holdings: same analysis as the CSV; problems addressed by item and field', async () => {
  const fromJson = await request(app)
    .post('/api/v1/analyses')
    .send({
      holdings: [
        { symbol: 'NVDA', quantity: 10 },
        { symbol: 'QQQ', quantity: '4' },
        { symbol: 'MSFT', quantity: 'lots' },
      ],
      asOf: '2025-12-31',
    });
  expect(fromJson.status).toBe(201);
  const fromCsv = await request(app).post('/api/v1/analyses?asOf=2025-12-31').set('Content-Type', 'text/csv').send(CSV);
  expect(
    fromJson.body.report.holdings.map((h: { symbol: string; marketValue: number }) => [h.symbol, h.marketValue]),
  ).toEqual(
    fromCsv.body.report.holdings.map((h: { symbol: string; marketValue: number }) => [h.symbol, h.marketValue]),
  );
  expect(fromJson.body.report.input.rejected).toEqual([
    expect.objectContaining({
      row: 3,
      column: 'holdings[2].quantity',
      value: 'lots',
      reason: '"lots" is not a number',
    }),
  ]);
  const preview = await request(app)
    .post('/api/v1/holdings/preview')
    .send({
      holdings: [
        { isin: 'US67066G1040', weight: '60%' },
        { isin: 'US5949181045', weight: 40 },
      ],
    });
  expect(preview.status).toBe(200);
  expect(
    preview.body.holdings.map((h: { symbol: string; weight: number; rows: number[] }) => [h.symbol, h.weight, h.rows]),
  ).toEqual([
    ['NVDA', 0.6, [1]],
    ['MSFT', 0.4, [2]],
  ]);
  const extra = await request(app)
    .post('/api/v1/analyses')
    .send({ holdings: [{ symbol: 'NVDA', quantity: 1, price: 3 }] });
  expect(extra.status).toBe(422);
  expect(extra.body.error.message).toMatch(/holdings\[0\]: fields not allowed: price/);
});

test('broken multipart bodies (no boundary, cut short) are 400, not 500 — found by the HTTP fuzzer', async () => {
  for (const [type, body] of [
    ['multipart/form-data', 'abc'],
    [
      'multipart/form-data; boundary=XYZ',
      '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nsymbol,qua',
    ],
  ] as const) {
    const res = await request(app).post('/api/v1/analyses').set('Content-Type', type).send(body);
    expect(res.status).toBe(400);
    expectEnvelope(res.body, 'invalid_upload');
  }
});

test('logs carry the request id, never the holdings nor the API key', async () => {
  const lines: string[] = [];
  const capture = pino({ level: 'info' }, { write: (s: string) => void lines.push(s) });
  const keyed = createApp({
    market: new CsvMarketData({ pricesDir: PRICES_DIR }),
    store,
    logger: capture,
    maxUploadBytes: 65536,
    apiKeys: ['k-very-secret'],
    rateLimitPerMinute: 0,
  });
  const res = await request(keyed)
    .post('/api/v1/holdings/preview')
    .set('Authorization', 'Bearer k-very-secret')
    .set('Content-Type', 'text/csv')
    .send('symbol,quantity,name\nNVDA,12345,My Private Holding\n');
  expect(res.status).toBe(200);
  const log = lines.join('\n');
  expect(log).toContain(res.headers['x-request-id']);
  expect(log).not.toMatch(/k-very-secret|My Private Holding|12345|authorization/i);
});

test('HSTS and upgrade-insecure-requests only when clients come over HTTPS (TLS_PROXY)', async () => {
  const plain = await request(app).get('/');
  expect(plain.headers['strict-transport-security']).toBeUndefined();
  expect(plain.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  const https = createApp({ market: new DemoMarketData(), store, logger, maxUploadBytes: 1024, https: true });
  const secure = await request(https).get('/');
  expect(secure.headers['strict-transport-security']).toMatch(/max-age=\d+/);
  expect(secure.headers['content-security-policy']).toContain('upgrade-insecure-requests');
});

test('the rate limit counts before authentication, failed keys count twice; "bearer" in any case', async () => {
  const keyed = createApp({
    market: new DemoMarketData(),
    store,
    logger,
    maxUploadBytes: 1024,
    apiKeys: ['k-one'],
    rateLimitPerMinute: 6,
  });
  const lower = await request(keyed).get('/api/v1/openapi.json').set('Authorization', 'bearer k-one');
  expect(lower.status).toBe(200);
  const wrong: number[] = [];
  for (let i = 0; i < 5; i++)
    wrong.push((await request(keyed).get('/api/v1/openapi.json').set('Authorization', `Bearer guess-${i}`)).status);
  // 6 a minute, a wrong key costing 2: three wrong keys, then 429 without the key even being looked at.
  expect(wrong).toEqual([401, 401, 401, 429, 429]);
  const limited = await request(keyed).get('/api/v1/openapi.json').set('Authorization', 'Bearer guess-9');
  expect([limited.status, limited.body.error.code]).toEqual([429, 'rate_limited']);
  expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  // The valid key has its own bucket: other clients' guesses do not lock it out.
  expect((await request(keyed).get('/api/v1/openapi.json').set('Authorization', 'Bearer k-one')).status).toBe(200);
});

test('TRUST_PROXY: behind a proxy each client has its own rate-limit bucket; without it the header is ignored', async () => {
  const make = (trustProxy: boolean | string) =>
    createApp({ market: new DemoMarketData(), store, logger, maxUploadBytes: 1024, rateLimitPerMinute: 1, trustProxy });
  const behind = make('loopback');
  const a = await request(behind).get('/api/v1/openapi.json').set('X-Forwarded-For', '203.0.113.7');
  const b = await request(behind).get('/api/v1/openapi.json').set('X-Forwarded-For', '198.51.100.9');
  expect([a.status, b.status]).toEqual([200, 200]);
  const direct = make(false);
  const c = await request(direct).get('/api/v1/openapi.json').set('X-Forwarded-For', '203.0.113.7');
  const d = await request(direct).get('/api/v1/openapi.json').set('X-Forwarded-For', '198.51.100.9');
  expect([c.status, d.status]).toEqual([200, 429]);
});

test("errors are written in the reader's language", async () => {
  const res = await request(app)
    .post('/api/v1/analyses?asOf=ieri')
    .set('Accept-Language', 'it-IT,it;q=0.9')
    .set('Content-Type', 'text/csv')
    .send(CSV);
  expect(res.status).toBe(400);
  expect(res.body.error.message).toContain('non è una data AAAA-MM-GG');
});

test('HTTP error messages never mention a CLI flag or a server path', async () => {
  const post = (query: string, body = CSV) =>
    request(app).post(`/api/v1/analyses${query}`).set('Content-Type', 'text/csv').send(body);
  const responses = await Promise.all([
    post('?asOf=2025-13-45'),
    post('?asOf=1900-01-01'),
    post('?baseCurrency=euro'),
    post('?baseCurrency=GBP'),
    post('?baseCurrency=XYZ'),
    post('?notionalValue=0x10'),
    post('?notionalValue=1e308'),
    post('?strict=maybe'),
    post('?monteCarloPaths=3'),
    post('?strict=true', 'symbol,quantity\nNVDA,x\nMSFT,1\n'),
    post('', 'symbol,quantity\nZZZZ,1\n'),
    post('', ''),
    post('', 'stock,amount\nNVDA,1\n'),
    request(app).get('/api/v1/analyses/3b241101-e2bb-4255-8caf-4136c566a962/report.pdf?paper=B5'),
    request(app).get('/api/v1/analyses/3b241101-e2bb-4255-8caf-4136c566a962/report.html?lang=fr'),
  ]);
  const leaks = [ROOT, SHARED, path.resolve(SHARED), tmpdir(), 'datasets', 'prices/', '.sqlite'];
  for (const res of responses) {
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    const text = JSON.stringify(res.body.error);
    expect([res.status, text]).toEqual([res.status, expect.not.stringMatching(/(^|[^\w])--[a-z]/)]);
    for (const leak of leaks) expect([res.status, text]).toEqual([res.status, expect.not.stringContaining(leak)]);
  }
  const named = JSON.stringify(responses[0]!.body.error);
  expect(named).toContain('asOf');
});

test('BASE_CURRENCY is the base currency of requests that name none; a request still names its own', async () => {
  const euro = createApp({
    market: new CsvMarketData({ pricesDir: PRICES_DIR, etfHoldingsDir: ETF_DIR }),
    store,
    logger,
    maxUploadBytes: 65536,
    rateLimitPerMinute: 0,
    baseCurrency: 'EUR',
  });
  const post = (query: string) =>
    request(euro).post(`/api/v1/analyses${query}`).set('Content-Type', 'text/csv').send(CSV);
  expect((await post('?asOf=2025-12-31')).body.report.baseCurrency).toBe('EUR');
  expect((await post('?asOf=2025-12-31&baseCurrency=usd')).body.report.baseCurrency).toBe('USD');
});
