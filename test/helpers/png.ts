import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

/** An 8-bit image as pdftoppm writes it: grey (1 channel) or RGB (3), rows top to bottom. */
export interface Image {
  width: number;
  height: number;
  channels: number;
  data: Uint8Array;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Undoes one row's PNG filter (none, sub, up, average, Paeth) into `data`. */
function unfilter(raw: Uint8Array, data: Uint8Array, y: number, stride: number, channels: number): void {
  const filter = raw[y * (stride + 1)]!;
  const src = y * (stride + 1) + 1;
  const row = y * stride;
  for (let x = 0; x < stride; x++) {
    const a = x >= channels ? data[row + x - channels]! : 0;
    const b = y > 0 ? data[row - stride + x]! : 0;
    let predicted = 0;
    if (filter === 1) predicted = a;
    else if (filter === 2) predicted = b;
    else if (filter === 3) predicted = (a + b) >> 1;
    else if (filter === 4) predicted = paeth(a, b, x >= channels && y > 0 ? data[row - stride + x - channels]! : 0);
    data[row + x] = (raw[src + x]! + predicted) & 0xff;
  }
}

/** Reads a non-interlaced 8-bit grey or RGB PNG (what pdftoppm -png writes), undoing each row's filter. */
export function readPng(file: string): Image {
  const bytes = readFileSync(file);
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      if (body[8] !== 8 || body[12] !== 0) throw new Error(`${file}: not an 8-bit non-interlaced PNG`);
      channels = ({ 0: 1, 2: 3 } as Record<number, number>)[body[9]!] ?? 0;
      if (channels === 0) throw new Error(`${file}: colour type ${body[9]} not read here`);
    } else if (type === 'IDAT') idat.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const data = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) unfilter(raw, data, y, stride, channels);
  return { width, height, channels, data };
}

/** Whether the pixel at (x, y) is pure background (white). */
export function isWhite(img: Image, x: number, y: number): boolean {
  const i = (y * img.width + x) * img.channels;
  for (let k = 0; k < img.channels; k++) if (img.data[i + k] !== 255) return false;
  return true;
}
