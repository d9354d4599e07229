/**
 * The upload page in a real browser (Debian chromium through playwright-core) lists the caller's
 * saved portfolios, with the API key typed on the page: name, latest score, two sparklines and the
 * latest alert; a hostile portfolio name stays text.
 */
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import request from 'supertest';
import { monitorApp } from './helpers/monitor-app';

const CHROMIUM = '/usr/bin/chromium';
const { app } = monitorApp();
let server: Server;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium for this test`);
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

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
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
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
