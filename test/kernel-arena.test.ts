/**
 * The wasm SIMD kernels (src/analytics/core/wasm/kernels.wat) against the JavaScript ones, bit for
 * bit: a panel made by createPanelMatrix and an ordinary copy of it must give identical returns,
 * portfolio series and correlations, on every shape the sweeps and tails can meet.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import {
  correlationOfColumns,
  createMatrix,
  createPanelMatrix,
  inPanelArena,
  type Matrix,
  panelsMade,
  simdDrawKernels,
  simpleReturns,
  weightedRowSum,
  withPanelArenas,
} from '../src/analytics/core';
import { assembleKernels, binaryModuleSource } from '../scripts/compile-kernels';
import { MONTE_CARLO_DEFAULTS, simulateOutcomes } from '../src/analytics/overspending/monte-carlo';
import { Rng } from '../src/analytics/core';
import { analysePortfolio } from '../src/analyse-portfolio';
import { analysisStages } from '../src/analysis/analyse';
import { parseAnalysisOptions } from '../src/analysis/options';
import { plan } from '../src/analysis/plan';
import { loadReferenceData } from '../src/analysis/reference';
import { importHoldings } from '../src/holdings';
import { gather } from '../src/market/gather';
import { CsvMarketData } from '../src/market';
import { ETF_DIR, PRICES_DIR, ROOT } from './helpers/paths';

function pair(rows: number, cols: number, values: (i: number) => number): [Matrix, Matrix] {
  const panel = createPanelMatrix(rows, cols);
  const plain = createMatrix(rows, cols);
  for (let i = 0; i < rows * cols; i++) panel.data[i] = plain.data[i] = values(i);
  return [panel, plain];
}

/**
 * Same length and, element by element, the same value: −0 does not match +0, and NaN matches any
 * NaN (wasm may give a NaN the other sign bit; JSON writes every NaN as null, and the report's
 * finiteness check refuses it first).
 */
function expectSameBits(a: Float64Array, b: Float64Array) {
  expect(a.length).toBe(b.length);
  const differing = [...a.keys()].filter((i) => !Object.is(a[i], b[i]));
  expect(differing).toEqual([]);
}

test('inside a scope a panel lives in wasm memory, its returns beside it; outside, it is an ordinary array', () => {
  withPanelArenas(() => {
    const [panel, plain] = pair(9, 3, (i) => 100 + i);
    const r = simpleReturns(panel);
    expect(r.data.buffer).toBe(panel.data.buffer);
    expect(simpleReturns(plain).data.buffer).not.toBe(plain.data.buffer);
    // The returns beside a panel are handed out once: a second call gets its own matrix, same values.
    const again = simpleReturns(panel);
    expect(again.data.buffer).not.toBe(panel.data.buffer);
    expectSameBits(again.data, r.data);
  });
  const outside = createPanelMatrix(9, 3);
  expect(simpleReturns(outside).data.buffer).not.toBe(outside.data.buffer);
});

test('after its scope a panel is an ordinary array to the kernels, and the next scope gets its memory back as zeros', () => {
  let kept: Matrix | undefined;
  withPanelArenas(() => {
    [kept] = pair(50, 4, (i) => 100 + i);
  });
  expect(inPanelArena(kept!.data)).toBe(true);
  // No kernel takes the kept view for a panel of the current scope: its returns get a matrix of their own.
  expect(inPanelArena(simpleReturns(kept!).data)).toBe(false);
  withPanelArenas(() => {
    const next = createPanelMatrix(50, 4);
    expect(next.data.every((v) => v === 0)).toBe(true);
  });
});

test('memories are reused from scope to scope, also after two large panels filled the idle list', () => {
  jest.isolateModules(() => {
    // A thread of its own: a fresh module, with nothing idle yet.
    const arenas: typeof import('../src/analytics/core/kernel-arena') = require('../src/analytics/core/kernel-arena');
    const scopeOf = (cols: number, panels = 1) =>
      arenas.withPanelArenas(() => {
        for (let k = 0; k < panels; k++) arenas.createPanelMatrix(757, cols);
      });
    const memoriesFor = (fn: () => void) => {
      const before = arenas.panelsMade().memories;
      fn();
      return arenas.panelsMade().memories - before;
    };
    expect(memoriesFor(() => scopeOf(2000, 2))).toBe(2); // two 32 MB panels at once: the idle list is full
    expect(memoriesFor(() => scopeOf(500))).toBe(1);
    expect(memoriesFor(() => scopeOf(500))).toBe(0);
    expect(memoriesFor(() => scopeOf(500))).toBe(0);
    expect(memoriesFor(() => scopeOf(2000))).toBe(0);
  });
});

test('scopes nest: an inner scope frees only its own panels', () => {
  withPanelArenas(() => {
    const [outer] = pair(20, 3, (i) => 1 + i);
    withPanelArenas(() => pair(20, 3, (i) => 2 + i));
    expect(outer.data.length).toBe(60);
    expect(outer.data[5]).toBe(6);
  });
});

test('returns, weighted row sums and correlations: the same bits from wasm and JavaScript on random shapes, weights and prices', () => {
  const shape = fc.record({ rows: fc.integer({ min: 0, max: 40 }), cols: fc.integer({ min: 0, max: 27 }) });
  const price = fc.oneof(
    { weight: 8, arbitrary: fc.double({ min: 0.01, max: 1e6, noNaN: true }) },
    { weight: 1, arbitrary: fc.constantFrom(0, Number.NaN, Number.POSITIVE_INFINITY, -0) },
  );
  const weight = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(0, -0) },
    { weight: 5, arbitrary: fc.double({ min: -2, max: 2, noNaN: true }) },
    { weight: 1, arbitrary: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY) },
  );
  fc.assert(
    fc.property(
      shape.chain(({ rows, cols }) =>
        fc.tuple(
          fc.constant(rows),
          fc.constant(cols),
          fc.array(price, { minLength: rows * cols, maxLength: rows * cols }),
          fc.array(weight, { minLength: cols, maxLength: cols }),
        ),
      ),
      ([rows, cols, prices, w]) =>
        withPanelArenas(() => {
          const [panel, plain] = pair(rows, cols, (i) => prices[i]!);
          const weights = Float64Array.from(w);
          const [r, rPlain] = [simpleReturns(panel), simpleReturns(plain)];
          expectSameBits(r.data, rPlain.data);
          expectSameBits(weightedRowSum(r, weights), weightedRowSum(rPlain, weights));
          expectSameBits(weightedRowSum(panel, weights), weightedRowSum(plain, weights));
          // The correlation of the first columns (over 16 the scratch has no room: JavaScript throughout).
          const columns = [...Array(cols).keys()];
          for (const shrink of [false, true]) {
            const [a, b] = [correlationOfColumns(r, columns, shrink), correlationOfColumns(rPlain, columns, shrink)];
            expectSameBits(a.matrix, b.matrix);
            expect(Object.is(a.shrinkage, b.shrinkage)).toBe(true);
          }
        }),
    ),
    { numRuns: 300, seed: 17 },
  );
});

test('the Monte Carlo gives the same bits with its draws combined in wasm, on every number of assets, odd and even paths, and bust probabilities all past one half', () => {
  const rng = new Rng(3);
  // The last case's normal paths start past the first half: a growth row's range of + paths is empty.
  for (const [k, paths, bustFrom = 0.05] of [
    [1, 100],
    [3, 101],
    [4, 999],
    [5, 2_000],
    [9, 3_001],
    [20, 10_000],
    [6, 1_000, 0.6],
  ] as const) {
    // A random covariance A·Aᵀ/k plus a ridge, positive definite; scenario losses between −60 % and 0.
    const a = Float64Array.from({ length: k * k }, () => rng.normal() * 0.2);
    const covariance = new Float64Array(k * k);
    for (let i = 0; i < k; i++)
      for (let j = 0; j < k; j++) {
        let s = i === j ? 0.01 : 0;
        for (let m = 0; m < k; m++) s += (a[i * k + m]! * a[j * k + m]!) / k;
        covariance[i * k + j] = s;
      }
    const losses = () => Float64Array.from({ length: k }, () => -0.6 * rng.uniform());
    const weights = Float64Array.from({ length: k }, () => 1 / k);
    const inputs = { weights, covariance, bustReturns: losses(), bustReturnsByFall: new Map([[-0.3, losses()]]) };
    const settings = {
      ...MONTE_CARLO_DEFAULTS,
      paths,
      seed: 11,
      regime: { probability: bustFrom + 0.1, volatilityScale: 1.29, correlationBlend: 0.37 },
      sensitivity: { bustProbabilities: [bustFrom, bustFrom + 0.25], basketFalls: [-0.3] },
    };
    const before = panelsMade().inWasm;
    const inWasm = withPanelArenas(() => simulateOutcomes(inputs, settings));
    expect(panelsMade().inWasm).toBe(before + 1); // the draws went to an arena
    const plain = simulateOutcomes(inputs, settings);
    expect(panelsMade().inWasm).toBe(before + 1);
    expect(Object.is(inWasm.var95, plain.var95) && Object.is(inWasm.median, plain.median)).toBe(true);
    expect(inWasm).toEqual(plain);
    expect(JSON.stringify(inWasm)).toBe(JSON.stringify(plain)); // every digit of every figure
  }
});

test('the growth rows’ exp in wasm gives Math.exp’s bits: every range of arguments, the branch edges, and what Math.exp itself must answer', () => {
  const bits = new Float64Array(1);
  const word = new BigUint64Array(bits.buffer);
  /** The 200 doubles either side of x. */
  const around = (x: number) => {
    bits[0] = x;
    const at = word[0]!;
    return Array.from({ length: 400 }, (_, d) => {
      word[0] = at + BigInt(d - 200);
      return bits[0]!;
    });
  };
  // fdlibm's branches: |x| = ln2/2, 3 ln2/2, 2^-28, and 708 where the kernel hands over to Math.exp;
  // then overflow, a subnormal result and underflow to zero, which only Math.exp answers.
  const edges = [Math.LN2 / 2, 1.5 * Math.LN2, 2 ** -28, 708, 709.78, 740, 746].flatMap((e) => [
    ...around(e),
    ...around(-e),
  ]);
  const special = [0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 5e-324, -1e-300];
  const rng = new Rng(17);
  const scales = [1e-10, 1e-4, 0.05, 0.5, 2, 20, 200, 800];
  const random = Array.from({ length: 40_000 }, (_, i) => (2 * rng.uniform() - 1) * scales[i % scales.length]!);
  const args = Float64Array.from([...edges, ...special, ...random]);
  const n = args.length;
  for (const [m, sign] of [
    [0, 1],
    [-0.013, -1],
    [0.2, 1],
  ] as const) {
    const fromWasm = withPanelArenas(() => {
      const kernels = simdDrawKernels(new Float64Array(n), n, 1, 1)!;
      kernels.x.set(args);
      const row = kernels.row(n + 1);
      kernels.exp(row, 1, 0, n, m, sign); // from the second slot: an odd start
      return row.slice(1);
    });
    const expected = args.map((x) => Math.exp(m + sign * x));
    expect(fromWasm.length).toBe(n);
    const differing = [...expected.keys()].filter(
      (i) => !Object.is(expected[i], fromWasm[i]) && !(Number.isNaN(expected[i]) && Number.isNaN(fromWasm[i])),
    );
    expect(differing.map((i) => args[i])).toEqual([]);
  }
});

test('a weighted row sum leaves nothing behind for the next one (its scratch is copied out)', () => {
  const first = withPanelArenas(() => {
    const [panel] = pair(7, 10, (i) => 1 + (i % 5));
    const r = simpleReturns(panel);
    const sum = weightedRowSum(r, new Float64Array(10).fill(0.1));
    const kept = Float64Array.from(sum);
    weightedRowSum(r, new Float64Array(10).fill(-3));
    expectSameBits(sum, kept);
    return sum;
  });
  expect(first.length).toBe(6); // not the arena's memory: the scope's end does not empty it
});

test('weighted row sums cut from shared blocks never overlap, across many blocks and after the scope', () => {
  const weightsOf = (k: number) => Float64Array.from({ length: 10 }, (_, j) => ((k * 7 + j) % 11) / 10);
  const [, plain] = pair(301, 10, (i) => 1 + ((i * 13) % 17) / 100);
  const plainReturns = simpleReturns(plain);
  // 300 values each, 27 to a 64 KB block: 600 sums take 23 blocks (24 if an earlier test left one part used).
  const sums = withPanelArenas(() => {
    const [panel] = pair(301, 10, (i) => 1 + ((i * 13) % 17) / 100);
    const r = simpleReturns(panel);
    return Array.from({ length: 600 }, (_, k) => weightedRowSum(r, weightsOf(k)));
  });
  sums[1]!.fill(Number.NaN); // a write to one leaves its neighbours as they were
  sums.forEach((sum, k) => {
    if (k !== 1) expectSameBits(sum, weightedRowSum(plainReturns, weightsOf(k)));
  });
  // The case is the one it means to be: sums do share blocks, and more than one block was cut.
  expect(new Set(sums.map((s) => s.buffer)).size).toBeGreaterThanOrEqual(23);
  expect(new Set(sums.map((s) => s.buffer)).size).toBeLessThanOrEqual(24);
});

test('the committed module is the assembly of kernels.wat', async () => {
  const committed = readFileSync(path.join(ROOT, 'src/analytics/core/wasm/kernels-binary.ts'), 'utf8');
  expect(committed).toBe(binaryModuleSource(await assembleKernels()));
});

describe('an analysis on the shared prices', () => {
  const holdings = 'symbol,weight,currency\nNVDA,30%,\nMSFT,20%,\nSPY,25%,\nBND,15%,\nJNJ,10%,\n';
  type Analyse = typeof import('../src/analyse-portfolio').analysePortfolio;
  const run = (analysePortfolio: Analyse, Market: typeof CsvMarketData) =>
    analysePortfolio(
      { file: { fileName: 'mine.csv', text: holdings }, asOf: '2026-06-30', monteCarlo: { paths: 2000 } },
      { market: new Market({ pricesDir: PRICES_DIR, etfHoldingsDir: ETF_DIR }), now: () => new Date(0) },
    );

  test('keeps its price panel and its Monte Carlo draws in wasm memory and reports the same bytes as with the JavaScript kernels', async () => {
    const before = panelsMade();
    const viaWasm = await run(analysePortfolio, CsvMarketData);
    expect(panelsMade()).toMatchObject({ inWasm: before.inWasm + 2, ordinary: before.ordinary });
    let viaJavaScript: Promise<unknown> | undefined;
    jest.isolateModules(() => {
      // Without a scope every panel is an ordinary array, so the JavaScript kernels run throughout.
      jest.doMock('../src/analytics/core/kernel-arena', () => ({
        ...jest.requireActual('../src/analytics/core/kernel-arena'),
        withPanelArenas: <T>(fn: () => T) => fn(),
      }));
      viaJavaScript = run(require('../src/analyse-portfolio').analysePortfolio, require('../src/market').CsvMarketData);
    });
    expect(JSON.stringify(await viaJavaScript)).toBe(JSON.stringify(viaWasm));
  });

  test('hands out nothing that refers to the panel’s memory: no typed array in its stages is a view of that memory', async () => {
    const options = parseAnalysisOptions({ asOf: '2026-06-30', monteCarloPaths: 2000 }, 'http');
    const imported = await importHoldings({ fileName: 'mine.csv', text: holdings });
    const reference = loadReferenceData();
    const market = new CsvMarketData({ pricesDir: PRICES_DIR, etfHoldingsDir: ETF_DIR });
    const inputs = { market: await gather(plan(imported, options), { market, reference }), reference, generatedAt: '' };
    const before = panelsMade().inWasm;
    const stages = analysisStages(imported, inputs, options);
    expect(panelsMade().inWasm).toBe(before + 2); // the price panel and the Monte Carlo's draws
    const seen = new Set<unknown>();
    let views = 0;
    const walk = (x: unknown): void => {
      if (x === null || typeof x !== 'object' || seen.has(x)) return;
      seen.add(x);
      if (ArrayBuffer.isView(x) || x instanceof ArrayBuffer) {
        views++;
        expect(inPanelArena(x)).toBe(false);
        return;
      }
      const children = x instanceof Map ? [...x.keys(), ...x.values()] : x instanceof Set ? [...x] : Object.values(x);
      for (const c of children) walk(c);
    };
    walk(stages);
    expect(views).toBeGreaterThan(10);
  });
});
