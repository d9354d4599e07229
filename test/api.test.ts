/** The HTTP shell: same report as the CLI, one error envelope, 4xx for every user mistake. */
import { pino } from 'pino';
import request from 'supertest';
import { CsvMarketData, DemoMarketData } from '../src/market';
import { createApp } from '../src/server/app';
import { ETF_DIR, PRICES_DIR } from './helpers/paths';

const logger = pino({ level: 'silent' });
const app = createApp({ market: new CsvMarketData({ pricesDir: PRICES_DIR, etfHoldingsDir: ETF_DIR }), logger, maxUploadBytes: 64 * 1024 });
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
  const multipart = await request(app).post('/api/v1/analyses').field('asOf', '2025-12-31').attach('file', Buffer.from(CSV), { filename: 'mine.csv', contentType: 'text/csv' });
  expect(multipart.status).toBe(200);
  expect(multipart.body).toMatchObject({ schemaVersion: 1, asOf: '2025-12-31', input: { fileName: 'mine.csv' } });
  const raw = await request(app).post('/api/v1/analyses?asOf=2025-12-31').set('Content-Type', 'text/csv').send(CSV);
  expect(raw.status).toBe(200);
  const strip = (r: { generatedAt: string; input: object }) => ({ ...r, generatedAt: '', input: {} });
  expect(strip(raw.body)).toEqual(strip(multipart.body));
  // QQQ is looked through: NVDA exposure exceeds its direct weight.
  expect(raw.body.exposure.coreFour.NVDA).toBeGreaterThan(raw.body.holdings[0].weight);
});

test('CSV problems are 422 with file, row and column in details', async () => {
  const res = await request(app).post('/api/v1/analyses').set('Content-Type', 'text/csv').send('symbol,quantity\nNVDA,x\n');
  expect(res.status).toBe(422);
  expectEnvelope(res.body, 'no_usable_positions');
  expect(res.body.error.message).toBe('file upload.csv, row 2, column quantity: "x" is not a number');
  expect(res.body.error.details).toMatchObject({ file: 'upload.csv', row: 2, column: 'quantity', value: 'x' });
});

test('unknown symbol and missing symbol column are 422', async () => {
  const unknown = await request(app).post('/api/v1/analyses').set('Content-Type', 'text/csv').send('symbol,quantity\nNOPE,1\n');
  expect(unknown.status).toBe(422);
  expectEnvelope(unknown.body, 'unknown_symbol');
  expect(unknown.body.error.details).toMatchObject({ row: 2, column: 'symbol', value: 'NOPE' });
  const noColumn = await request(app).post('/api/v1/analyses').set('Content-Type', 'text/csv').send('stock,amount\nNVDA,1\n');
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
  const json = await request(app).post('/api/v1/analyses').send({ symbol: 'NVDA' });
  expect(json.status).toBe(415);
  expectEnvelope(json.body, 'unsupported_media_type');
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
  const res = await request(createApp({ market: broken, logger, maxUploadBytes: 1024 })).post('/api/v1/analyses').set('Content-Type', 'text/csv').send(CSV);
  expect(res.status).toBe(500);
  expect(res.body).toEqual({ error: { code: 'internal_error', message: 'internal error', details: { requestId: res.headers['x-request-id'] } } });
  expect(JSON.stringify(res.body)).not.toMatch(/secret/);
});

test('POST /api/v1/holdings/preview returns the parsed holdings, problems and counts without analysing', async () => {
  const degiro = 'Prodotto,Simbolo/ISIN,Quantità,Chiusura,Valore locale,,Valore in EUR\nNVIDIA CORP,US67066G1040,25,"177,82",USD,"4.445,50","3.831,21"\nBAD,US0000000000,1,"1,0",USD,"1,0","1,0"\n';
  const res = await request(app).post('/api/v1/holdings/preview').attach('file', Buffer.from(degiro), 'Portfolio.csv');
  expect(res.status).toBe(200);
  expect(res.body.format).toMatchObject({ id: 'degiro', decimalMark: ',' });
  expect(res.body.holdings).toEqual([expect.objectContaining({ symbol: 'NVDA', quantity: 25, isin: 'US67066G1040', rows: [2] })]);
  expect(res.body.problems).toEqual([{ row: 3, column: 'Simbolo/ISIN', value: 'US0000000000', reason: '"US0000000000" is not a valid ISIN (its check digit does not match)' }]);
  expect(res.body.counts).toEqual({ read: 2, accepted: 1, merged: 0, rejected: 1, skipped: 0 });
  const zip = await request(app).post('/api/v1/holdings/preview').attach('file', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0]), 'x.xlsx');
  expect(zip.status).toBe(415);
  expectEnvelope(zip.body, 'unsupported_format');
  const rows = await request(app).post('/api/v1/holdings/preview').set('Content-Type', 'text/csv').send('symbol,quantity\n' + 'A,1\n'.repeat(10_100));
  expect(rows.status).toBe(413);
  expectEnvelope(rows.body, 'too_many_rows');
});
