import request from 'supertest';
import { servePage, type ServedPage } from './helpers/browser';
import { monitorApp } from './helpers/monitor-app';

const { app } = monitorApp();
let served: ServedPage;

beforeAll(async () => {
  served = await servePage(app);
}, 60_000);
afterAll(() => served?.close());

test('the page lists the portfolios of the key typed in, with sparklines and the latest alert', async () => {
  const saved = await request(app)
    .post('/api/v1/portfolios')
    .set('Authorization', 'Bearer k1-secret')
    .send({
      name: '<img src=x onerror=window.__pwned=1>',
      holdings: [
        { symbol: 'NVDA', quantity: 10 },
        { symbol: 'SPY', quantity: 2 },
      ],
      alerts: ['issuerTop1 > 10%'],
      backfillMonths: 3,
      monteCarloPaths: 1000,
    });
  expect(saved.status).toBe(201);
  const page = await served.browser.newPage();
  await page.goto(`${served.base}/`);
  await page.fill('#apiKey', 'k1-secret');
  await page.dispatchEvent('#apiKey', 'change');
  const item = page.locator('#portfolioList li').first();
  await item.waitFor();
  expect(await item.locator('strong').textContent()).toBe('<img src=x onerror=window.__pwned=1>');
  expect(await item.locator('svg path').count()).toBe(2);
  expect(await item.locator('.note').textContent()).toMatch(/latest alert: issuerTop1 > 0\.1 crossed \(2026-08-07\)/);
  expect(await page.evaluate('window.__pwned')).toBeUndefined();
  await page.close();
}, 60_000);
