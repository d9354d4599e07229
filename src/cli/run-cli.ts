import { CommanderError } from 'commander';
import { ConfigError, InputError } from '../errors';

export const EXIT_OK = 0;
export const EXIT_INTERNAL = 1;
export const EXIT_BAD_INPUT = 2;

/**
 * Runs a command and turns its outcome into an exit code: 0 success; 2 for the user's mistakes
 * (one line on stderr naming file, row, column and reason; no stack); 1 for anything else.
 */
export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
    process.exitCode = EXIT_OK;
  } catch (err) {
    process.exitCode = exitCodeFor(err);
    if (err instanceof CommanderError) return; // commander has already printed its message
    if (err instanceof InputError || err instanceof ConfigError) {
      process.stderr.write(`error: ${err.message}\n`);
      return;
    }
    process.stderr.write(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
}

function exitCodeFor(err: unknown): number {
  if (err instanceof InputError || err instanceof ConfigError) return EXIT_BAD_INPUT;
  if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT_OK : EXIT_BAD_INPUT;
  return EXIT_INTERNAL;
}
