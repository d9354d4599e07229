/**
 * Zips built byte by byte, so tests can make the ones real tools refuse to: entries whose directory
 * lies about their size, thousands of entries, names with control characters, zip64 end records.
 * The compressed data of an entry is given (or deflated once and reused): a thousand 5 MB files
 * cost one deflate.
 */
import { crc32 } from 'node:zlib';
import { deflateSync } from 'fflate';

export interface ZipEntrySpec {
  name: string;
  /** The stored or deflated bytes as they go into the zip. */
  data: Uint8Array;
  method: 0 | 8;
  /** What the directory says the entry inflates to. */
  declaredSize: number;
  crc?: number;
}

/** An entry of `content`, deflated (or a precomputed deflate of it, to reuse across entries). */
export function deflated(name: string, content: Uint8Array, precomputed?: Uint8Array): ZipEntrySpec {
  return {
    name,
    data: precomputed ?? deflateSync(content),
    method: 8,
    declaredSize: content.length,
    crc: crc32(content),
  };
}

/**
 * `count` entries of the same `content`, named by `nameOf`: its CRC (and deflate, unless given)
 * worked out once for them all. A CRC of 5 MB per entry blocked a test's event loop for a second.
 */
export function copies(
  count: number,
  nameOf: (i: number) => string,
  content: Uint8Array,
  precomputed?: Uint8Array,
): ZipEntrySpec[] {
  const entry = deflated(nameOf(0), content, precomputed);
  return Array.from({ length: count }, (_, i) => ({ ...entry, name: nameOf(i) }));
}

export function buildZip(entries: readonly ZipEntrySpec[], options: { zip64?: boolean } = {}): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(e.method, 8);
    local.writeUInt32LE(e.crc ?? 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, Buffer.from(e.data));
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(e.method, 10);
    dir.writeUInt32LE(e.crc ?? 0, 16);
    dir.writeUInt32LE(e.data.length, 20);
    dir.writeUInt32LE(e.declaredSize, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + e.data.length;
  }
  const directory = Buffer.concat(central);
  const zip64 = options.zip64 === true || entries.length > 0xfffe;
  const tail: Buffer[] = [];
  if (zip64) {
    const end64 = Buffer.alloc(56);
    end64.writeUInt32LE(0x06064b50, 0);
    end64.writeBigUInt64LE(44n, 4);
    end64.writeUInt16LE(45, 12);
    end64.writeUInt16LE(45, 14);
    end64.writeBigUInt64LE(BigInt(entries.length), 24);
    end64.writeBigUInt64LE(BigInt(entries.length), 32);
    end64.writeBigUInt64LE(BigInt(directory.length), 40);
    end64.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(end64, locator);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(zip64 ? 0xffff : entries.length, 8);
  end.writeUInt16LE(zip64 ? 0xffff : entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(zip64 ? 0xffffffff : offset, 16);
  return Buffer.concat([...parts, directory, ...tail, end]);
}
