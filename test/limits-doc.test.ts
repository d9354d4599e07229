/** The limits are stated once, in the README's Limits table, and that table says what the code enforces. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BATCH_LIMITS } from '../src/batch';
import { readEnv } from '../src/config';
import { MAX_FILE_BYTES, MAX_HEADER_COLUMNS, MAX_LINE_CHARS, MAX_ROWS } from '../src/holdings/limits';
import { MAX_JSON_DEPTH } from '../src/shared/json-limits';
import { ROOT } from './helpers/paths';

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const table = readme.slice(readme.indexOf('### Limits'), readme.indexOf('### Environment'));

/** The value cell of the row whose first cell starts with `name`. */
function stated(name: string): string {
  const line = table.split('\n').find((l) => l.startsWith(`| ${name}`));
  if (line === undefined) throw new Error(`no row "${name}" in the README's Limits table`);
  return line.split('|')[2]!.trim();
}

const n = (x: number) => x.toLocaleString('en-US');

test("the README's Limits table states what the code enforces", () => {
  const env = readEnv({});
  expect(stated('upload (single file')).toBe(`${env.MAX_UPLOAD_BYTES / 1048576} MB (\`MAX_UPLOAD_BYTES\`)`);
  expect(env.MAX_UPLOAD_BYTES).toBe(MAX_FILE_BYTES);
  expect(stated('rows of a holdings file')).toBe(`${n(MAX_ROWS)} data rows`);
  expect(stated('a line of a holdings file')).toBe(`${MAX_LINE_CHARS / 1024} KB`);
  expect(stated('columns of a header')).toBe(String(MAX_HEADER_COLUMNS));
  expect(stated('time to read one file')).toMatch(
    new RegExp(`^${env.IMPORT_TIMEOUT_MS / 1000} s .*\`IMPORT_TIMEOUT_MS\``),
  );
  expect(stated('JSON nesting')).toBe(`${MAX_JSON_DEPTH} levels`);
  expect(stated('batch upload')).toBe(`${env.MAX_BATCH_UPLOAD_BYTES / 1048576} MB (\`MAX_BATCH_UPLOAD_BYTES\`)`);
  expect(stated('entries in a batch zip')).toBe(n(BATCH_LIMITS.zipEntries));
  expect(stated('portfolios in a batch')).toBe(n(BATCH_LIMITS.portfolios));
  expect(stated('one portfolio file')).toMatch(new RegExp(`^${BATCH_LIMITS.fileBytes / 1048576} MB`));
  expect(stated("a batch zip's portfolio files")).toMatch(new RegExp(`^${BATCH_LIMITS.unpackedBytes / 1024 ** 3} GiB`));
  expect(stated('slow files in a batch')).toMatch(new RegExp(`^more than ${BATCH_LIMITS.slowFiles} `));
  expect(stated('files of a batch that are not portfolios')).toMatch(new RegExp(`^${n(BATCH_LIMITS.skippedListed)} `));
  expect(stated('ranking rows')).toMatch(new RegExp(`^${n(BATCH_LIMITS.statusRows)} `));
  expect(stated('analysis or render')).toMatch(new RegExp(`^${env.ANALYSIS_TIMEOUT_MS / 1000} s`));
  expect(stated('analyses waiting')).toBe(`${env.MAX_QUEUE} (\`MAX_QUEUE\`)`);
  expect(stated('batches waiting')).toBe(`${env.MAX_QUEUED_BATCHES} (\`MAX_QUEUED_BATCHES\`)`);
  expect(stated('requests per minute')).toMatch(new RegExp(`^${env.RATE_LIMIT_PER_MINUTE} per key`));
});
