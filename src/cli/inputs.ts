import { readFile, stat } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { AppError } from '../errors';
import { MAX_FILE_BYTES } from '../holdings';
import type { MessageRef } from '../i18n';
// The module, not the market barrel: analyse starts without loading the Yahoo, cache and demo providers.
import { selectMarketData } from '../market/select';
import type { MarketDataProvider } from '../market/types';
import { writeFileAtomic } from '../shared/atomic-write';

/** What every command that analyses a file is told about its market data. */
export interface MarketDataFlags {
  pricesDir?: string;
  etfHoldingsDir?: string;
  marketData?: 'yahoo' | 'csv' | 'demo';
  cache?: string;
  network: 'online' | 'offline';
  seed?: string;
}

/** The market-data flags, with their environment defaults, the same on `analyse` and `whatif`. */
export function withMarketDataOptions(command: Command): Command {
  return command
    .option(
      '--prices-dir <dir>',
      'folder of SYMBOL.csv daily price files (implies --market-data csv)',
      process.env.PRICES_DIR,
    )
    .option('--etf-holdings-dir <dir>', 'folder of ETF.csv constituent files', process.env.ETF_HOLDINGS_DIR)
    .addOption(
      new Option('--market-data <kind>', 'market data source (default: yahoo, or csv with --prices-dir)')
        .choices(['yahoo', 'csv', 'demo'])
        .default(process.env.MARKET_DATA),
    )
    .option('--cache <file>', 'market-data cache (SQLite) for the yahoo source', process.env.MARKET_CACHE)
    .addOption(
      new Option('--network <mode>', 'offline: answer every Yahoo request as an outage would (serve the cache)')
        .choices(['online', 'offline'])
        .default(process.env.MARKET_NETWORK ?? 'online'),
    )
    .option('--seed <n>', 'seed of the demo market', process.env.DEMO_SEED);
}

export function marketFor(flags: MarketDataFlags): MarketDataProvider {
  const seed = flags.seed === undefined ? undefined : Number(flags.seed);
  if (seed !== undefined && !Number.isInteger(seed))
    throw new AppError('bad_request', 'invalid_option', {
      params: { option: '--seed', value: flags.seed!, reason: { code: 'option.whole_number', params: {} } },
    });
  return selectMarketData({
    ...(flags.marketData !== undefined && { kind: flags.marketData }),
    ...(flags.pricesDir !== undefined && { pricesDir: flags.pricesDir }),
    ...(flags.etfHoldingsDir !== undefined && { etfHoldingsDir: flags.etfHoldingsDir }),
    ...(seed !== undefined && { seed }),
    ...(flags.cache !== undefined && { cachePath: flags.cache }),
    network: flags.network,
  });
}

/** Output to a file, atomically, or to stdout. */
export async function emit(text: string | Buffer, out: string | undefined): Promise<void> {
  if (out !== undefined) await writeFileAtomic(out, text);
  else process.stdout.write(text);
}

export async function readHoldingsFile(file: string): Promise<Uint8Array> {
  let size: number;
  try {
    ({ size } = await stat(file));
  } catch (err) {
    throw unreadable(file, err);
  }
  if (size > MAX_FILE_BYTES)
    throw new AppError('too_large', 'file_too_large', {
      params: { sizeMb: size / 1048576, limitMb: MAX_FILE_BYTES / 1048576 },
      location: { file },
    });
  try {
    return await readFile(file);
  } catch (err) {
    throw unreadable(file, err);
  }
}

function unreadable(file: string, err: unknown): AppError {
  const code = (err as NodeJS.ErrnoException).code;
  const reason: MessageRef =
    code === 'ENOENT'
      ? { code: 'file.no_such_file', params: {} }
      : code === 'EISDIR'
        ? { code: 'file.is_folder', params: {} }
        : code === 'EACCES'
          ? { code: 'file.permission', params: {} }
          : { code: 'file.unreadable', params: { code: code ?? 'unknown error' } };
  return new AppError('not_found', 'file_not_found', { params: { reason }, location: { file } });
}
