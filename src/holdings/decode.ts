import { AppError } from '../errors';
import type { MessageCode } from '../i18n';
import { MAX_FILE_BYTES } from './limits';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Magic numbers of the files people upload instead of a CSV, and what to tell them. */
const NOT_TEXT: readonly { magic: readonly number[]; reason: MessageCode }[] = [
  { magic: [0x50, 0x4b, 0x03, 0x04], reason: 'format.zip' },
  { magic: [0x50, 0x4b, 0x05, 0x06], reason: 'format.zip' },
  { magic: [0xd0, 0xcf, 0x11, 0xe0], reason: 'format.xls' },
  { magic: [0x25, 0x50, 0x44, 0x46], reason: 'format.pdf' },
];

/**
 * Turns uploaded bytes into text, refusing what is not a text table before any parsing:
 * empty files, zip/xlsx, PDFs and other binaries. UTF-8 (with or without BOM), UTF-16 with BOM or
 * with the tell-tale NUL pattern (Excel "Unicode text"), and Windows-1252 (old Excel "CSV") are read.
 */
export function decodeHoldingsBytes(bytes: Uint8Array, fileName: string): { text: string; encoding: TextEncodingName } {
  const location = { file: fileName };
  if (bytes.length === 0) throw new AppError('unprocessable', 'empty_file', { location });
  checkFileSize(bytes.length, fileName);
  const notText = NOT_TEXT.find((f) => startsWith(bytes, f.magic));
  if (notText !== undefined) throw unsupported(notText.reason, fileName);

  const { encoding, offset } = detectEncoding(bytes);
  const text = decodeAs(encoding, bytes.subarray(offset));
  if (looksBinary(text)) throw unsupported('format.binary', fileName);
  if (text.trim() === '') throw new AppError('unprocessable', 'blank_file', { location });
  return { text, encoding };
}

/** Refuses a file over MAX_FILE_BYTES, saying how large it is. */
export function checkFileSize(bytes: number, fileName: string): void {
  if (bytes <= MAX_FILE_BYTES) return;
  throw new AppError('too_large', 'file_too_large', {
    params: { sizeMb: bytes / 1048576, limitMb: MAX_FILE_BYTES / 1048576 },
    location: { file: fileName },
  });
}

function unsupported(reason: MessageCode, fileName: string): AppError {
  return new AppError('unsupported_media', 'unsupported_format', {
    params: { reason: { code: reason, params: {} } },
    location: { file: fileName },
  });
}

/**
 * Windows-1252 bytes 0x80–0x9F, as the code points they stand for. Node's TextDecoder reads
 * "windows-1252" as Latin-1 and turns them into invisible C1 controls, which lost the € of
 * `Valore di mercato €` and `€ 1.234,56`; the five bytes 1252 leaves undefined stay as they are.
 */
const CP1252_HIGH = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ';

function decodeAs(encoding: TextEncodingName, bytes: Uint8Array): string {
  const text = new TextDecoder(encoding).decode(bytes);
  if (encoding !== 'windows-1252') return text;
  return text.replace(/[\x80-\x9f]/g, (c) => CP1252_HIGH.charAt(c.charCodeAt(0) - 0x80));
}

function detectEncoding(bytes: Uint8Array): { encoding: TextEncodingName; offset: number } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', offset: 3 };
  if (startsWith(bytes, [0xff, 0xfe])) return { encoding: 'utf-16le', offset: 2 };
  if (startsWith(bytes, [0xfe, 0xff])) return { encoding: 'utf-16be', offset: 2 };
  return { encoding: sniffUtf16(bytes) ?? (isValidUtf8(bytes) ? 'utf-8' : 'windows-1252'), offset: 0 };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
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
