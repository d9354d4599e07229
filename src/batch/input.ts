import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { InputError } from '../errors';
import { MAX_FILE_BYTES } from '../holdings';

/** One portfolio of a batch, before it is read: its own id and its bytes (a file) or JSON holdings. */
export type BatchItem = { id: string; bytes: Uint8Array; fileName: string } | { id: string; holdings: unknown };

export const MAX_BATCH_PORTFOLIOS = 100_000;
/** What a zip may unpack to in all: a small zip that inflates to gigabytes is refused, not unpacked. */
export const MAX_BATCH_UNPACKED_BYTES = 1024 * 1024 * 1024;

/** A batch as read: the portfolios, those that could not be read (failed rows), and files that are not portfolios. */
export interface BatchContents {
  items: BatchItem[];
  problems: { id: string; reason: string }[];
  skipped: { name: string; reason: string }[];
}

const PORTFOLIO_FILE = /\.(csv|txt|tsv)$/i;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** A portfolio id is safe as a file name and a URL segment: letters, digits, . _ - (not first), at most 100. */
export function isPortfolioId(id: string): boolean {
  return ID.test(id);
}

/** A portfolio id from a file name: the name without its extension, checked like any user input. */
export function portfolioId(fileName: string): string {
  return path.basename(fileName).replace(/\.[^.]*$/, '');
}

/**
 * The portfolios of a batch from a folder of CSV files, a zip of them, or JSON lines
 * (`{ "id": "client-17", "holdings": [...] }` per line). Items that cannot even be read are
 * returned as problems with their place; they never stop the batch.
 */
export function readBatch(source: string): BatchContents {
  let info;
  try {
    info = statSync(source);
  } catch {
    throw new InputError('file_not_found', 'no such file or folder', { file: source });
  }
  if (info.isDirectory()) {
    const names = readdirSync(source).sort();
    const files = names.filter((n) => PORTFOLIO_FILE.test(n) && statSync(path.join(source, n)).isFile());
    const skipped = names
      .filter((n) => !files.includes(n) && !n.startsWith('.'))
      .map((name) => ({ name, reason: 'not a .csv, .tsv or .txt file' }));
    if (files.length === 0)
      throw new InputError('empty_file', 'the folder holds no .csv, .tsv or .txt file', { file: source });
    return {
      ...fromFiles(
        files.map((n) => ({
          name: n,
          bytes: () => readFileSync(path.join(source, n)),
          size: statSync(path.join(source, n)).size,
        })),
      ),
      skipped,
    };
  }
  const bytes = readFileSync(source);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return fromZip(bytes, source);
  return fromJsonLines(bytes.toString('utf8'), path.basename(source));
}

export function fromZip(bytes: Uint8Array, label: string): BatchContents {
  const skipped: { name: string; reason: string }[] = [];
  const oversized: { name: string; size: number }[] = [];
  let unpacked = 0;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (f) => {
        if (f.name.endsWith('/') || f.name.startsWith('__MACOSX/') || path.basename(f.name).startsWith('.'))
          return false;
        if (!PORTFOLIO_FILE.test(f.name)) {
          skipped.push({ name: f.name, reason: 'not a .csv, .tsv or .txt file' });
          return false;
        }
        // Too large to read: a failed row with its reason, never unpacked.
        if (f.originalSize > MAX_FILE_BYTES) {
          oversized.push({ name: f.name, size: f.originalSize });
          return false;
        }
        unpacked += f.originalSize;
        return unpacked <= MAX_BATCH_UNPACKED_BYTES;
      },
    });
  } catch (err) {
    throw new InputError('unsupported_format', `the zip could not be read: ${(err as Error).message}`, { file: label });
  }
  if (unpacked > MAX_BATCH_UNPACKED_BYTES)
    throw new InputError('file_too_large', `the zip unpacks to more than ${MAX_BATCH_UNPACKED_BYTES / 1048576} MB`, {
      file: label,
    });
  const files = [
    ...Object.keys(entries).map((n) => ({ name: n, bytes: () => entries[n]!, size: entries[n]!.length })),
    ...oversized.map((o) => ({ name: o.name, bytes: () => new Uint8Array(0), size: o.size })),
  ];
  const read = fromFiles(files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)));
  if (read.items.length + read.problems.length === 0)
    throw new InputError('empty_file', 'the zip holds no .csv, .tsv or .txt file', { file: label });
  return { ...read, skipped };
}

function fromFiles(files: { name: string; bytes: () => Uint8Array; size: number }[]) {
  const items: BatchItem[] = [];
  const problems: { id: string; reason: string }[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    const id = portfolioId(f.name);
    if (!ID.test(id))
      problems.push({ id: f.name, reason: 'the file name is not a usable portfolio id (letters, digits, . _ -)' });
    else if (seen.has(id)) problems.push({ id, reason: `two files have the id "${id}"` });
    else if (f.size > MAX_FILE_BYTES)
      problems.push({ id, reason: `the file is larger than ${MAX_FILE_BYTES / 1048576} MB` });
    else {
      seen.add(id);
      items.push({ id, bytes: f.bytes(), fileName: path.basename(f.name) });
    }
  }
  if (items.length + problems.length > MAX_BATCH_PORTFOLIOS)
    throw new InputError('too_many_rows', `a batch holds at most ${MAX_BATCH_PORTFOLIOS} portfolios`);
  return { items, problems };
}

export function fromJsonLines(text: string, label: string): BatchContents {
  const items: BatchItem[] = [];
  const problems: { id: string; reason: string }[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let value: { id?: unknown; holdings?: unknown };
    try {
      value = JSON.parse(line) as { id?: unknown; holdings?: unknown };
    } catch {
      problems.push({ id: `${label}:${i + 1}`, reason: `line ${i + 1} is not JSON` });
      return;
    }
    const id = typeof value?.id === 'string' ? value.id : '';
    if (!ID.test(id))
      problems.push({
        id: `${label}:${i + 1}`,
        reason: `line ${i + 1}: "id" must be letters, digits, . _ - (at most 100)`,
      });
    else if (seen.has(id)) problems.push({ id, reason: `line ${i + 1}: the id "${id}" appears twice` });
    else {
      seen.add(id);
      items.push({ id, holdings: { holdings: value.holdings } });
    }
  });
  if (items.length + problems.length > MAX_BATCH_PORTFOLIOS)
    throw new InputError('too_many_rows', `a batch holds at most ${MAX_BATCH_PORTFOLIOS} portfolios`);
  if (items.length === 0 && problems.length === 0)
    throw new InputError('empty_file', 'the batch holds no portfolio', { file: label });
  return { items, problems, skipped: [] };
}
