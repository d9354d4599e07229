import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { InputError } from '../errors';
import { MAX_FILE_BYTES } from '../holdings';

/** One portfolio of a batch, before it is read: its own id and its bytes (a file) or JSON holdings. */
export type BatchItem = { id: string; bytes: Uint8Array; fileName: string } | { id: string; holdings: unknown };

export const MAX_BATCH_PORTFOLIOS = 100_000;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** A portfolio id from a file name: the name without its extension, checked like any user input. */
export function portfolioId(fileName: string): string {
  return path.basename(fileName).replace(/\.[^.]*$/, '');
}

/**
 * The portfolios of a batch from a folder of CSV files, a zip of them, or JSON lines
 * (`{ "id": "client-17", "holdings": [...] }` per line). Items that cannot even be read are
 * returned as problems with their place; they never stop the batch.
 */
export function readBatch(source: string): { items: BatchItem[]; problems: { id: string; reason: string }[] } {
  let info;
  try {
    info = statSync(source);
  } catch {
    throw new InputError('file_not_found', 'no such file or folder', { file: source });
  }
  if (info.isDirectory()) {
    const names = readdirSync(source).filter((n) => /\.(csv|txt|tsv)$/i.test(n)).sort();
    return fromFiles(names.map((n) => ({ name: n, bytes: () => readFileSync(path.join(source, n)), size: statSync(path.join(source, n)).size })));
  }
  const bytes = readFileSync(source);
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return fromZip(bytes, source);
  return fromJsonLines(bytes.toString('utf8'), path.basename(source));
}

export function fromZip(bytes: Uint8Array, label: string): { items: BatchItem[]; problems: { id: string; reason: string }[] } {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (f) => /\.(csv|txt|tsv)$/i.test(f.name) && !f.name.startsWith('__MACOSX/') && f.originalSize <= MAX_FILE_BYTES });
  } catch (err) {
    throw new InputError('unsupported_format', `the zip could not be read: ${(err as Error).message}`, { file: label });
  }
  return fromFiles(Object.keys(entries).sort().map((n) => ({ name: n, bytes: () => entries[n]!, size: entries[n]!.length })));
}

function fromFiles(files: { name: string; bytes: () => Uint8Array; size: number }[]) {
  const items: BatchItem[] = [];
  const problems: { id: string; reason: string }[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    const id = portfolioId(f.name);
    if (!ID.test(id)) problems.push({ id: f.name, reason: 'the file name is not a usable portfolio id (letters, digits, . _ -)' });
    else if (seen.has(id)) problems.push({ id, reason: `two files have the id "${id}"` });
    else if (f.size > MAX_FILE_BYTES) problems.push({ id, reason: `the file is larger than ${MAX_FILE_BYTES / 1048576} MB` });
    else {
      seen.add(id);
      items.push({ id, bytes: f.bytes(), fileName: path.basename(f.name) });
    }
  }
  if (items.length + problems.length > MAX_BATCH_PORTFOLIOS) throw new InputError('too_many_rows', `a batch holds at most ${MAX_BATCH_PORTFOLIOS} portfolios`);
  return { items, problems };
}

export function fromJsonLines(text: string, label: string): { items: BatchItem[]; problems: { id: string; reason: string }[] } {
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
    if (!ID.test(id)) problems.push({ id: `${label}:${i + 1}`, reason: `line ${i + 1}: "id" must be letters, digits, . _ - (at most 100)` });
    else if (seen.has(id)) problems.push({ id, reason: `line ${i + 1}: the id "${id}" appears twice` });
    else {
      seen.add(id);
      items.push({ id, holdings: { holdings: value.holdings } });
    }
  });
  if (items.length + problems.length > MAX_BATCH_PORTFOLIOS) throw new InputError('too_many_rows', `a batch holds at most ${MAX_BATCH_PORTFOLIOS} portfolios`);
  if (items.length === 0 && problems.length === 0) throw new InputError('empty_file', 'the batch holds no portfolio', { file: label });
  return { items, problems };
}
