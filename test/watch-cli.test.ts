/**
 * `watch` for one user without the service: saves the file as a portfolio in the embedded database
 * (back-filled), analyses it, sends an alert's crossing to the webhook signed, and a second run on
 * the same prices adds no alert.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AnalysisStore } from '../src/server/analysis-store';
import { verifySignature } from '../src/monitor/webhook';
import { ETF_DIR, PRICES_DIR, ROOT } from './helpers/paths';

const dir = mkdtempSync(path.join(tmpdir(), 'aix-watch-'));
const bodies: { body: string; signature: string }[] = [];
const receiver = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    bodies.push({ body, signature: String(req.headers['x-signature']) });
    res.writeHead(200).end();
  });
});
beforeAll(() => new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r)));
afterAll(() => receiver.close());

function watch(url: string) {
  // Asynchronous: the receiver in this process must answer while the command waits for it.
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(ROOT, 'src/cli/watch.ts'),
        path.join(ROOT, 'data/examples/portfolio.csv'),
        '--every',
        'day',
        '--alert',
        'aiRevenueShare>0.1',
        '--webhook',
        url,
        '--once',
        '--backfill',
        '2',
        '--mc-paths',
        '1000',
        '--db',
        path.join(dir, 'w.sqlite'),
        '--prices-dir',
        PRICES_DIR,
        '--etf-holdings-dir',
        ETF_DIR,
      ],
      { cwd: ROOT, env: { ...process.env, ALLOW_PRIVATE_WEBHOOKS: '1' } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

test('watch --once: saved, back-filled, analysed, one signed event; again: no new event', async () => {
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const first = await watch(url);
  expect(first.status).toBe(0);
  expect(first.stderr).toMatch(/back-filled 2 month-end points/);
  const secret = /webhook secret .*: (whsec_[0-9a-f]+)/.exec(first.stderr)?.[1];
  expect(secret).toBeDefined();
  expect(first.stdout).toMatch(
    /^2026-07-31: score \d+\.\d, AI revenue share [\d.]+ %; aiRevenueShare > 0\.1 crossed\n$/,
  );
  expect(bodies).toHaveLength(1);
  expect(verifySignature(secret!, bodies[0]!.body, bodies[0]!.signature, Date.now() / 1000)).toBe(true);

  const second = await watch(url);
  expect(second.status).toBe(0);
  expect(second.stdout).toMatch(/^2026-07-31: score [\d.]+, AI revenue share [\d.]+ %\n$/);
  expect(bodies).toHaveLength(1);
  const store = new AnalysisStore(path.join(dir, 'w.sqlite'), path.join(dir, 'reports'));
  const [p] = (await store.portfolios.list('', { limit: 10, offset: 0 })).items;
  expect((await store.history.list(p!.id, { limit: 10, offset: 0 })).points.map((x) => x.kind)).toEqual([
    'backfill',
    'backfill',
    'manual',
  ]);
  await store.close();
}, 60_000);
