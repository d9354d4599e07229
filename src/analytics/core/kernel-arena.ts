import type { Matrix } from './matrix';
import { KERNELS_WASM_BASE64 } from './wasm/kernels-binary';

/**
 * A price panel kept in WebAssembly memory beside room for its returns, so that the SIMD kernels of
 * wasm/kernels.wat read and write it in place (copying a panel in costs as much as the kernel).
 *
 * Memories are reused, because a fresh one costs more than the kernels save: its pages fault in on
 * first touch (a 500-holding panel: 2.5–3.3 ms to make and fill, against 0.5 ms for an ordinary
 * array). Reuse needs a known end of use, so panels come from memory only inside
 * `withPanelArenas(fn)`, a synchronous scope: the risk, overspending and Monte Carlo stages of
 * analysisStages, which hand on nothing that refers to the panel (test/kernel-arena.test.ts walks
 * an analysis's stages to check). When the scope ends its memories go back to the idle list, and
 * the kernels no longer take a view of them for theirs.
 * Detaching the views there (`grow(0)`) was tried and dropped: the first detached ArrayBuffer
 * switches off a V8 fast path for every typed array in the process, and the service lost 8 % of
 * its throughput. Outside a scope, or where WebAssembly SIMD is missing, a panel is an ordinary
 * matrix and the JavaScript kernels run: both give the same values.
 */
interface KernelExports {
  simpleReturns(src: number, dst: number, rows: number, cols: number): void;
  weightedRowSum(m: number, w: number, out: number, rows: number, cols: number): void;
  dot(x: number, y: number, n: number): number;
  combineRows(x: number, z: number, l: number, n: number, pairs: number, lo: number, hi: number): void;
  accumulateGrowth(out: number, row: number, n: number, w: number, g: number): void;
  expAffine(x: number, out: number, n: number, m: number, s: number): void;
  divideInto(src: number, out: number, n: number, num: number): void;
}

/** The part of the WebAssembly API used here (TypeScript's node types declare none of it). */
interface WasmMemory {
  buffer: ArrayBuffer;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
/** Absent under `node --jitless`. */
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

const PAGE_BYTES = 65536;
/** Larger panels (over 40,000 holdings × 3 years) stay ordinary arrays. */
const MAX_ARENA_BYTES = 1 << 30;
/** Room for this many columns of scratch (the correlation's centred columns: 15 are shown). */
const SCRATCH_COLUMNS = 16;
/** Idle memories kept for the next scope, per thread. */
const MAX_IDLE_BYTES = 64 << 20;
/** Idle memories of one size class kept: an analysis holds one panel, a thread's next ones vary in size. */
const IDLE_PER_SIZE = 4;

/** One memory and the kernels bound to it. */
interface Arena {
  memory: WasmMemory;
  kernels: KernelExports;
  bytes: number;
  /** Holds an earlier scope's numbers. */
  used: boolean;
}

/** A panel's place in an arena for one scope. */
interface Lease {
  arena: Arena;
  /** The panel's prices: only they may claim the returns beside them. */
  prices: Float64Array;
  /** The panel's returns, handed out once: a second request gets a matrix of its own. */
  returns: Matrix | undefined;
  /** Scratch for a kernel's weights and its output series, copied out before anyone sees them. */
  weights: Float64Array;
  series: Float64Array;
  /** Scratch for a kernel's intermediate columns (the correlation's centred returns). */
  columns: Float64Array;
}

/** Keyed by the memory's buffer while its scope lasts. */
const leases = new WeakMap<ArrayBufferLike, Lease>();
/** Every arena's buffer, leased or idle. */
const arenaBuffers = new WeakSet<ArrayBufferLike>();
const scopes: Arena[][] = [];
let idle: Arena[] = [];
/** Panels made in wasm memory and as ordinary arrays, and memories made, in this thread (for the bench and the tests). */
const made = { inWasm: 0, ordinary: 0, memories: 0 };
let compiled: object | null | undefined;

function kernelModule(): object | null {
  if (compiled === undefined) {
    try {
      compiled = wasm === undefined ? null : new wasm.Module(Buffer.from(KERNELS_WASM_BASE64, 'base64'));
    } catch {
      compiled = null; // no WebAssembly, or no SIMD in it
    }
  }
  return compiled;
}

/** Runs fn (synchronous) with panels in wasm memory, and frees those memories for reuse after it. */
export function withPanelArenas<T>(fn: () => T): T {
  const used: Arena[] = [];
  scopes.push(used);
  try {
    return fn();
  } finally {
    scopes.pop();
    for (const arena of used) release(arena);
  }
}

/**
 * Back to the idle list, most recently used last. At most four of a size class wait, and the oldest
 * go first past the cap: a run of large panels must not leave the list full of sizes nobody asks for.
 */
function release(arena: Arena): void {
  leases.delete(arena.memory.buffer);
  arena.used = true;
  if (arena.bytes > MAX_IDLE_BYTES) return;
  idle.push(arena);
  const sameSize = idle.filter((a) => a.bytes === arena.bytes);
  if (sameSize.length > IDLE_PER_SIZE) idle = idle.filter((a) => a !== sameSize[0]);
  let idleBytes = idle.reduce((s, a) => s + a.bytes, 0);
  while (idleBytes > MAX_IDLE_BYTES) idleBytes -= idle.shift()!.bytes;
}

/** Memories come in powers of two of pages, so a panel of about the same size reuses one. */
const sizeClass = (bytes: number) => PAGE_BYTES * 2 ** Math.ceil(Math.log2(Math.max(1, Math.ceil(bytes / PAGE_BYTES))));

/** An idle arena of the size class, else a new one; null if none can be had. */
function acquire(bytes: number): Arena | null {
  const size = sizeClass(bytes);
  const fits = idle.find((a) => a.bytes === size);
  if (fits !== undefined) {
    idle = idle.filter((a) => a !== fits); // reused: it will come back as the most recent
    return fits;
  }
  const module = kernelModule();
  if (wasm === undefined || module === null) return null;
  try {
    const memory = new wasm.Memory({ initial: size / PAGE_BYTES, maximum: size / PAGE_BYTES });
    const kernels = new wasm.Instance(module, { arena: { memory }, math: { exp: Math.exp } }).exports as KernelExports;
    made.memories++;
    arenaBuffers.add(memory.buffer);
    return { memory, kernels, bytes: size, used: false };
  } catch {
    return null; // address space exhausted, for one
  }
}

const align16 = (bytes: number) => (bytes + 15) & ~15;

/**
 * A rows × cols matrix of zeros that the SIMD kernels work on in place, with room beside it for its
 * returns; an ordinary matrix outside withPanelArenas.
 */
export function createPanelMatrix(rows: number, cols: number): Matrix {
  return panelMatrix(rows, cols, true);
}

/** `createPanelMatrix`, its numbers left as an earlier scope wrote them unless `zeroed`. */
function panelMatrix(rows: number, cols: number, zeroed: boolean): Matrix {
  const returnsAt = align16(rows * cols * 8);
  const returnRows = Math.max(rows - 1, 0);
  const weightsAt = align16(returnsAt + returnRows * cols * 8);
  const seriesAt = align16(weightsAt + cols * 8);
  const columnsAt = align16(seriesAt + rows * 8);
  const bytes = columnsAt + SCRATCH_COLUMNS * rows * 8;
  const scope = scopes.at(-1);
  const arena = scope === undefined || bytes > MAX_ARENA_BYTES ? null : acquire(bytes);
  if (scope === undefined || arena === null) {
    made.ordinary++;
    return { rows, cols, data: new Float64Array(rows * cols) };
  }
  made.inWasm++;
  scope.push(arena);
  const buffer = arena.memory.buffer;
  const view = (at: number, length: number) => new Float64Array(buffer, at, length);
  const prices = view(0, rows * cols);
  if (arena.used && zeroed) prices.fill(0); // the returns and scratch are written before they are read
  leases.set(buffer, {
    arena,
    prices,
    returns: { rows: returnRows, cols, data: view(returnsAt, returnRows * cols) },
    weights: view(weightsAt, cols),
    series: view(seriesAt, rows),
    columns: view(columnsAt, SCRATCH_COLUMNS * rows),
  });
  return { rows, cols, data: prices };
}

/** How many panels this thread made in wasm memory and as ordinary arrays, and how many memories. */
export function panelsMade(): { inWasm: number; ordinary: number; memories: number } {
  return { ...made };
}

/** Whether a typed array or buffer is (a view of) arena memory: nothing outside a scope should be. */
export function inPanelArena(x: ArrayBufferView | ArrayBufferLike): boolean {
  return arenaBuffers.has(ArrayBuffer.isView(x) ? x.buffer : x);
}

/** The returns matrix beside a panel made by createPanelMatrix, the first time it is asked for. */
export function claimReturnsMatrix(prices: Matrix): Matrix | undefined {
  const lease = leases.get(prices.data.buffer);
  const returns = lease?.returns;
  if (returns === undefined || lease!.prices !== prices.data) return undefined;
  lease!.returns = undefined;
  return returns;
}

/** Simple returns in wasm when prices and out share an arena; false (nothing done) otherwise. */
export function simdSimpleReturns(prices: Matrix, out: Matrix): boolean {
  const lease = leases.get(prices.data.buffer);
  if (lease === undefined || leases.get(out.data.buffer) !== lease) return false;
  if (out.rows !== Math.max(prices.rows - 1, 0) || out.cols !== prices.cols) return false;
  if (out.data.length < out.rows * out.cols || prices.data.length < prices.rows * prices.cols) return false;
  lease.arena.kernels.simpleReturns(prices.data.byteOffset, out.data.byteOffset, prices.rows, prices.cols);
  return true;
}

/**
 * Σ_j w_j · column_j in wasm for a matrix in an arena, undefined otherwise: a new array, but a view
 * of a shared block (see seriesCopy), so it must not be transferred or read through its `.buffer`.
 */
export function simdWeightedRowSum(m: Matrix, weights: Float64Array): Float64Array | undefined {
  const lease = leases.get(m.data.buffer);
  if (lease === undefined || m.cols > lease.weights.length || m.rows > lease.series.length) return undefined;
  if (weights.length < m.cols || m.data.length < m.rows * m.cols) return undefined;
  lease.weights.set(weights.length === m.cols ? weights : weights.subarray(0, m.cols));
  const { kernels } = lease.arena;
  kernels.weightedRowSum(m.data.byteOffset, lease.weights.byteOffset, lease.series.byteOffset, m.rows, m.cols);
  const out = seriesCopy(m.rows);
  out.set(lease.series.subarray(0, m.rows));
  return out;
}

/** Bytes of the blocks series copies are cut from. */
const SERIES_BLOCK_BYTES = 1 << 16;
let seriesBlock = new ArrayBuffer(SERIES_BLOCK_BYTES);
let seriesBlockUsed = 0;

/**
 * A new array for a series copied out of an arena, cut from a 64 KB block: a Float64Array of more
 * than 8 values gets a buffer of its own outside V8's heap, and making one of 756 took 2.9-4.2 µs
 * here, against about 1.3 µs for a view and its share of a block (a block takes 13-15 µs and holds
 * ten): a call at 25 holdings went 11.5-12.8 → 8.6-9.0 µs. A block is freed when no series cut
 * from it is left; nothing keeps these series past an analysis (reports hold numbers, not arrays).
 */
function seriesCopy(length: number): Float64Array {
  const bytes = length * 8;
  if (bytes > SERIES_BLOCK_BYTES / 4) return new Float64Array(length);
  if (seriesBlockUsed + bytes > SERIES_BLOCK_BYTES) {
    seriesBlock = new ArrayBuffer(SERIES_BLOCK_BYTES);
    seriesBlockUsed = 0;
  }
  const out = new Float64Array(seriesBlock, seriesBlockUsed, length);
  seriesBlockUsed += bytes;
  return out;
}

/**
 * Scratch for `cols` columns as long as m's, in m's arena, for a kernel's intermediate columns
 * (the next request overwrites it); undefined outside an arena or past its room.
 */
export function scratchColumns(m: Matrix, cols: number): Matrix | undefined {
  const lease = leases.get(m.data.buffer);
  if (lease === undefined || cols * m.rows > lease.columns.length) return undefined;
  return { rows: m.rows, cols, data: lease.columns.subarray(0, cols * m.rows) };
}

/** Σ x[i]·y[i] over T values at two offsets of `data`, in wasm when data lives in an arena. */
export function simdDot(data: Float64Array): ((x: number, y: number, T: number) => number) | undefined {
  const lease = leases.get(data.buffer);
  if (lease === undefined) return undefined;
  const { dot } = lease.arena.kernels;
  const base = data.byteOffset;
  return (x, y, T) => dot(base + 8 * x, base + 8 * y, T);
}

/**
 * The Monte Carlo's arithmetic over its draws, in JavaScript (monte-carlo.ts) or in the SIMD kernels
 * (`simdDrawKernels`): the same values either way.
 */
export interface DrawKernels {
  /** x = (L z)_i over the pairs, as `combine` last wrote it. */
  x: Float64Array;
  /** x[p] = Σ_j l[j] · z[j·pairs + p] over the pairs [lo, hi). */
  combine(l: Float64Array, lo: number, hi: number): void;
  /** Scratch for one asset's growth row of `width` paths (the same memory each time). */
  row(width: number): Float64Array;
  /** A zeroed series of up to 2·pairs outcomes. */
  series(length: number): Float64Array;
  /** out[b] += w · (g · row[b] − 1) for every b of the row. */
  accumulate(out: Float64Array, row: Float64Array, w: number, g: number): void;
  /** row[at + p − a] = exp(m + sign · x[p]) for p in [a, b), sign ±1: Math.exp's bits either way. */
  exp(row: Float64Array, at: number, a: number, b: number, m: number, sign: number): void;
  /** row[to + j] = num / row[from + j] for j < n. */
  divide(row: Float64Array, to: number, from: number, n: number, num: number): void;
}

/**
 * The draws' kernels in wasm: standard normals `z` (k rows of `pairs`) copied into an arena beside
 * x, a row of L, a growth row and room for `seriesCount` outcome series; undefined outside a scope
 * or without room. Nothing of it may outlive the scope.
 */
export function simdDrawKernels(
  z: Float64Array,
  pairs: number,
  k: number,
  seriesCount: number,
): DrawKernels | undefined {
  if (scopes.length === 0 || k > pairs || z.length !== k * pairs) return undefined;
  const paths = 2 * pairs;
  // Not zeroed: z and the row of L are copied in, the kernel zeroes what it sums into, series are zeroed when made.
  const m = panelMatrix(pairs, k + 2 + 2 * (1 + seriesCount), false);
  const lease = leases.get(m.data.buffer);
  if (lease === undefined) return undefined;
  m.data.set(z);
  const at = (column: number, length: number) => m.data.subarray(column * pairs, column * pairs + length);
  const x = at(k, pairs);
  const lRow = at(k + 1, k);
  const growth = at(k + 2, paths);
  let made = 0;
  const { combineRows, accumulateGrowth, expAffine, divideInto } = lease.arena.kernels;
  return {
    x,
    combine: (l, lo, hi) => {
      lRow.set(l);
      combineRows(x.byteOffset, m.data.byteOffset, lRow.byteOffset, l.length, pairs, lo, hi);
    },
    row: (width) => growth.subarray(0, width),
    series: (length) => {
      if (made === seriesCount || length > paths) throw new Error('simdDrawKernels: no room for another series');
      return at(k + 4 + 2 * made++, length).fill(0);
    },
    accumulate: (out, row, w, g) => accumulateGrowth(out.byteOffset, row.byteOffset, row.length, w, g),
    exp: (row, at, a, b, m, sign) => expAffine(x.byteOffset + 8 * a, row.byteOffset + 8 * at, b - a, m, sign),
    divide: (row, to, from, n, num) => divideInto(row.byteOffset + 8 * from, row.byteOffset + 8 * to, n, num),
  };
}
