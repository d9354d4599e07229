/**
 * A build step (`npm run build`, after tsc): checks our JSON data files against their schemas and
 * keeps what the schemas made of them in dist/data/, each beside its source's SHA-256, so a fresh
 * process reads the checked result instead of checking again (src/shared/checked-copies.ts).
 * A file that fails its schema fails the build, with the file, field and reason.
 */
import { keepCheckedData } from '../src/analysis/reference';

keepCheckedData().catch((err: Error) => {
  process.stderr.write(`validate-data: ${err.message}\n`);
  process.exitCode = 1;
});
