import { Inflate } from 'fflate';
import { AppError } from '../errors';

/**
 * A zip read from its central directory alone: how many entries, their names and sizes as the zip
 * declares them, where each one's data is. Nothing is inflated here, so a zip can be counted,
 * sized and refused before it costs anything; `inflateEntry` then inflates one entry with its
 * output capped at the size declared (sizes can lie).
 */
export interface ZipEntry {
  /** As stored, with control characters replaced (a NUL in a name reaches no file and no CSV). */
  name: string;
  isDirectory: boolean;
  method: number;
  encrypted: boolean;
  compressedSize: number;
  /** Uncompressed size the directory declares. */
  size: number;
  localHeaderOffset: number;
}

const SIG = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50, end64: 0x06064b50, locator64: 0x07064b50 };
const EOCD_MIN = 22;
const CONTROL = /[\u0000-\u001f\u007f]/;
const CONTROL_ALL = /[\u0000-\u001f\u007f]/g;
const MAX_COMMENT = 0xffff;

/** The one zip check (uploads, files on disk): a local header or an empty zip's end record. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return (
    bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6)
  );
}

function damaged(reason: 'zip.damaged' | 'zip.no_directory' | 'zip.multi_disk'): AppError {
  return new AppError('unsupported_media', 'batch_zip', { params: { reason: { code: reason, params: {} } } });
}

class Reader {
  readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u16(at: number): number {
    if (at < 0 || at + 2 > this.bytes.length) throw damaged('zip.damaged');
    return this.view.getUint16(at, true);
  }
  u32(at: number): number {
    if (at < 0 || at + 4 > this.bytes.length) throw damaged('zip.damaged');
    return this.view.getUint32(at, true);
  }
  u64(at: number): number {
    const low = this.u32(at);
    const high = this.u32(at + 4);
    if (high > 0x1fffff) throw damaged('zip.damaged'); // past 2^53: no real zip
    return high * 0x1_0000_0000 + low;
  }
}

interface Directory {
  entries: number;
  offset: number;
  size: number;
}

/** The end of central directory record (and its zip64 form when the counts or offsets overflow). */
function findDirectory(r: Reader): Directory {
  const { bytes } = r;
  const lowest = Math.max(0, bytes.length - EOCD_MIN - MAX_COMMENT);
  for (let at = bytes.length - EOCD_MIN; at >= lowest; at--) {
    if (bytes[at] !== 0x50 || r.u32(at) !== SIG.end) continue;
    if (r.u16(at + 4) !== 0 || r.u16(at + 6) !== 0) throw damaged('zip.multi_disk');
    const dir = { entries: r.u16(at + 10), size: r.u32(at + 12), offset: r.u32(at + 16) };
    const overflow = dir.entries === 0xffff || dir.size === 0xffffffff || dir.offset === 0xffffffff;
    const locator = at - 20;
    if (!overflow || locator < 0 || r.u32(locator) !== SIG.locator64) return dir;
    const end64 = r.u64(locator + 8);
    if (r.u32(end64) !== SIG.end64) throw damaged('zip.damaged');
    return { entries: r.u64(end64 + 32), size: r.u64(end64 + 40), offset: r.u64(end64 + 48) };
  }
  throw damaged('zip.no_directory');
}

/**
 * The zip's entries from its central directory. More than `maxEntries` is refused from the count
 * in the end record, before a single entry is read.
 */
export function readZipDirectory(bytes: Uint8Array, maxEntries: number): ZipEntry[] {
  const r = new Reader(bytes);
  const dir = findDirectory(r);
  if (dir.entries > maxEntries)
    throw new AppError('too_large', 'batch_too_many_entries', { params: { limit: maxEntries } });
  if (dir.offset + dir.size > bytes.length) throw damaged('zip.damaged');
  const entries: ZipEntry[] = [];
  const names = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = dir.offset;
  for (let i = 0; i < dir.entries; i++) {
    if (r.u32(at) !== SIG.central) throw damaged('zip.damaged');
    const nameLength = r.u16(at + 28);
    const extraLength = r.u16(at + 30);
    const end = at + 46 + nameLength + extraLength + r.u16(at + 32);
    if (end > bytes.length) throw damaged('zip.damaged');
    const raw = names.toString('utf8', at + 46, at + 46 + nameLength);
    const sizes = zip64Sizes(r, at, at + 46 + nameLength, extraLength);
    entries.push({
      name: CONTROL.test(raw) ? raw.replace(CONTROL_ALL, '\uFFFD') : raw,
      isDirectory: raw.endsWith('/'),
      method: r.u16(at + 10),
      encrypted: (r.u16(at + 8) & 1) === 1,
      ...sizes,
    });
    at = end;
  }
  return entries;
}

/** Sizes and offset of a directory entry, from its zip64 extra field where the 32-bit ones overflow. */
function zip64Sizes(
  r: Reader,
  at: number,
  extraStart: number,
  extraLength: number,
): Pick<ZipEntry, 'compressedSize' | 'size' | 'localHeaderOffset'> {
  let size = r.u32(at + 24);
  let compressedSize = r.u32(at + 20);
  let localHeaderOffset = r.u32(at + 42);
  if (size !== 0xffffffff && compressedSize !== 0xffffffff && localHeaderOffset !== 0xffffffff)
    return { size, compressedSize, localHeaderOffset };
  for (let p = extraStart; p + 4 <= extraStart + extraLength; ) {
    const id = r.u16(p);
    const length = r.u16(p + 2);
    if (id === 0x0001) {
      let q = p + 4;
      if (size === 0xffffffff) {
        size = r.u64(q);
        q += 8;
      }
      if (compressedSize === 0xffffffff) {
        compressedSize = r.u64(q);
        q += 8;
      }
      if (localHeaderOffset === 0xffffffff) localHeaderOffset = r.u64(q);
      break;
    }
    p += 4 + length;
  }
  return { size, compressedSize, localHeaderOffset };
}

/** An entry's compressed bytes, copied out of the zip (a view would carry the whole zip to a thread). */
export function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const r = new Reader(bytes);
  const at = entry.localHeaderOffset;
  if (r.u32(at) !== SIG.local) throw damaged('zip.damaged');
  const start = at + 30 + r.u16(at + 26) + r.u16(at + 28);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw damaged('zip.damaged');
  return new Uint8Array(bytes.subarray(start, end)); // a fresh buffer (Buffer#slice would be a view)
}

/** Bytes pushed to the inflater at a time: deflate expands at most ~1,032×, so one push yields at most ~4 MB. */
const PUSH_BYTES = 4096;

/**
 * Inflates one entry, refusing it as soon as its output passes the size its directory declared
 * (and failing on a size that does not match at the end): the bytes actually inflated are capped,
 * whatever the zip says.
 */
export function inflateEntry(data: Uint8Array, method: number, declaredSize: number): Uint8Array {
  if (method === 0) {
    if (data.length !== declaredSize) throw sizeMismatch(declaredSize);
    return data;
  }
  const out = new Uint8Array(declaredSize);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > declaredSize) throw sizeMismatch(declaredSize);
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    for (let at = 0; at < data.length; at += PUSH_BYTES)
      inflater.push(data.subarray(at, at + PUSH_BYTES), at + PUSH_BYTES >= data.length);
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('unprocessable', 'batch_zip', { params: { reason: { code: 'zip.damaged', params: {} } } });
  }
  if (written !== declaredSize) throw sizeMismatch(declaredSize);
  return out;
}

function sizeMismatch(declaredSize: number): AppError {
  return new AppError('unprocessable', 'zip_entry_size', { params: { size: declaredSize } });
}
