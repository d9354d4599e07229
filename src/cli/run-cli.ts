import { CommanderError } from 'commander';
import { AppError } from '../errors';

export const EXIT_OK = 0;

/**
 * Runs a command and turns its outcome into an exit code from the one table in errors.ts: 0
 * success; 2 for the user's mistakes (one line on stderr naming file, row, column and reason; no
 * stack); 3 when market data every analysis needs is missing (one line naming it); 1 for anything
 * else, with its stack. A reader that closes the pipe early (`| head`) ends the command quietly.
 */
export async function runCli(main: () => Promise<void>): Promise<void> {
  process.stdout.on('error', quietOnClosedPipe);
  try {
    await main(); // a command may set process.exitCode itself (e.g. a partial refresh)
  } catch (err) {
    if (isClosedPipe(err)) return quietOnClosedPipe(err);
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode === 0 ? EXIT_OK : 2; // commander has already printed its message
      return;
    }
    if (err instanceof AppError && err.kind !== 'internal') {
      process.exitCode = err.exitCode;
      process.stderr.write(`error: ${err.message}\n`);
      return;
    }
    process.exitCode = 1;
    process.stderr.write(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
}

function isClosedPipe(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === 'EPIPE';
}

/** `analyse … | head -c 100`: the reader has what it wanted; stop writing and exit 0, no stack. */
function quietOnClosedPipe(err: unknown): void {
  if (!isClosedPipe(err)) throw err;
  process.exitCode = EXIT_OK;
  process.stdout.destroy();
}
