/**
 * Saved portfolios through the API on the shared real prices: saving (JSON or a CSV file), the
 * list, changing, re-analysing, back-filling, the history with its range and pages, alerts, the
 * report with its trend, deleting with everything it made; another key gets 404 on every route.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { openApiDocument } from '../src/server/openapi';
import { monitorApp } from './helpers/monitor-app';
import { ROOT } from './helpers/paths';

const { app, store } = monitorApp({ allowPrivate: false });
const as = (key: string) => {
  const auth = (r: request.Test) => r.set('Authorization', `Bearer ${key}`);
  return {
    get: (url: string) => auth(request(app).get(url)),
    post: (url: string, body?: object) => auth(request(app).post(url)).send(body),
    put: (url: string, body: object) => auth(request(app).put(url)).send(body),
    del: (url: string) => auth(request(app).delete(url)),
  };
};
const k1 = as('k1-secret');
const k2 = as('k2-secret');
const HOLDINGS = [
  { symbol: 'NVDA', quantity: 10 },
  { symbol: 'MSFT', quantity: 5 },
  { symbol: 'SPY', quantity: 4 },
];

let id: string;

test('saving a portfolio analyses it now, back-fills the month-ends asked for, and shows the secret once', async () => {
  const res = await k1.post('/api/v1/portfolios', {
    name: 'Client 17',
    holdings: HOLDINGS,
    alerts: ['aiRevenueShare > 30%', 'score>=60'],
    backfillMonths: 2,
    monteCarloPaths: 1000,
  });
  expect(res.status).toBe(201);
  id = res.body.id;
  expect(res.headers.location).toBe(`/api/v1/portfolios/${id}`);
  expect(res.body).toMatchObject({
    name: 'Client 17',
    alerts: ['aiRevenueShare > 0.3', 'score >= 60'],
    schedule: true,
    webhook: null,
    webhookSecret: null,
    latest: { asOf: '2026-08-07', kind: 'created', backfilled: false },
    backfill: { points: 2, monthEnds: ['2026-06-30', '2026-07-31'], skipped: [] },
  });
  expect(res.body.latest.versions).toMatchObject({ product: expect.any(String), methodology: expect.any(String) });
  // The report of the first analysis is an analysis of the caller's like any other.
  expect((await k1.get(`/api/v1/analyses/${res.body.latest.analysisId}`)).status).toBe(200);
  expect((await k2.get(`/api/v1/analyses/${res.body.latest.analysisId}`)).status).toBe(404);
});

test('a CSV file saves a portfolio named after it', async () => {
  const res = await request(app)
    .post('/api/v1/portfolios?backfillMonths=0&monteCarloPaths=1000&schedule=false')
    .set('Authorization', 'Bearer k1-secret')
    .attach('file', readFileSync(path.join(ROOT, 'data/examples/portfolio.csv')), 'portfolio.csv');
  expect(res.status).toBe(201);
  expect(res.body).toMatchObject({ name: 'portfolio.csv', schedule: false, holdings: { fileName: 'portfolio.csv' } });
});

test('list, change, re-analyse, back-fill, history with range and pages, alerts, report with trend', async () => {
  const list = await k1.get('/api/v1/portfolios');
  expect(list.body.total).toBe(2);
  expect(list.body.portfolios[0]).toMatchObject({ id, latest: { asOf: '2026-08-07' } });
  expect(list.body.portfolios[0].spark).toHaveLength(3);
  const changed = await k1.put(`/api/v1/portfolios/${id}`, {
    name: 'Client 17 (joint)',
    alerts: ['issuerTop1 > 10%', 'aiRevenueShare > 0.5'],
  });
  expect(changed.status).toBe(200);
  expect(changed.body).toMatchObject({
    name: 'Client 17 (joint)',
    alerts: ['issuerTop1 > 0.1', 'aiRevenueShare > 0.5'],
  });
  const now = await k1.post(`/api/v1/portfolios/${id}/analyses?asOf=2026-07-15`);
  expect(now.status).toBe(201);
  expect(now.body.point).toMatchObject({ asOf: '2026-07-15', kind: 'manual' });
  expect(now.body.events.map((e: { alert: string; transition: string }) => [e.alert, e.transition])).toEqual([
    ['issuerTop1 > 0.1', 'crossed'],
  ]);
  const filled = await k1.post(`/api/v1/portfolios/${id}/backfill?months=3`);
  expect(filled.body).toMatchObject({ points: 1, monthEnds: ['2026-05-31', '2026-06-30', '2026-07-31'] });
  const all = await k1.get(`/api/v1/portfolios/${id}/history`);
  expect(all.body.points.map((p: { asOf: string }) => p.asOf)).toEqual([
    '2026-05-29',
    '2026-06-30',
    '2026-07-15',
    '2026-07-31',
    '2026-08-07',
  ]);
  const page = await k1.get(`/api/v1/portfolios/${id}/history?from=2026-05-01&to=2026-07-20&limit=2`);
  expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 0, next: 2 });
  expect(
    (await k1.get(`/api/v1/portfolios/${id}/history?from=2026-05-01&to=2026-07-20&offset=2`)).body.points,
  ).toHaveLength(1);
  expect((await k1.get(`/api/v1/portfolios/${id}/history?from=July`)).status).toBe(400);
  const alerts = await k1.get(`/api/v1/portfolios/${id}/alerts`);
  expect(alerts.body.alerts).toEqual([
    { expression: 'issuerTop1 > 0.1', crossed: true, asOf: '2026-07-15', value: expect.any(Number) },
    { expression: 'aiRevenueShare > 0.5', crossed: false, asOf: '2026-07-15', value: expect.any(Number) },
  ]);
  expect(alerts.body.events[0].delivery.status).toBe('no_webhook');
  const html = await k1.get(`/api/v1/portfolios/${id}/report.html?lang=it`);
  expect(html.status).toBe(200);
  expect(html.text).toContain('<section id="trend"><h2>Andamento</h2>');
  expect(html.text).toContain('stroke-dasharray');
  const pdf = await k1.get(`/api/v1/portfolios/${id}/report.pdf`);
  expect([pdf.status, pdf.headers['content-type']]).toEqual([200, 'application/pdf']);
  // New holdings replace the saved ones; the next point says which holdings it was computed on.
  const before = (await k1.get(`/api/v1/portfolios/${id}`)).body.holdings.inputHash;
  const swapped = await request(app)
    .put(`/api/v1/portfolios/${id}`)
    .set('Authorization', 'Bearer k1-secret')
    .attach('file', Buffer.from('symbol,quantity\nNVDA,20\nSPY,4\n'), 'rebalanced.csv');
  expect(swapped.body.holdings.fileName).toBe('rebalanced.csv');
  expect(swapped.body.holdings.inputHash).not.toBe(before);
  const after = await k1.post(`/api/v1/portfolios/${id}/analyses?asOf=2026-07-20`);
  expect(after.body.point.inputHash).toBe(swapped.body.holdings.inputHash);
});

test('refused: a malformed threshold, a private webhook, an unknown field, an id that is not one', async () => {
  const bad = await k1.put(`/api/v1/portfolios/${id}`, { alerts: ['aiRevenueShare >> 0.3'] });
  expect([bad.status, bad.body.error.code]).toEqual([400, 'invalid_alert']);
  const metric = await k1.put(`/api/v1/portfolios/${id}`, { alerts: ['happiness > 3'] });
  expect(metric.body.error.message).toMatch(/^alert "happiness > 3": not a measure an alert can watch/);
  for (const url of [
    'http://127.0.0.1:9/x',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]/',
    'http://10.1.2.3/',
  ]) {
    const res = await k1.put(`/api/v1/portfolios/${id}`, { webhookUrl: url });
    expect([url, res.status, res.body.error.code]).toEqual([url, 400, 'invalid_webhook']);
  }
  const field = await k1.put(`/api/v1/portfolios/${id}`, { nmae: 'x' });
  expect(field.body.error.message).toMatch(/unknown field "nmae"/);
  expect((await k1.get('/api/v1/portfolios/42')).body.error.code).toBe('invalid_id');
});

test('another key gets 404 on every route, as for an id that never existed, and sees none in its list', async () => {
  const base = `/api/v1/portfolios/${id}`;
  const calls: [string, request.Test][] = [
    ['GET', k2.get(base)],
    ['PUT', k2.put(base, { name: 'mine now' })],
    ['DELETE', k2.del(base)],
    ['POST analyses', k2.post(`${base}/analyses`)],
    ['POST backfill', k2.post(`${base}/backfill?months=1`)],
    ['GET history', k2.get(`${base}/history`)],
    ['GET alerts', k2.get(`${base}/alerts`)],
    ['GET report.html', k2.get(`${base}/report.html`)],
    ['GET report.pdf', k2.get(`${base}/report.pdf`)],
  ];
  const unknown = await k2.get('/api/v1/portfolios/3b241101-e2bb-4255-8caf-4136c566a962');
  for (const [route, call] of calls) {
    const res = await call;
    expect([route, res.status, res.body.error?.code]).toEqual([route, 404, 'not_found']);
    expect(JSON.stringify(res.body)).not.toContain('Client 17');
    expect(Object.keys(res.body.error.details)).toEqual(Object.keys(unknown.body.error.details));
  }
  expect((await k2.get('/api/v1/portfolios')).body).toMatchObject({ total: 0, portfolios: [] });
  expect((await k1.get(base)).body.name).toBe('Client 17 (joint)');
});

test('deleting a portfolio deletes its history, alerts and stored reports', async () => {
  const before = (await k1.get(`/api/v1/portfolios/${id}/history`)).body.points;
  const analysisIds = before.map((p: { analysisId: string | null }) => p.analysisId).filter(Boolean);
  expect(analysisIds.length).toBeGreaterThan(0);
  expect((await k1.del(`/api/v1/portfolios/${id}`)).status).toBe(204);
  expect((await k1.get(`/api/v1/portfolios/${id}`)).status).toBe(404);
  for (const a of analysisIds) expect((await k1.get(`/api/v1/analyses/${a}`)).status).toBe(404);
  expect(await store.history.list(id, { limit: 10, offset: 0 })).toEqual({ total: 0, points: [] });
  expect((await store.alerts.events(id, { limit: 10, offset: 0 })).total).toBe(0);
});

test('every portfolio route is in the OpenAPI document', () => {
  const paths = Object.keys(openApiDocument().paths as object).filter((p) => p.startsWith('/portfolios'));
  expect(paths.sort()).toEqual([
    '/portfolios',
    '/portfolios/{id}',
    '/portfolios/{id}/alerts',
    '/portfolios/{id}/analyses',
    '/portfolios/{id}/backfill',
    '/portfolios/{id}/history',
    '/portfolios/{id}/report.html',
    '/portfolios/{id}/report.pdf',
  ]);
});
