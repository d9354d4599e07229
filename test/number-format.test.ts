/**
 * Numbers and days are written without Intl (its first use costs a cold start ≈25 ms): they must
 * read exactly as Intl.NumberFormat and Intl.DateTimeFormat write them in en-GB and it-IT, for
 * every size, sign, decimal count and rounding tie.
 */
import fc from 'fast-check';
import { formatFixed, formatter, type Lang } from '../src/i18n/format';

const LOCALE: Record<Lang, string> = { en: 'en-GB', it: 'it-IT' };
const intl = (x: number, digits: number, lang: Lang) =>
  new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);

describe.each(['en', 'it'] as const)('%s: a number with a fixed count of decimals', (lang) => {
  test('reads as Intl writes it, for random doubles of every size and sign', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e25, max: 1e25, noNaN: true }), fc.integer({ min: 0, max: 4 }), (x, digits) =>
        expect(formatFixed(x, digits, lang)).toBe(intl(x, digits, lang)),
      ),
      { numRuns: 5000, seed: 7 },
    );
  });

  test('reads as Intl writes it at rounding ties, carries, zeros and group boundaries', () => {
    const cases = [
      1.005,
      2.675,
      0.125,
      0.5,
      1.5,
      2.5,
      -0.05,
      -0.5,
      9.995,
      99.95,
      999.5,
      9999.5,
      99999.95,
      1234.55,
      0,
      -0,
      -0.04,
      1e-7,
      5e-5,
      0.045,
      123456789.125,
      1234,
      12345,
      999,
      1000,
      10000,
      100000,
      1e15,
      0.1 + 0.2,
    ];
    for (const x of cases)
      for (let digits = 0; digits <= 4; digits++)
        expect([x, digits, formatFixed(x, digits, lang)]).toEqual([x, digits, intl(x, digits, lang)]);
  });

  test('writes what JavaScript writes with an exponent as Intl does, and leaves what is not finite to Intl', () => {
    for (const x of [1e21, -3.25e25, 5e-7, -4.5e-5, 1.2345e-10])
      for (let digits = 0; digits <= 6; digits++) expect(formatFixed(x, digits, lang)).toBe(intl(x, digits, lang));
    for (const x of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
      expect(formatFixed(x, 2, lang)).toBeNull();
  });

  test('writes every day of 2019–2027 as Intl writes it in full', () => {
    const f = formatter(lang);
    const long = new Intl.DateTimeFormat(LOCALE[lang], {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    for (let t = Date.UTC(2019, 0, 1); t <= Date.UTC(2027, 11, 31); t += 86_400_000) {
      const iso = new Date(t).toISOString();
      expect(f.date(iso.slice(0, 10))).toBe(long.format(new Date(t)));
    }
    // Only the report's own ISO days reach it: anything else is a bug, said out loud as Intl did.
    for (const bad of ['30/11/2026', '2026-13-01', 'undated']) expect(() => f.date(bad)).toThrow(RangeError);
  });
});
