/**
 * `npm run bench -- reports` — how long the report takes to render in a warm process, for 50 holdings
 * with long names on the shared real prices (funds looked through, every section full). Target:
 * the PDF in at most 300 ms. Prints the median wall time and, beside it, the median CPU time of
 * this process, which other work on a shared machine disturbs less.
 */
import { analysePortfolio } from '../src/analyse-portfolio';
import { renderHtml, renderPdf } from '../src/report';
import { wideHoldingsCsv, wideMarket } from '../test/helpers/wide-portfolio';

const HOLDINGS = 50;
const TARGET_PDF_MS = 300;
const WARM_UP = 5;
const RUNS = 15;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Median wall and CPU milliseconds of `fn` after a warm-up (V8 optimises hot code: a service runs it hot). */
async function time(fn: () => unknown): Promise<{ wall: number; cpu: number }> {
  for (let i = 0; i < WARM_UP; i++) await fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

const fmt = (t: { wall: number; cpu: number }) => `${t.wall.toFixed(0)} ms (CPU ${t.cpu.toFixed(0)} ms)`;

export async function benchReport(): Promise<boolean> {
  const t0 = performance.now();
  const report = await analysePortfolio(
    { file: { fileName: 'wide.csv', text: wideHoldingsCsv(HOLDINGS) } },
    { market: wideMarket() },
  );
  const analysis = performance.now() - t0;
  console.log(`\nReport of ${report.holdings.length} holdings (analysis, cold: ${analysis.toFixed(0)} ms)`);
  const html = await time(() => renderHtml(report, 'en'));
  console.log(`  html            ${fmt(html)}`);
  let ok = true;
  for (const [lang, paper] of [
    ['en', 'A4'],
    ['it', 'LETTER'],
  ] as const) {
    const pdf = await time(() => renderPdf(report, lang, paper));
    const met = pdf.wall <= TARGET_PDF_MS;
    ok &&= met;
    console.log(
      `  pdf ${lang} ${paper.padEnd(8)} ${fmt(pdf)}   target ≤ ${TARGET_PDF_MS} ms: ${met ? 'met' : 'MISSED'}`,
    );
  }
  return ok;
}
