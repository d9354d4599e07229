import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { analysePortfolio } from '../analyse-portfolio';
import { reader, type MessageCode } from '../i18n';
import { DemoMarketData, DATA_DIR } from '../market';
import { writeFileAtomic } from '../shared/atomic-write';
import { renderHtml, renderPdf } from '../report';
import { runCli } from './run-cli';

const EXAMPLE = path.join(DATA_DIR, 'examples', 'portfolio.csv');
const OUT_DIR = path.resolve(DATA_DIR, '..', 'reports');
const OUT = path.join(OUT_DIR, 'demo.json');
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const en = reader('en');

/** Analyses the example portfolio on the synthetic demo market, fully offline. */
void runCli(async () => {
  const market = new DemoMarketData();
  const report = await analysePortfolio(
    { file: { fileName: path.basename(EXAMPLE), bytes: await readFile(EXAMPLE) } },
    { market },
  );
  await writeFileAtomic(OUT, `${JSON.stringify(report, null, 2)}\n`);
  await writeFileAtomic(path.join(OUT_DIR, 'demo.html'), renderHtml(report, 'en'));
  await writeFileAtomic(path.join(OUT_DIR, 'demo.pdf'), await renderPdf(report, 'en'));
  const { coreFour } = report.exposure;
  process.stdout.write(
    [
      `ai-exposure demo — ${report.warnings[0]?.message ?? ''}`,
      `portfolio ${path.relative(process.cwd(), EXAMPLE)}: ${report.holdings.length} positions, ${report.totals.marketValue.toFixed(2)} ${report.baseCurrency} on ${report.asOf}`,
      `AI-infrastructure exposure after look-through: ${pct(report.exposure.aiInfrastructure)} (buyers ${pct(report.exposure.byRole.capexBuyers)}, sellers ${pct(report.exposure.byRole.capexSellers)})`,
      `core four (AMZN, MSFT, GOOGL, NVDA) incl. ETF look-through: ${pct(coreFour.total)} (NVDA ${pct(coreFour.NVDA)})`,
      `overspending-risk score ${report.overspending.score.toFixed(0)}/100: ${report.overspending.topReasons.map((r) => r.message).join('; ')}`,
      `if the AI basket fell 30 %: ${pct(report.overspending.shocks[2]!.portfolioReturn)}; 1-year Monte Carlo VaR95 ${pct(report.overspending.monteCarlo.var95)}, P(loss > 20 %) ${pct(report.overspending.monteCarlo.probLossOver20)}`,
      `concentration: effective N ${report.concentration.effectiveN.toFixed(1)} holdings, ${report.concentration.issuer?.effectiveN.toFixed(1) ?? '–'} issuers after look-through; ${report.concentration.rules.map((r) => `${en.t(`rule.${r.id}` as MessageCode)} ${r.status}`).join(', ')}`,
      `risk over ${report.risk.lookbackDays} days: volatility ${pct(report.risk.volatility)}, beta to AI basket ${report.risk.betaToAiBasket.toFixed(2)}, 1-day VaR95 ${pct(report.risk.var95)}, max drawdown ${pct(report.risk.maxDrawdown)}`,
      `reports written to ${path.relative(process.cwd(), OUT_DIR)}/demo.{json,html,pdf}`,
      '',
    ].join('\n'),
  );
});
