import { Command, Option } from 'commander';
import { SingleBar } from 'cli-progress';
import { AI_BASKET, MARKET_BENCHMARK } from '../theme/enums';
import { formatter } from '../i18n/format';
import { translate, type MessageCode, type MessageRef } from '../i18n';
import { CACHE_TTL, DEFAULT_CACHE_PATH, MarketCache, offlineFetch, YahooMarketData } from '../market';
import { dayToIso } from '../shared/dates';
import { runCli } from './run-cli';

const program = new Command().name('market').description('Warm and inspect the Yahoo Finance cache.').exitOverride();
program
  .option('--cache <file>', 'market-data cache (SQLite)', process.env.MARKET_CACHE ?? DEFAULT_CACHE_PATH)
  .addOption(
    new Option('--network <mode>', 'offline: answer every request as an outage would')
      .choices(['online', 'offline'])
      .default(process.env.MARKET_NETWORK ?? 'online'),
  );

program
  .command('refresh')
  .description(
    'fetch daily history, profile and fund holdings for the symbols (default: the AI basket, SPY and every symbol already cached)',
  )
  .argument('[symbols...]')
  .action(async (symbols: string[]) => {
    const { cache: file, network } = program.opts<{ cache: string; network: 'online' | 'offline' }>();
    const cache = new MarketCache(file);
    const provider = new YahooMarketData({ cache, ...(network === 'offline' && { fetch: offlineFetch }) });
    const wanted =
      symbols.length > 0
        ? symbols.map((s) => s.toUpperCase())
        : [...new Set([...AI_BASKET, MARKET_BENCHMARK, ...cache.status().series.map((s) => s.symbol)])];
    const bar = new SingleBar({
      format: 'refreshing {bar} {value}/{total} {symbol}',
      noTTYOutput: true,
      notTTYSchedule: 2000,
      stream: process.stderr,
    });
    bar.start(wanted.length, 0, { symbol: '' });
    const outcomes: string[] = [];
    for (const symbol of wanted) {
      // Force a fetch: mark the series as old, then ask for it.
      cache.touch(symbol, 0);
      const result = (await provider.getHistories([symbol])).get(symbol)!;
      if (result.ok) {
        await provider.getInstrument(symbol);
        outcomes.push(
          `${symbol}: ${result.history.stale ? `stale (${text(result.history.stale.reason)})` : `ok, ${result.history.days.length} days to ${dayToIso(result.history.days[result.history.days.length - 1]!)}`}`,
        );
      } else outcomes.push(`${symbol}: failed (${text(result.failure.reason)})`);
      bar.increment(1, { symbol });
    }
    bar.stop();
    process.stdout.write(`${outcomes.join('\n')}\n`);
    cache.close();
    if (outcomes.some((o) => !o.includes(': ok'))) process.exitCode = 3;
  });

program
  .command('status')
  .description('list what is cached, from when, and how stale')
  .action(() => {
    const { cache: file } = program.opts<{ cache: string }>();
    const cache = new MarketCache(file);
    const { series, documents } = cache.status();
    const now = Date.now();
    const age = (t: number) => {
      const h = (now - t) / 3_600_000;
      return h < 48 ? `${h.toFixed(1)} h` : `${(h / 24).toFixed(1)} days`;
    };
    const lines = [`cache ${file}: ${series.length} price series, ${documents.length} documents`];
    if (series.length > 0)
      lines.push('symbol      ccy  rows  first       last        fetched (UTC)     age        state');
    for (const s of series) {
      const state = now - s.fetched_at < CACHE_TTL.history ? 'fresh' : 'stale';
      lines.push(
        `${s.symbol.padEnd(11)} ${s.currency.padEnd(4)} ${String(s.rows).padStart(5)}  ${dayToIso(s.first_day)}  ${dayToIso(s.last_day)}  ${new Date(s.fetched_at).toISOString().slice(0, 16).replace('T', ' ')}  ${age(s.fetched_at).padEnd(10)} ${state}`,
      );
    }
    for (const d of documents)
      lines.push(
        `${d.kind.padEnd(12)} ${d.key.padEnd(10)} fetched ${new Date(d.fetched_at).toISOString().slice(0, 16).replace('T', ' ')} (${age(d.fetched_at)} ago)`,
      );
    process.stdout.write(`${lines.join('\n')}\n`);
    cache.close();
  });

const english = formatter('en');
const text = (ref: MessageRef) => translate(english, ref.code as MessageCode, ref.params);

void runCli(async () => {
  await program.parseAsync();
});
