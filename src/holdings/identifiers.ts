const ISIN_SHAPE = /^[A-Z]{2}[A-Z0-9]{9}\d$/;

/** ISO 6166: letters become two digits (A=10 … Z=35) and the Luhn check holds over the whole string. */
export function isValidIsin(isin: string): boolean {
  if (!ISIN_SHAPE.test(isin)) return false;
  const digits = [...isin].map((c) => (c >= 'A' ? String(c.charCodeAt(0) - 55) : c)).join('');
  let sum = 0;
  for (let i = digits.length - 1, double = false; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export function looksLikeIsin(text: string): boolean {
  return ISIN_SHAPE.test(text);
}

/** Yahoo's exchange suffixes that are a single letter; any other one-letter suffix is a share class. */
const ONE_LETTER_EXCHANGES = new Set(['L', 'T', 'F', 'V']);
const TICKER = /^[A-Z0-9^][A-Z0-9.\-^=&]{0,24}$/;

/**
 * A ticker as Yahoo spells it: upper case; a share class written with a dot becomes a dash
 * (BRK.B → BRK-B, also "BRK B" and "BRK/B"), exchange suffixes stay (VWCE.DE, ISP.MI, 7203.T).
 * Returns null when the text cannot be a ticker.
 */
export function normaliseTicker(raw: string): string | null {
  let t = raw.trim().toUpperCase();
  t = t.replace(/^([A-Z]{1,5})[ /]([A-Z])$/, '$1-$2');
  const share = /^([A-Z]{1,5})\.([A-Z])$/.exec(t);
  if (share !== null && !ONE_LETTER_EXCHANGES.has(share[2]!)) t = `${share[1]}-${share[2]}`;
  return TICKER.test(t) ? t : null;
}

export interface IsinEntry {
  symbol: string;
  name: string;
  currency: string;
}

/** Resolves ISINs to Yahoo symbols. The offline one reads data/instruments.csv; the Yahoo provider adds search. */
export interface IsinResolver {
  /** `currencyOf` is the currency the file gives for an ISIN, to pick among its listings. */
  resolve(isins: readonly string[], currencyOf?: (isin: string) => string | undefined): Promise<Map<string, IsinEntry>>;
}

// ISIN → listing is known in one place, our instruments table (data/instruments.csv).
export { loadIsinMap, offlineIsinResolver } from '../theme/isin-resolver';
