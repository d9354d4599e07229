/** `npm run batch` as a user runs it: the example folder, its outputs, exit codes and one-line messages. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './helpers/paths';

const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const dir = mkdtempSync(path.join(tmpdir(), 'aix-batch-cli-'));

function batch(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const k of ['MARKET_DATA', 'PRICES_DIR', 'ETF_HOLDINGS_DIR', 'REDIS_URL']) delete env[k];
    execFile(TSX, [path.join(ROOT, 'src/cli/batch.ts'), ...args], { cwd: dir, env }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

test('the example folder: five reports, one failed row with its reason, a ranked summary, PDFs on request', async () => {
  const out = path.join(dir, 'out');
  const res = await batch([
    path.join(ROOT, 'data/examples/batch'),
    '--market-data',
    'demo',
    '--out-dir',
    out,
    '--pdf',
    '--lang',
    'it',
    '--mc-paths',
    '2000',
  ]);
  expect(res.stderr).not.toMatch(/internal error/);
  expect(res.code).toBe(0);
  expect(res.stdout).toMatch(
    /^batch [0-9a-f]{8}: 5 analysed, 1 failed, market data for \d+ symbols fetched once; results in /,
  );
  // A folder per portfolio, its files named the same way in each.
  const ids = ['bianchi-prudente', 'gallo-euro-cash', 'neri-value', 'rossi-growth', 'verdi-tech'];
  expect(readdirSync(path.join(out, 'portfolios')).sort()).toEqual(ids);
  for (const id of ids)
    expect(readdirSync(path.join(out, 'portfolios', id)).sort()).toEqual(['report.it.A4.pdf', 'report.json']);
  const summary = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
  expect(summary.counts).toEqual({ total: 6, done: 5, failed: 1 });
  expect(summary.rows.at(-1)).toEqual({
    id: 'conti-typo',
    status: 'failed',
    code: 'no_usable_positions',
    params: expect.any(Object),
    reason: 'file conti-typo.csv, row 2, column quantity: "ten" is not a number (and 1 more problem row)',
  });
  // The semiconductor-heavy portfolio ranks first, the one of healthcare, oil, gold and bonds last of the analysed.
  expect(summary.rows[0].id).toBe('rossi-growth');
  expect(summary.rows[4].id).toBe('neri-value');
  const report = JSON.parse(readFileSync(path.join(out, 'portfolios', 'rossi-growth', 'report.json'), 'utf8'));
  expect(report.overspending.monteCarlo.paths).toBe(2000);
  expect(report.overspending.score).toBe(summary.rows[0].score);
  const csv = readFileSync(path.join(out, 'summary.csv'), 'utf8').trim().split('\n');
  expect(csv).toHaveLength(7);
  expect(csv[1]).toMatch(/^1,rossi-growth,ok,/);
}, 120_000);

test('mistakes: a missing folder, a bad option, an unreachable Redis — exit 2 with one line each', async () => {
  const missing = await batch([path.join(dir, 'nope'), '--market-data', 'demo']);
  expect([missing.code, missing.stderr.trim()]).toEqual([
    2,
    `error: file ${path.join(dir, 'nope')}: no such file or folder`,
  ]);
  const paths = await batch([path.join(ROOT, 'data/examples/batch'), '--market-data', 'demo', '--mc-paths', '5']);
  expect([paths.code, paths.stderr.trim()]).toEqual([
    2,
    expect.stringMatching(
      /^error: .*--mc-paths "5": the number of paths must be a whole number from 100 to 1,000,000$/,
    ),
  ]);
  const redis = await batch([
    path.join(ROOT, 'data/examples/batch'),
    '--market-data',
    'demo',
    '--redis',
    'redis://127.0.0.1:1',
    '--out-dir',
    path.join(dir, 'r'),
  ]);
  expect(redis.code).toBe(2);
  expect(redis.stderr).toMatch(/error: no Redis answers at redis:\/\/127\.0\.0\.1:1 within 5 s/);
  expect(existsSync(path.join(dir, 'r', 'summary.json'))).toBe(false);
}, 60_000);
