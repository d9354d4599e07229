import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { analysePortfolio } from '../analyse-portfolio';
import { DemoMarketData, DATA_DIR } from '../market';
import { writeFileAtomic } from '../shared/atomic-write';
import { runCli } from './run-cli';

const EXAMPLE = path.join(DATA_DIR, 'examples', 'portfolio.csv');
const OUT = path.resolve(DATA_DIR, '..', 'reports', 'demo.json');
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** Analyses the example portfolio on the synthetic demo market, fully offline. */
void runCli(async () => {
  const market = new DemoMarketData();
  const report = await analysePortfolio({ file: { fileName: path.basename(EXAMPLE), bytes: await readFile(EXAMPLE) } }, { market });
  await writeFileAtomic(OUT, `${JSON.stringify(report, null, 2)}\n`);
  const { coreFour } = report.exposure;
  process.stdout.write(
    [
      `ai-exposure demo — ${market.info.notice}`,
      `portfolio ${path.relative(process.cwd(), EXAMPLE)}: ${report.holdings.length} positions, ${report.totals.marketValue.toFixed(2)} ${report.baseCurrency} on ${report.asOf}`,
      `core four (AMZN, MSFT, GOOGL, NVDA) incl. ETF look-through: ${pct(coreFour.total)} (NVDA ${pct(coreFour.NVDA)})`,
      `concentration: HHI ${report.concentration.hhi.toFixed(3)}, effective N ${report.concentration.effectiveN.toFixed(1)}, top 5 ${pct(report.concentration.top5)}`,
      `risk over ${report.risk.lookbackDays} days: volatility ${pct(report.risk.volatility)}, beta to AI basket ${report.risk.betaToAiBasket.toFixed(2)}, 1-day VaR95 ${pct(report.risk.var95)}, max drawdown ${pct(report.risk.maxDrawdown)}`,
      `report written to ${path.relative(process.cwd(), OUT)}`,
      '',
    ].join('\n'),
  );
});
