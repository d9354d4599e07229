/**
 * `npm run bench -- whatif` — speed of a 50-holding what-if on the shared real prices (target:
 * ≤ 1 s). The shared folder has 33 price series; 17 more are made from them (the geometric mean of
 * two real series, so they share a calendar and move like real stocks) in a temporary folder beside
 * links to the real files. Times the first run in a fresh process (HiGHS compiled, nothing warm)
 * and then the median of later runs, split into gathering the market data and the what-if itself.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { plan } from '../src/analysis/plan';
import { loadReferenceData } from '../src/analysis/reference';
import { importHoldings } from '../src/holdings';
import { CsvMarketData, gather } from '../src/market';
import { loadSolver, parseWhatIfOptions, whatIf } from '../src/whatif';
import { SHARED } from './common';

const PRICES = path.join(SHARED, 'prices');
const HOLDINGS = 50;
const RUNS = 7;
const TARGET_MS = 1000;

/** A price file whose closes are the geometric mean of two real ones on their common days. */
function blend(a: string, b: string): string {
  const read = (s: string) =>
    new Map(
      readFileSync(path.join(PRICES, `${s}.csv`), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','))
        .map((f) => [f[0]!, [Number(f[4]), Number(f[5])]] as const),
    );
  const x = read(a);
  const y = read(b);
  const rows = [...x]
    .filter(([d]) => y.has(d))
    .map(([d, [c, adj]]) => {
      const [c2, adj2] = y.get(d)!;
      const close = Math.sqrt(c! * c2!);
      return `${d},${close},${close},${close},${close},${Math.sqrt(adj! * adj2!)},0`;
    });
  return `date,open,high,low,close,adj_close,volume\n${rows.join('\n')}\n`;
}

function market(): { dir: string; symbols: string[] } {
  const dir = mkdtempSync(path.join(tmpdir(), 'aix-whatif-bench-'));
  const real = readdirSync(PRICES)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => f.slice(0, -4));
  for (const s of real) symlinkSync(path.join(PRICES, `${s}.csv`), path.join(dir, `${s}.csv`));
  const us = real.filter((s) => !s.includes('.') && !s.includes('='));
  const securities = real.filter((s) => !s.includes('='));
  const made: string[] = [];
  for (let i = 0; securities.length + made.length < HOLDINGS; i++) {
    const symbol = `SYN${String(i + 1).padStart(2, '0')}`;
    writeFileSync(path.join(dir, `${symbol}.csv`), blend(us[i % us.length]!, us[(i * 7 + 3) % us.length]!));
    made.push(symbol);
  }
  return { dir, symbols: [...securities, ...made] };
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

/** Prints the first and the warm runs; true when the warm median meets the target. */
export async function benchWhatIf(): Promise<boolean> {
  const { dir, symbols } = market();
  try {
    const provider = new CsvMarketData({ pricesDir: dir, etfHoldingsDir: path.join(SHARED, 'etf-holdings') });
    const csv = `symbol,quantity\n${symbols.map((s, i) => `${s},${10 + ((i * 37) % 90)}`).join('\n')}\n`;
    const imported = await importHoldings({ fileName: 'bench.csv', text: csv });
    const options = parseWhatIfOptions(
      { maxAiRevenueShare: '0.15', maxIssuer: '0.04', maxScore: '25', buy: ['AGG'], mcPaths: undefined },
      'cli',
    );
    const reference = loadReferenceData();
    const times: { gather: number; solver: number; whatIf: number }[] = [];
    let trades = 0;
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      const needs = plan(imported, options);
      const inputs = await gather({ ...needs, held: [...needs.held, ...options.buy] }, { market: provider, reference });
      const t1 = performance.now();
      const solve = await loadSolver();
      const t2 = performance.now();
      const { document } = whatIf(imported, { market: inputs, reference, generatedAt: '' }, options, solve);
      trades = document.trades.length;
      times.push({ gather: t1 - t0, solver: t2 - t1, whatIf: performance.now() - t2 });
    }
    const total = (t: (typeof times)[number]) => t.gather + t.solver + t.whatIf;
    const ms = (x: number) => `${x.toFixed(0)} ms`;
    const [first, ...later] = times as [(typeof times)[number], ...typeof times];
    const med = (of: (t: (typeof times)[number]) => number) => ms(median(later.map(of)));
    const targets = 'AI revenue ≤ 15 %, issuer ≤ 4 %, score ≤ 25';
    console.log(`\nWhat-if, ${symbols.length} holdings, ${trades} trades (${targets})`);
    console.log(
      `  first run:  ${ms(total(first))} (gather ${ms(first.gather)}, load HiGHS ${ms(first.solver)}, ` +
        `what-if ${ms(first.whatIf)})`,
    );
    console.log(
      `  later runs: ${med(total)}, median of ${later.length} (gather ${med((t) => t.gather)}, ` +
        `what-if ${med((t) => t.whatIf)})`,
    );
    const met = median(later.map(total)) <= TARGET_MS;
    console.log(`  target ≤ ${TARGET_MS} ms: ${met ? 'met' : 'MISSED'} (warm)`);
    return met;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
