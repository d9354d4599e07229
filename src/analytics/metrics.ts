export interface Concentration {
  hhi: number;
  effectiveN: number;
  top1: number;
  top5: number;
  top10: number;
}

/** HHI = Σw², effective N = 1/HHI, topK = sum of the K largest weights (all when fewer than K). */
export function concentration(weights: ArrayLike<number>): Concentration {
  const sorted = Float64Array.from(weights).sort().reverse();
  let hhi = 0;
  for (let i = 0; i < sorted.length; i++) hhi += sorted[i]! * sorted[i]!;
  const top = (k: number) => {
    let s = 0;
    for (let i = 0; i < Math.min(k, sorted.length); i++) s += sorted[i]!;
    return s;
  };
  return { hhi, effectiveN: 1 / hhi, top1: top(1), top5: top(5), top10: top(10) };
}

export const TRADING_DAYS_PER_YEAR = 252;
