/** The CLI as a user runs it: exit codes and one-line messages. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ETF_DIR, PRICES_DIR, ROOT } from './helpers/paths';

const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const dir = mkdtempSync(path.join(tmpdir(), 'aix-cli-'));

function analyse(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const cleanEnv: NodeJS.ProcessEnv = {
      ...process.env,
      MARKET_DATA: '',
      PRICES_DIR: '',
      ETF_HOLDINGS_DIR: '',
      ...env,
    };
    for (const k of ['MARKET_DATA', 'PRICES_DIR', 'ETF_HOLDINGS_DIR']) if (cleanEnv[k] === '') delete cleanEnv[k];
    execFile(
      TSX,
      [path.join(ROOT, 'src/cli/analyse.ts'), ...args],
      { cwd: dir, env: cleanEnv },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

function holdings(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

const withData = ['--prices-dir', PRICES_DIR, '--etf-holdings-dir', ETF_DIR];

test('prints the AnalysisReport JSON and exits 0; --out writes the same to a file', async () => {
  const file = holdings('ok.csv', 'symbol,quantity\nNVDA,10\nSPY,3\n');
  const res = await analyse([file, ...withData, '--as-of', '2025-06-30']);
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  const report = JSON.parse(res.stdout);
  expect(report).toMatchObject({
    schemaVersion: 4,
    asOf: '2025-06-30',
    baseCurrency: 'USD',
    dataSource: { kind: 'csv' },
  });
  const out = path.join(dir, 'out/report.json');
  const written = await analyse([file, ...withData, '--as-of', '2025-06-30', '--out', out]);
  expect(written.code).toBe(0);
  expect(written.stdout).toBe('');
  const fromFile = JSON.parse(readFileSync(out, 'utf8'));
  expect({ ...fromFile, generatedAt: '' }).toEqual({ ...report, generatedAt: '' });
});

test.each([
  ['missing file', () => [path.join(dir, 'nope.csv'), ...withData], /^error: file .*nope\.csv: no such file\n$/],
  [
    'no symbol column',
    () => [holdings('nosym.csv', 'stock,amount\nNVDA,1\n'), ...withData],
    /^error: file nosym\.csv, row 1: no recognisable symbol or ISIN column with a quantity, value or weight column \(first line: stock, amount\)\n$/,
  ],
  [
    'non-numeric quantity, nothing else usable',
    () => [holdings('nan1.csv', 'symbol,quantity\nMSFT,ten\n'), ...withData],
    /^error: file nan1\.csv, row 2, column quantity: "ten" is not a number\n$/,
  ],
  [
    'non-numeric quantity with --strict',
    () => [holdings('nan.csv', 'symbol,quantity\nNVDA,1\nMSFT,ten\n'), ...withData, '--strict'],
    /^error: file nan\.csv, row 3, column quantity: "ten" is not a number\n$/,
  ],
  [
    'not enough history',
    () => [holdings('short.csv', 'symbol,quantity\nSPY,1\n'), ...withData, '--as-of', '2020-02-15'],
    /^error: file short\.csv, row 2, column symbol: not enough price history: 30 common daily returns up to 15 February 2020, at least 60 needed; SPY starts on 2 January 2020\n$/,
  ],
  [
    'csv market data without a prices folder',
    () => [holdings('nomarket.csv', 'symbol,quantity\nNVDA,1\n'), '--market-data', 'csv'],
    /^error: the csv market data needs a prices folder: pass --prices-dir DIR or set PRICES_DIR\n$/,
  ],
  [
    'bad --as-of',
    () => [holdings('asof.csv', 'symbol,quantity\nNVDA,1\n'), ...withData, '--as-of', '2025-02-30'],
    /^error: --as-of "2025-02-30": not a date YYYY-MM-DD\n$/,
  ],
])('%s → exit 2 with one line naming what and where', async (_label, args, message) => {
  const res = await analyse(args());
  expect(res.code).toBe(2);
  expect(res.stdout).toBe('');
  expect(res.stderr).toMatch(message);
  expect(res.stderr).not.toMatch(/\n\s+at /); // no stack trace
});

test('without --strict a bad row is left out, named on stderr and in the report', async () => {
  const res = await analyse([
    holdings('mixed.csv', 'symbol,quantity\nNVDA,1\nMSFT,ten\n'),
    ...withData,
    '--as-of',
    '2025-06-30',
  ]);
  expect(res.code).toBe(0);
  expect(res.stderr).toBe('warning: file mixed.csv, row 3, column quantity: "ten" is not a number (row left out)\n');
  const report = JSON.parse(res.stdout);
  expect(report.holdings.map((h: { symbol: string }) => h.symbol)).toEqual(['NVDA']);
  expect(report.input.rejected).toEqual([
    expect.objectContaining({ row: 3, column: 'quantity', value: 'ten', reason: '"ten" is not a number' }),
  ]);
  expect(report.warnings.map((w: { code: string }) => w.code)).toContain('warn.rows_rejected');
});

test('an unknown symbol is left out and named on stderr (exit 0); nothing priced at all is exit 3', async () => {
  const res = await analyse([holdings('unk.csv', 'symbol,quantity\nNVDA,1\nNOPE,2\n'), ...withData]);
  expect(res.code).toBe(0);
  expect(res.stderr).toBe('warning: no market data for NOPE (– of the value): left out of the analysis\n');
  expect(JSON.parse(res.stdout).dataSource.missing).toEqual([expect.objectContaining({ symbol: 'NOPE', share: null })]);
  const none = await analyse([holdings('unk2.csv', 'symbol,quantity\nNOPE,2\n'), ...withData]);
  expect(none.code).toBe(3);
  expect(none.stderr).toBe(
    'error: no market data for NOPE, which are 100 % of the value: more than half of the portfolio cannot be priced\n',
  );
  expect(none.stderr).not.toMatch(/prices|\.csv|\//); // never the server's folder
});

test('--dry-run prints the preview and analyses nothing; exit 2 when nothing is usable', async () => {
  const file = holdings('preview.csv', 'Simbolo;Quantità;Prodotto\nNVDA;1.234,5;NVIDIA\nXXX;abc;\nTotale;;\n');
  const res = await analyse([file, '--dry-run']);
  expect(res.code).toBe(0);
  const preview = JSON.parse(res.stdout);
  expect(preview.holdings).toEqual([
    { symbol: 'NVDA', kind: 'security', basis: 'quantity', quantity: 1234.5, name: 'NVIDIA', rows: [2], file: {} },
  ]);
  expect(preview.problems).toEqual([
    expect.objectContaining({ row: 3, column: 'Quantità', value: 'abc', reason: '"abc" is not a number' }),
  ]);
  expect(preview.skipped).toEqual([expect.objectContaining({ row: 4, code: 'skip.totals', reason: 'totals row' })]);
  expect(preview.counts).toEqual({ read: 3, accepted: 1, merged: 0, rejected: 1, skipped: 1 });
  const csv = await analyse([
    holdings('inject.csv', 'symbol,quantity,name\nNVDA,1,"=HYPERLINK(""http://x"")"\n'),
    '--dry-run',
    '--format',
    'csv',
  ]);
  expect(csv.code).toBe(0);
  expect(csv.stdout.split('\n')[1]).toBe('position,2,NVDA,security,quantity,1,,,,"\'=HYPERLINK(""http://x"")",,,,,');
  const none = await analyse([holdings('none.csv', 'symbol,quantity\nNVDA,zero\n'), '--dry-run']);
  expect(none.code).toBe(2);
  expect(JSON.parse(none.stdout).counts.rejected).toBe(1);
  expect(none.stderr).toMatch(
    /^error: file none\.csv, row 2, column quantity: "zero" is not a number \(no usable position in the file\)\n$/,
  );
});

test('MARKET_DATA=demo from the environment selects the labelled demo market', async () => {
  const res = await analyse([path.join(ROOT, 'data/examples/portfolio.csv')], { MARKET_DATA: 'demo' });
  expect(res.code).toBe(0);
  const report = JSON.parse(res.stdout);
  expect(report.dataSource.kind).toBe('demo');
  expect(report.warnings[0].code).toBe('warn.demo_data');
  expect(report.warnings[0].message).toMatch(/^synthetic demo data: not market prices/);
});
