/**
 * Numbers as brokers and spreadsheets write them: `1.234,56` and `1,234.56`, `12,5%`, `$1,234.50`,
 * `€ 1.234,56`, `USD 901.25`, `CHF 1'234.50`, `(123.45)` and `-123.45`, `+4.44%`.
 */

export type DecimalMark = '.' | ',';

export interface ParsedAmount {
  value: number;
  percent: boolean;
  /** ISO code when the cell carried a currency sign or code. */
  currency?: string;
}

const SIGNS: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY', '₣': 'CHF' };
const CODE = /^([A-Z]{3})\s*/;

/** Empty-looking cells that mean "no value" in broker exports. */
export function isEmptyCell(raw: string): boolean {
  const t = raw.trim();
  return t === '' || t === '--' || t === '-' || t === 'N/A' || t === 'n/a' || t === 'NA';
}

export function parseAmount(raw: string, mark: DecimalMark): ParsedAmount | null {
  let t = raw.trim().replace(/[\u00a0\u202f]/g, ' ');
  if (t === '') return null;
  let negative = false;
  if (t.startsWith('(') && t.endsWith(')')) {
    negative = true;
    t = t.slice(1, -1).trim();
  }
  let currency: string | undefined;
  let signs = 0;
  const takeSign = () => {
    if (t.startsWith('-')) {
      negative = !negative;
      signs++;
      t = t.slice(1).trim();
    } else if (t.startsWith('+')) {
      signs++;
      t = t.slice(1).trim();
    }
  };
  takeSign();
  const sign = SIGNS[t[0] ?? ''];
  if (sign !== undefined) {
    currency = sign;
    t = t.slice(1).trim();
  } else {
    const code = CODE.exec(t);
    if (code !== null && /[\d.,]/.test(t[code[0].length] ?? '')) {
      currency = code[1];
      t = t.slice(code[0].length);
    }
  }
  takeSign();
  if (signs > 1) return null;
  const trailingSign = SIGNS[t[t.length - 1] ?? ''];
  if (trailingSign !== undefined) {
    currency = trailingSign;
    t = t.slice(0, -1).trim();
  } else {
    const code = trailingCurrencyCode(t);
    if (code !== null) {
      currency = code;
      t = t.slice(0, -3).trimEnd();
    }
  }
  let percent = false;
  if (t.endsWith('%')) {
    percent = true;
    t = t.slice(0, -1).trim();
  }
  const value = parsePlainNumber(t, mark);
  if (value === null) return null;
  return { value: negative ? -value : value, percent, ...(currency !== undefined && { currency }) };
}

/**
 * "901,25 USD" → "USD". Checked by hand rather than with `/\s*([A-Z]{3})$/`, which tries every start
 * of a long run of spaces and made one 60,000-character cell cost seconds.
 */
function trailingCurrencyCode(t: string): string | null {
  const code = t.slice(-3);
  return /^[A-Z]{3}$/.test(code) && !/[A-Za-z]/.test(t.charAt(t.length - 4)) ? code : null;
}

/** Digits with a decimal mark and optional thousands groups (the other mark, space or apostrophe). */
function parsePlainNumber(t: string, mark: DecimalMark): number | null {
  const group = mark === '.' ? ',' : '.';
  if (/^\d+(e[+-]?\d+)?$/i.test(t)) return Number(t);
  const escapedMark = mark === '.' ? '\\.' : ',';
  const escapedGroup = group === '.' ? '\\.' : ',';
  const grouped = new RegExp(`^\\d{1,3}((${escapedGroup}|'| )\\d{3})+(${escapedMark}\\d*)?$`);
  const plain = new RegExp(`^(\\d+(${escapedMark}\\d*)?|${escapedMark}\\d+)([eE][+-]?\\d+)?$`);
  if (!grouped.test(t) && !plain.test(t)) return null;
  const normalised = t.replace(new RegExp(`${escapedGroup}|'| `, 'g'), '').replace(mark, '.');
  const v = Number(normalised);
  return Number.isFinite(v) ? v : null;
}

/**
 * Which decimal mark a file uses, from the numeric cells themselves: `1.234,56` or `12,5` say comma,
 * `1,234.56` or `12.50` say dot; `1,234` alone says nothing. Ties fall to the delimiter's habit
 * (`;` files are usually European).
 */
export function detectDecimalMark(cells: readonly string[], delimiter: string): DecimalMark {
  let comma = 0;
  let dot = 0;
  for (const raw of cells) {
    const t = raw.replace(/[^\d.,]/g, '');
    if (/\d\.\d{3},\d/.test(t) || /^\d*,\d{1,2}$/.test(t) || /,\d{4,}$/.test(t) || /^0,\d+$/.test(t)) comma++;
    else if (/\d,\d{3}\.\d/.test(t) || /^\d*\.\d{1,2}$/.test(t) || /\.\d{4,}$/.test(t) || /^0\.\d+$/.test(t)) dot++;
  }
  if (comma !== dot) return comma > dot ? ',' : '.';
  return delimiter === ';' ? ',' : '.';
}
