import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { analysePortfolio } from '../analyse-portfolio';
import { reader, type Lang, type MessageCode } from '../i18n';
import { DATA_DIR, DemoMarketData } from '../market';
import { renderHtml, renderPdf, type AnalysisReport } from '../report';
import { writeFileAtomic } from '../shared/atomic-write';
import { runCli } from './run-cli';

/** The examples the demo can show: a US portfolio in English, a Degiro export in euros and Italian. */
const EXAMPLES = {
  default: { file: 'portfolio.csv', lang: 'en', out: 'demo' },
  europe: { file: 'europa-degiro.csv', lang: 'it', out: 'demo-europe' },
} as const satisfies Record<string, { file: string; lang: Lang; out: string }>;

const OUT_DIR = path.resolve(DATA_DIR, '..', 'reports');
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

const program = new Command()
  .name('demo')
  .description('Analyse an example portfolio on the synthetic demo market, fully offline.')
  .addOption(new Option('--example <name>', 'which example').choices(Object.keys(EXAMPLES)).default('default'))
  .exitOverride();

void runCli(async () => {
  program.parse();
  const example = EXAMPLES[program.opts<{ example: keyof typeof EXAMPLES }>().example];
  const file = path.join(DATA_DIR, 'examples', example.file);
  const market = new DemoMarketData();
  const report = await analysePortfolio({ file: { fileName: example.file, bytes: await readFile(file) } }, { market });
  const base = path.join(OUT_DIR, example.out);
  await writeFileAtomic(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  await writeFileAtomic(`${base}.html`, renderHtml(report, example.lang));
  await writeFileAtomic(`${base}.pdf`, await renderPdf(report, example.lang));
  process.stdout.write(summary(report, path.relative(process.cwd(), file), path.relative(process.cwd(), base)));
});

function summary(report: AnalysisReport, file: string, out: string): string {
  const en = reader('en', report.baseCurrency);
  const h = report.exposure.headline;
  const o = report.overspending;
  return [
    `ai-exposure demo — ${report.warnings[0]?.message ?? ''}`,
    `portfolio ${file}: ${report.holdings.length} positions, ${en.money(report.totals.marketValue)} on ${report.asOf} (base ${report.baseCurrency}, ${report.baseCurrencySource})`,
    `in the AI-infrastructure chain ${pct(h.themeHoldings)}; AI revenue share ${pct(h.aiRevenueShare)}; net AI beta ${h.netAiBeta.toFixed(2)}; core four ${pct(h.coreFour)}`,
    `AI capex bust like 2021-22: loss ${pct(o.expectedLoss)} → overspending score ${o.score.toFixed(0)}/100 (${o.topReasons.map((r) => r.message).join('; ')})`,
    `1-year simulation: VaR95 ${pct(o.monteCarlo.var95)}, mean ${pct(o.monteCarlo.mean)}, median ${pct(o.monteCarlo.median)}`,
    `concentration grade ${report.concentration.grade ?? '–'}: like ${report.concentration.issuer?.effectiveN.toFixed(0) ?? '–'} equal issuers; ${report.concentration.rules.map((r) => `${en.t(`rule.${r.id}` as MessageCode)} ${r.status}`).join(', ')}`,
    `reports written to ${out}.{json,html,pdf}`,
    '',
  ].join('\n');
}
