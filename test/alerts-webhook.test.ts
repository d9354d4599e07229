/**
 * Alerts end to end: a real HTTP receiver checks each event's signature and sees exactly one event
 * per crossing (up, back down, up again: two "crossed", one "cleared"; staying up is not news), a
 * failed delivery retried with back-off and recorded; and webhooks refused on private addresses,
 * at save time and again when connecting (DNS rebinding).
 */
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { checkWebhookUrl, postWebhook, verifySignature, type Lookup } from '../src/monitor/webhook';
import { monitorApp } from './helpers/monitor-app';
import { ROOT } from './helpers/paths';

const { app, deliveries } = monitorApp({ allowPrivate: true, retryBaseMs: 100 });
const received: { id: string; type: string; body: string; signature: string }[] = [];
let answered = 0;
const receiver = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    answered++;
    // The second delivery fails once: it must come again, once.
    if (answered === 2) return res.writeHead(500).end();
    received.push({
      id: String(req.headers['x-event-id']),
      type: String(req.headers['x-event-type']),
      body,
      signature: String(req.headers['x-signature']),
    });
    res.writeHead(204).end();
  });
});

beforeAll(async () => {
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  deliveries.start();
});
afterAll(async () => {
  await deliveries.stop();
  receiver.close();
});

const k1 = (r: request.Test) => r.set('Authorization', 'Bearer k1-secret');

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  for (const start = Date.now(); Date.now() - start < ms; await new Promise((r) => setTimeout(r, 50)))
    if (await check()) return;
  throw new Error('timed out');
}

test('up, down, up: two crossed and one cleared, each once, signed, the failed one retried', async () => {
  const saved = await k1(request(app).post('/api/v1/portfolios?monteCarloPaths=1000&backfillMonths=0')).attach(
    'file',
    readFileSync(path.join(ROOT, 'data/examples/portfolio.csv')),
    'portfolio.csv',
  );
  const id = saved.body.id as string;
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const changed = await k1(request(app).put(`/api/v1/portfolios/${id}`)).send({
    alerts: ['aiRevenueShare > 0.29'],
    webhookUrl: url,
  });
  const secret = changed.body.webhookSecret as string;
  expect(secret).toMatch(/^whsec_[0-9a-f]{48}$/);
  // AI revenue share at these month-ends: 0.288, 0.293 (up), 0.292 (still up), 0.284 (down), 0.291 (up), 0.294.
  const dates = ['2025-11-28', '2025-12-31', '2026-01-30', '2026-02-27', '2026-04-30', '2026-05-29'];
  const fired: string[][] = [];
  for (const asOf of dates) {
    const run = await k1(request(app).post(`/api/v1/portfolios/${id}/analyses?asOf=${asOf}`));
    expect(run.status).toBe(201);
    fired.push(run.body.events.map((e: { transition: string }) => e.transition));
  }
  expect(fired).toEqual([[], ['crossed'], [], ['cleared'], ['crossed'], []]);
  // Evaluating a date again (a repeated run) fires nothing.
  const again = await k1(request(app).post(`/api/v1/portfolios/${id}/analyses?asOf=2026-05-29`));
  expect(again.body.events).toEqual([]);

  await until(async () => received.length === 3);
  // The retried "cleared" may arrive after the next "crossed" (deliveries do not wait for each other):
  // each arrives once; their order is the alert log's, checked below.
  expect(received.map((e) => e.type).sort()).toEqual(['alert.cleared', 'alert.crossed', 'alert.crossed']);
  expect(new Set(received.map((e) => e.id)).size).toBe(3);
  for (const e of received) {
    // The receiver's own check: HMAC-SHA256 of "<t>.<body>" with the secret, and a recent t.
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(e.signature)!;
    expect(createHmac('sha256', secret).update(`${t}.${e.body}`).digest('hex')).toBe(v1);
    expect(Math.abs(Date.now() / 1000 - Number(t))).toBeLessThan(60);
    expect(verifySignature(secret, e.body, e.signature, Date.now() / 1000)).toBe(true);
    expect(verifySignature('whsec_wrong', e.body, e.signature, Date.now() / 1000)).toBe(false);
    // A replay an hour later is refused by the timestamp.
    expect(verifySignature(secret, e.body, e.signature, Date.now() / 1000 + 3600)).toBe(false);
    expect(JSON.parse(e.body)).toMatchObject({
      id: e.id,
      portfolio: { id },
      alert: { expression: 'aiRevenueShare > 0.29' },
    });
  }
  const alerts = await k1(request(app).get(`/api/v1/portfolios/${id}/alerts`));
  const deliveriesSeen = alerts.body.events.map(
    (e: { transition: string; delivery: { status: string; attempts: number } }) => [
      e.transition,
      e.delivery.status,
      e.delivery.attempts,
    ],
  );
  expect(deliveriesSeen).toEqual([
    ['crossed', 'delivered', 1],
    ['cleared', 'delivered', 2],
    ['crossed', 'delivered', 1],
  ]);
  expect(answered).toBe(4);
}, 60_000);

test('private, loopback and link-local webhooks are refused when saved and when connecting', async () => {
  const policy = { allowPrivate: false };
  const publicDns: Lookup = (_h, _o, cb) => cb(null, [{ address: '93.184.216.34', family: 4 }]);
  const rebound: Lookup = (_h, _o, cb) => cb(null, [{ address: '127.0.0.1', family: 4 }]);
  const mixed: Lookup = (_h, _o, cb) =>
    cb(null, [
      { address: '93.184.216.34', family: 4 },
      { address: 'fd00::1', family: 6 },
    ]);
  await expect(
    checkWebhookUrl('https://hooks.example.com/x', { ...policy, lookup: publicDns }),
  ).resolves.toBeInstanceOf(URL);
  for (const lookup of [rebound, mixed])
    await expect(checkWebhookUrl('https://hooks.example.com/x', { ...policy, lookup })).rejects.toMatchObject({
      code: 'invalid_webhook',
    });
  for (const url of [
    'http://[::ffff:127.0.0.1]/',
    'http://0.0.0.0/',
    'http://100.64.0.1/',
    'ftp://example.com/',
    'https://u:p@example.com/',
  ])
    await expect(checkWebhookUrl(url, policy)).rejects.toMatchObject({ code: 'invalid_webhook' });
  // Saved while the name was public, resolved to loopback when delivering: refused at connection time.
  await expect(
    postWebhook('http://hooks.example.com/x', '{}', {}, { ...policy, lookup: rebound, timeoutMs: 1000 }),
  ).rejects.toMatchObject({
    code: 'EPRIVATEADDRESS',
  });
  await expect(postWebhook('http://127.0.0.1:9/x', '{}', {}, { ...policy, timeoutMs: 1000 })).rejects.toMatchObject({
    code: 'EPRIVATEADDRESS',
  });
});
