import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors';
import type { MessageCode, MessageParams } from '../i18n';
import { message } from '../i18n';
import { BATCH_LIMITS } from './limits';
import { entryData, looksLikeZip, readZipDirectory, type ZipEntry } from './zip';

/** A portfolio that failed (or could not even be read): its row in the ranking, with the reason as a code. */
export interface FailedRow {
  id: string;
  status: 'failed';
  code: string;
  params: MessageParams;
  /** English text of the reason, for API readers and the CSV. */
  reason: string;
}

/** Files of the upload that are not portfolios: the first names, and how many in all. */
export interface SkippedFiles {
  files: { name: string; reason: string }[];
  total: number;
}

/** What a batch thread is given to read one portfolio (see parse-entry.ts). */
export type ParseTask =
  | { kind: 'zip'; id: string; fileName: string; data: Uint8Array; method: number; size: number }
  | { kind: 'file'; id: string; fileName: string; path: string }
  | { kind: 'line'; label: string; line: number; text: Uint8Array };

/**
 * A batch as listed, before any portfolio is read: what to read (in order), what was refused from
 * the listing alone (bad or repeated ids, files too large), and what is not a portfolio. Reading
 * the portfolios is the threads' work (`task(i)` hands each one over).
 */
export interface BatchSource {
  label: string;
  count: number;
  task(index: number): ParseTask;
  problems: FailedRow[];
  skipped: SkippedFiles;
}

const PORTFOLIO_FILE = /\.(csv|txt|tsv)$/i;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** A portfolio id is safe as a folder name and a URL segment: letters, digits, . _ - (not first), at most 100. */
export function isPortfolioId(id: string): boolean {
  return ID.test(id);
}

/** A failed row with its reason as a catalogue code (the English text beside it). */
export function failedRow(id: string, code: MessageCode, params: MessageParams = {}): FailedRow {
  const m = message(code, params);
  return { id, status: 'failed', code: m.code, params: m.params, reason: m.message };
}

/** An AppError as a failed row (the error's own code, and its English description). */
export function failedRowOf(id: string, err: AppError): FailedRow {
  return { id, status: 'failed', code: err.code, params: err.params, reason: err.message };
}

/** A name as shown in a status or a CSV: no control characters, at most 200 characters. */
function displayName(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f]/g, '\uFFFD').slice(0, 200);
}

/**
 * Sorts a listing into portfolios, refusals and skipped files, with the same rules for a zip and a
 * folder: hidden files (a name or folder starting with a dot, macOS's __MACOSX) and files that are
 * not .csv/.tsv/.txt are skipped and listed; a file name that is not a usable id, a repeated id or
 * a file over the size limit is a failed row; more portfolios than a batch holds, or more declared
 * bytes than it may unpack, refuse the whole batch before anything is read.
 */
function classify<T extends { name: string; size: number }>(files: readonly T[], label: string) {
  const portfolios: (T & { id: string })[] = [];
  const problems: FailedRow[] = [];
  const skipped: SkippedFiles = { files: [], total: 0 };
  const skip = (name: string, reason: MessageCode) => {
    if (skipped.total++ < BATCH_LIMITS.skippedListed)
      skipped.files.push({ name: displayName(name), reason: message(reason).message });
  };
  const seen = new Set<string>();
  let declared = 0;
  for (const f of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const segments = f.name.split('/');
    const base = segments[segments.length - 1] ?? '';
    if (segments[0] === '__MACOSX' || segments.some((s) => s.startsWith('.'))) skip(f.name, 'batch.hidden_file');
    else if (!PORTFOLIO_FILE.test(base)) skip(f.name, 'batch.not_portfolio_file');
    else {
      const id = base.replace(/\.[^.]*$/, '');
      if (!ID.test(id)) problems.push(failedRow(displayName(f.name), 'batch.bad_id', { id: displayName(id) }));
      else if (seen.has(id)) problems.push(failedRow(id, 'batch.duplicate_id', { id }));
      else if (f.size > BATCH_LIMITS.fileBytes) problems.push(tooLarge(id, f.size));
      else {
        seen.add(id);
        declared += f.size;
        portfolios.push({ ...f, id });
      }
    }
  }
  checkCount(portfolios.length + problems.length, label);
  if (declared > BATCH_LIMITS.unpackedBytes)
    throw new AppError('too_large', 'batch_too_big', {
      params: { limitMb: BATCH_LIMITS.unpackedBytes / 1048576 },
      location: { file: label },
    });
  return { portfolios, problems, skipped };
}

function tooLarge(id: string, size: number): FailedRow {
  return failedRow(id, 'error.file_too_large', { sizeMb: size / 1048576, limitMb: BATCH_LIMITS.fileBytes / 1048576 });
}

function checkCount(n: number, label: string): void {
  if (n > BATCH_LIMITS.portfolios)
    throw new AppError('too_large', 'batch_too_many', {
      params: { limit: BATCH_LIMITS.portfolios },
      location: { file: label },
    });
}

/** A zip of holdings files, listed from its central directory (see zip.ts): nothing is inflated yet. */
export function zipSource(bytes: Uint8Array, label: string): BatchSource {
  const entries = readZipDirectory(bytes, BATCH_LIMITS.zipEntries).filter((e) => !e.isDirectory);
  const { portfolios, problems, skipped } = classify(entries, label);
  const ready: (ZipEntry & { id: string })[] = [];
  for (const p of portfolios) {
    if (p.encrypted) problems.push(failedRow(p.id, 'batch.encrypted'));
    else if (p.method !== 0 && p.method !== 8)
      problems.push(failedRow(p.id, 'batch.compression', { method: p.method }));
    else ready.push(p);
  }
  if (ready.length + problems.length === 0)
    throw new AppError('unprocessable', 'batch_zip_empty', { location: { file: label } });
  return {
    label,
    count: ready.length,
    task: (i) => {
      const e = ready[i]!;
      return {
        kind: 'zip',
        id: e.id,
        fileName: path.basename(e.name),
        data: entryData(bytes, e),
        method: e.method,
        size: e.size,
      };
    },
    problems,
    skipped,
  };
}

/**
 * JSON lines, one portfolio a line (`{ "id": "client-17", "holdings": [...] }`): only the line
 * breaks are found here; each line is parsed by a thread. A body that cannot be JSON lines
 * (binary, or not starting with `{`) is refused at once.
 */
export function jsonLinesSource(bytes: Uint8Array, label: string): BatchSource {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const head = buf.subarray(0, 4096);
  const first = head
    .toString('latin1')
    .replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '')
    .trimStart();
  if (head.includes(0) || (first !== '' && !first.startsWith('{')))
    throw new AppError('unsupported_media', 'batch_format', { location: { file: label } });
  const lines: { line: number; start: number; end: number }[] = [];
  const problems: FailedRow[] = [];
  let line = 0;
  for (let start = 0; start < buf.length; ) {
    const nl = buf.indexOf(10, start);
    const end = nl === -1 ? buf.length : nl;
    line++;
    if (!isBlank(buf, start, end)) {
      if (end - start > BATCH_LIMITS.fileBytes) problems.push(tooLarge(`${label}:${line}`, end - start));
      else lines.push({ line, start, end });
      checkCount(lines.length + problems.length, label);
    }
    start = end + 1;
  }
  if (lines.length + problems.length === 0)
    throw new AppError('unprocessable', 'batch_empty', { location: { file: label } });
  return {
    label,
    count: lines.length,
    task: (i) => {
      const l = lines[i]!;
      // A copy of its own: it is moved to a thread.
      return { kind: 'line', label, line: l.line, text: new Uint8Array(buf.subarray(l.start, l.end)) };
    },
    problems,
    skipped: { files: [], total: 0 },
  };
}

function isBlank(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = buf[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return false;
  }
  return true;
}

/** A folder of holdings files (the CLI): listed and sized from the file system; each thread reads its file. */
export function folderSource(dir: string): BatchSource {
  const files = readdirSync(dir)
    .map((name) => ({ name, full: path.join(dir, name) }))
    .filter((f) => statSync(f.full).isFile())
    .map((f) => ({ ...f, size: statSync(f.full).size }));
  const { portfolios, problems, skipped } = classify(files, path.basename(dir));
  if (portfolios.length + problems.length === 0)
    throw new AppError('unprocessable', 'batch_folder_empty', { location: { file: dir } });
  return {
    label: path.basename(dir),
    count: portfolios.length,
    task: (i) => {
      const p = portfolios[i]!;
      return { kind: 'file', id: p.id, fileName: p.name, path: p.full };
    },
    problems,
    skipped,
  };
}

/** An upload (or a file on disk): a zip of holdings files, else JSON lines. */
export function batchSource(bytes: Uint8Array, label: string): BatchSource {
  return looksLikeZip(bytes) ? zipSource(bytes, label) : jsonLinesSource(bytes, label);
}

/** The CLI's argument: a folder, a zip or a JSON-lines file. */
export function readBatch(source: string): BatchSource {
  let info: ReturnType<typeof statSync>;
  try {
    info = statSync(source);
  } catch {
    throw new AppError('bad_request', 'file_not_found', {
      params: { reason: { code: 'file.no_such_path', params: {} } },
      location: { file: source },
    });
  }
  if (info.isDirectory()) return folderSource(source);
  return batchSource(readFileSync(source), path.basename(source));
}
