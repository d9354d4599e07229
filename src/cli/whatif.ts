import path from 'node:path';
import { Command, Option } from 'commander';
import { AppError } from '../errors';
import { importHoldings, isinResolverFor } from '../holdings';
import { renderHtml, renderPdf, whatIfSection } from '../report';
import { loadThemeFile } from '../theme/user-theme';
import { DEFAULT_COST_BPS } from '../whatif/options';
import { parseWhatIfOptions, runWhatIf } from '../whatif';
import { emit, marketFor, readHoldingsFile, withMarketDataOptions, type MarketDataFlags } from './inputs';
import { runCli } from './run-cli';

const program = withMarketDataOptions(
  new Command()
    .name('whatif')
    .description(
      'The fewest trades (least turnover) that bring a portfolio to target AI exposure, issuer cap or score, ' +
        'as JSON. An illustration, not investment advice.',
    )
    .argument('<holdings.csv>', 'holdings file, as for analyse'),
)
  .option('--theme <file>', 'your own AI-infrastructure theme (JSON), as for analyse', process.env.THEME_FILE)
  .option('--as-of <date>', 'analyse as of the latest common price day on or before YYYY-MM-DD')
  .option('--base-currency <ccy>', 'currency to value and measure the portfolio in', process.env.BASE_CURRENCY)
  .option('--notional-value <amount>', 'total value for a portfolio given by weights only (default 100000)')
  .option('--mc-paths <n>', 'Monte Carlo paths (default: the methodology default)')
  .option('--max-constituents-age <days>', 'leave out fund lists older than this: the fund is one opaque issuer')
  .option('--max-ai-revenue-share <x>', 'target: AI revenue share at most X (0.25 or 25%)')
  .option('--max-theme-holdings <x>', 'target: weight in AI-infrastructure companies at most X')
  .option('--max-issuer <x>', 'target: no issuer above X of the invested value after look-through')
  .option('--max-core-four <x>', 'target: Amazon, Microsoft, Alphabet and NVIDIA together at most X')
  .option('--max-score <n>', 'target: overspending score at most N (0-100)')
  .option('--only-sell', 'sell only; the proceeds go to cash')
  .option('--buy <symbols...>', 'symbols the proceeds (and base-currency cash) may buy; by default proceeds go to cash')
  .option('--min-trade <value>', 'no trade smaller than VALUE in the base currency (a smaller position may be closed)')
  .option('--whole-shares', 'trade whole shares of holdings sized by quantity and of what is bought')
  .option('--cost-bps <n>', `estimated trading cost in basis points (default ${DEFAULT_COST_BPS})`)
  .option('--cost-per-trade <amount>', 'estimated fixed cost of each trade in the base currency (default 0)')
  .addOption(new Option('--tax <regime>', 'tax on realised gains (default it: Italian)').choices(['it', 'none']))
  .addOption(
    new Option('--format <format>', 'json, or html or pdf: the report with a what-if page').choices([
      'json',
      'html',
      'pdf',
    ]),
  )
  .option('--out <file>', 'write the output to FILE (needed for pdf)')
  .option('--lang <lang>', 'language of the PDF (en, it)')
  .option('--paper <size>', 'PDF paper size (A4, LETTER)')
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

interface Flags extends MarketDataFlags {
  theme?: string;
  asOf?: string;
  baseCurrency?: string;
  notionalValue?: string;
  maxConstituentsAge?: string;
  mcPaths?: string;
  maxAiRevenueShare?: string;
  maxThemeHoldings?: string;
  maxIssuer?: string;
  maxCoreFour?: string;
  maxScore?: string;
  onlySell?: boolean;
  buy?: string[];
  minTrade?: string;
  wholeShares?: boolean;
  costBps?: string;
  costPerTrade?: string;
  tax?: string;
  format?: 'json' | 'html' | 'pdf';
  out?: string;
  lang?: string;
  paper?: string;
}

void runCli(async () => {
  program.parse();
  const [file] = program.args as [string];
  const flags = program.opts<Flags>();
  const { format = 'json', out, mcPaths, theme, ...rest } = flags;
  const options = parseWhatIfOptions({ ...rest, monteCarloPaths: mcPaths, paper: flags.paper?.toUpperCase() }, 'cli');
  if (format !== 'json' && out === undefined)
    throw new AppError('bad_request', 'option_combination', {
      params: { reason: { code: 'cli.needs_out', params: {} } },
    });
  const market = marketFor(flags);
  const source = { fileName: path.basename(file), bytes: await readHoldingsFile(file) };
  const imported = await importHoldings(source, { isinResolver: isinResolverFor(market) });
  const reference = theme === undefined ? undefined : await loadThemeFile(theme);
  const { document, report } = await runWhatIf(imported, options, {
    market,
    ...(reference !== undefined && { reference }),
  });
  if (document.check.message !== null) process.stderr.write(`warning: ${document.check.message.message}\n`);
  if (format === 'json') return emit(`${JSON.stringify(document, null, 2)}\n`, out);
  const page = [whatIfSection(document, options.lang)];
  if (format === 'html') return emit(renderHtml(report, options.lang, page), out);
  return emit(await renderPdf(report, options.lang, options.paper, page), out);
});
