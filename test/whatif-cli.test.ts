/** `npm run whatif` as a user runs it: JSON on stdout, one-line refusals with exit 2, a PDF with a what-if page. */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WhatIfSchema } from '../src/whatif';
import { ENGLISH_PHRASES, englishIn } from './helpers/english';
import { ETF_DIR, PRICES_DIR, ROOT } from './helpers/paths';

const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const dir = mkdtempSync(path.join(tmpdir(), 'aix-whatif-cli-'));
const withData = ['--prices-dir', PRICES_DIR, '--etf-holdings-dir', ETF_DIR, '--mc-paths', '1000'];

function whatif(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of ['MARKET_DATA', 'PRICES_DIR', 'ETF_HOLDINGS_DIR', 'BASE_CURRENCY']) delete env[k];
  return new Promise((resolve) => {
    execFile(TSX, [path.join(ROOT, 'src/cli/whatif.ts'), ...args], { cwd: dir, env }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
    });
  });
}

function holdings(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** The PDF's text with its line breaks and layout spaces as single spaces. */
const pdfText = (file: string) =>
  execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

test('prints the what-if document as JSON and exits 0', async () => {
  const file = holdings('mine.csv', 'symbol,quantity\nNVDA,100\nMSFT,40\nJNJ,60\nSPY,20\n');
  const res = await whatif([file, ...withData, '--max-ai-revenue-share', '20%', '--max-issuer', '0.3']);
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  const doc = WhatIfSchema.parse(JSON.parse(res.stdout));
  expect(doc.targets).toEqual({ maxAiRevenueShare: 0.2, maxIssuer: 0.3 });
  expect(doc.trades.length).toBeGreaterThan(0);
  expect(doc.after.exposure.headline.aiRevenueShare).toBeLessThanOrEqual(0.2 + 1e-6);
});

test('an issuer cap one fund forces, selling only: exit 2, one line naming the target and the best reachable', async () => {
  const file = holdings('smh.csv', 'symbol,quantity\nSMH,100\n');
  const res = await whatif([file, ...withData, '--max-issuer', '0.1', '--only-sell']);
  expect(res.code).toBe(2);
  expect(res.stdout).toBe('');
  expect(res.stderr.trim().split('\n')).toHaveLength(1);
  expect(res.stderr).toMatch(
    /^error: the largest issuer after look-through cannot be brought to 10\.00 % by selling alone: the lowest it can reach is 1\d\.\d\d %, with [A-Z]+ the largest issuer\n$/,
  );
});

test('refusals of the options: no target, a bad fraction, pdf without --out', async () => {
  const file = holdings('one.csv', 'symbol,quantity\nNVDA,10\n');
  const none = await whatif([file, ...withData]);
  expect([none.code, none.stderr]).toEqual([2, expect.stringContaining('give at least one target')]);
  const bad = await whatif([file, ...withData, '--max-core-four', '150%']);
  expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--max-core-four "1.5"')]);
  const pdf = await whatif([file, ...withData, '--max-score', '10', '--format', 'pdf']);
  expect([pdf.code, pdf.stderr]).toEqual([2, expect.stringContaining('--out')]);
});

test('--format pdf and html append the what-if page, in English and in Italian without English', async () => {
  const file = holdings('mix.csv', 'symbol,quantity,average price\nNVDA,100,40\nQQQ,20,300\nJNJ,60,\nBND,100,\n');
  const args = [file, ...withData, '--max-issuer', '0.2', '--buy', 'JNJ', '--format', 'pdf'];
  const en = await whatif([...args, '--out', path.join(dir, 'en.pdf')]);
  expect([en.code, en.stderr]).toEqual([0, '']);
  const english = pdfText(path.join(dir, 'en.pdf'));
  expect(english).toContain('What-if: the fewest trades that meet your targets');
  expect(english).toContain('not investment advice');
  expect(english).toContain('Italian tax on capital gains');
  const it = await whatif([...args, '--out', path.join(dir, 'it.pdf'), '--lang', 'it']);
  expect([it.code, it.stderr]).toEqual([0, '']);
  const italian = pdfText(path.join(dir, 'it.pdf'));
  const page = italian.slice(italian.indexOf('Simulazione: le operazioni minime'));
  expect(page.length).toBeGreaterThan(500);
  expect(page).toContain('non è una consulenza d’investimento');
  expect(ENGLISH_PHRASES.filter((p) => page.includes(p))).toEqual([]);
  expect(englishIn(page)).toEqual([]);
  const html = await whatif([...args.slice(0, -1), 'html', '--out', path.join(dir, 'it.html'), '--lang', 'it']);
  expect([html.code, html.stderr]).toEqual([0, '']);
  expect(readFileSync(path.join(dir, 'it.html'), 'utf8')).toContain('<section id="what-if"><h2>Simulazione');
});
