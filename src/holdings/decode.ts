import { InputError } from '../errors';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_ROWS = 10_000;

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * Turns uploaded bytes into text, refusing what is not a text table before any parsing:
 * empty files, zip/xlsx, PDFs and other binaries. UTF-8 (with or without BOM), UTF-16 with BOM or
 * with the tell-tale NUL pattern (Excel "Unicode text"), and Windows-1252 (old Excel "CSV") are read.
 */
export function decodeHoldingsBytes(bytes: Uint8Array, fileName: string): { text: string; encoding: TextEncodingName } {
  const where = { file: fileName };
  if (bytes.length === 0) throw new InputError('empty_file', 'the file is empty', where);
  if (bytes.length > MAX_FILE_BYTES) {
    throw new InputError(
      'file_too_large',
      `the file is ${(bytes.length / 1048576).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB`,
      where,
    );
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    throw new InputError(
      'unsupported_format',
      'this is a zip or Excel (.xlsx) file, not CSV: save it as CSV and upload that',
      where,
    );
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]))
    throw new InputError(
      'unsupported_format',
      'this is an old Excel (.xls) file, not CSV: save it as CSV and upload that',
      where,
    );
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46]))
    throw new InputError(
      'unsupported_format',
      'this is a PDF, not CSV: export the positions as CSV from your broker',
      where,
    );

  let encoding: TextEncodingName;
  let offset = 0;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    encoding = 'utf-8';
    offset = 3;
  } else if (startsWith(bytes, [0xff, 0xfe])) {
    encoding = 'utf-16le';
    offset = 2;
  } else if (startsWith(bytes, [0xfe, 0xff])) {
    encoding = 'utf-16be';
    offset = 2;
  } else {
    encoding = sniffUtf16(bytes) ?? (isValidUtf8(bytes) ? 'utf-8' : 'windows-1252');
  }
  const text = new TextDecoder(encoding).decode(bytes.subarray(offset));
  if (looksBinary(text))
    throw new InputError('unsupported_format', 'the file holds binary data, not text: upload a CSV file', where);
  if (text.trim() === '') throw new InputError('empty_file', 'the file holds only blank lines', where);
  return { text, encoding };
}

/** Refuses, before parsing, a table with more data lines than we accept. */
export function checkRowLimit(text: string, fileName: string): void {
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (++lines > MAX_ROWS + 50) break; // a little room for title and footer lines
  }
  if (lines > MAX_ROWS + 50)
    throw new InputError('too_many_rows', `the file has more than ${MAX_ROWS} rows; split it into smaller portfolios`, {
      file: fileName,
    });
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** UTF-16 without BOM: ASCII text then has a NUL in every other byte. */
function sniffUtf16(bytes: Uint8Array): TextEncodingName | null {
  const n = Math.min(bytes.length, 512) & ~1;
  if (n < 4) return null;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenNul++;
    if (bytes[i + 1] === 0) oddNul++;
  }
  const half = n / 2;
  if (oddNul > half * 0.6 && evenNul < half * 0.1) return 'utf-16le';
  if (evenNul > half * 0.6 && oddNul < half * 0.1) return 'utf-16be';
  return null;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** NULs or many control characters (other than tab, CR, LF) mean this is not a text table. */
function looksBinary(text: string): boolean {
  const n = Math.min(text.length, 4096);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) control++;
  }
  return control > Math.max(8, n * 0.02);
}
