import type { MarketInputs } from '../../market/gather';

/**
 * A batch's market snapshot as text for Redis: JSON, its typed arrays (prices, days) as base64 —
 * binary-safe, compact, and decoded back into the same typed arrays, so a worker's reports are
 * byte-identical to those of the thread engine.
 */
export function encodeSnapshot(snapshot: MarketInputs): string {
  return JSON.stringify(snapshot, (_k, v: unknown) => {
    if (v instanceof Float64Array) return { f64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
    if (v instanceof Int32Array) return { i32: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') };
    return v;
  });
}

export function decodeSnapshot(text: string): MarketInputs {
  return JSON.parse(text, (_k, v: unknown) => {
    if (v !== null && typeof v === 'object' && 'f64' in v) return new Float64Array(bytesOf((v as { f64: string }).f64));
    if (v !== null && typeof v === 'object' && 'i32' in v) return new Int32Array(bytesOf((v as { i32: string }).i32));
    return v;
  }) as MarketInputs;
}

/** The base64 bytes in an ArrayBuffer of their own (typed arrays need their own alignment). */
function bytesOf(base64: string): ArrayBuffer {
  const b = Buffer.from(base64, 'base64');
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}
