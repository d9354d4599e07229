import { CommanderError } from 'commander';
import { ConfigError, InputError } from '../errors';
import { MarketDataUnavailableError } from '../market/errors';

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_NO_MARKET_DATA = 3;

/**
 * Runs a command and turns its outcome into an exit code: 0 success; 2 for the user's mistakes
 * (one line on stderr naming file, row, column and reason; no stack); 3 when no market data could
 * be had for the symbols every analysis needs (one line naming them); 1 for anything else.
 */
export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main(); // a command may set process.exitCode itself (e.g. a partial refresh)
  } catch (err) {
    process.exitCode = exitCodeFor(err);
    if (err instanceof CommanderError) return; // commander has already printed its message
    if (err instanceof InputError || err instanceof ConfigError || err instanceof MarketDataUnavailableError) {
      process.stderr.write(`error: ${err.message}\n`);
      return;
    }
    process.stderr.write(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
}

function exitCodeFor(err: unknown): number {
  if (err instanceof InputError || err instanceof ConfigError) return EXIT_BAD_INPUT;
  if (err instanceof MarketDataUnavailableError) return EXIT_NO_MARKET_DATA;
  if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
  return EXIT_INTERNAL;
}
