/** Numbers, money and dates as the reader writes them. The one place locale formatting happens. */
export const LANGUAGES = ['en', 'it'] as const;
export type Lang = (typeof LANGUAGES)[number];

const LOCALE: Record<Lang, string> = { en: 'en-GB', it: 'it-IT' };
const DASH = '–';

export interface Formatter {
  lang: Lang;
  pct: (x: number | null | undefined, digits?: number) => string;
  num: (x: number | null | undefined, digits?: number) => string;
  int: (x: number) => string;
  money: (x: number, currency?: string) => string;
  date: (iso: string) => string;
  dateTime: (iso: string) => string;
  list: (items: readonly string[]) => string;
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** Intl formatters are costly to build (≈50 µs) and a report formats thousands of figures: built once per shape. */
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let nf = numberFormats.get(key);
  if (nf === undefined) {
    nf = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, nf);
  }
  return nf;
}

/** A value that rounds to zero at `digits` is written "0.0", never "-0.0". */
function unsignedZero(x: number, digits: number): number {
  return Math.abs(x) < 0.5 * 10 ** -digits ? 0 : x;
}

/**
 * How each language writes a plain number: its separators, and from how many integer digits it
 * groups thousands (CLDR's minimum grouping digits: Italian writes 1234 but 12.345).
 */
const NUMBERS: Record<Lang, { group: string; decimal: string; groupFrom: number }> = {
  en: { group: ',', decimal: '.', groupFrom: 4 },
  it: { group: '.', decimal: ',', groupFrom: 5 },
};

const MONTHS: Record<Lang, readonly string[]> = {
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
  it: [
    'gennaio',
    'febbraio',
    'marzo',
    'aprile',
    'maggio',
    'giugno',
    'luglio',
    'agosto',
    'settembre',
    'ottobre',
    'novembre',
    'dicembre',
  ],
};

/**
 * x with exactly `digits` decimals, as Intl.NumberFormat writes it in `lang` (test/number-format.test.ts
 * checks the two agree), without Intl: the first Intl formatter of a process loads ICU's locale data,
 * ≈25 ms of a cold CLI start that formats no money. Like Intl it rounds half away from zero on the
 * shortest decimal that reads back as x (1.005 → 1.01, where toFixed gives 1.00). Null when x is not
 * finite.
 */
export function formatFixed(x: number, digits: number, lang: Lang): string | null {
  if (!Number.isFinite(x)) return null;
  const [whole = '', fraction = ''] = plainDecimal(Math.abs(x)).split('.');
  let kept = whole + fraction.slice(0, digits).padEnd(digits, '0');
  if ((fraction[digits] ?? '0') >= '5') kept = incremented(kept);
  const integer = kept.slice(0, kept.length - digits).replace(/^0+(?=\d)/, '') || '0';
  const { group, decimal, groupFrom } = NUMBERS[lang];
  const grouped = integer.length >= groupFrom ? integer.replace(/\B(?=(\d{3})+$)/g, group) : integer;
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  return digits > 0 ? `${sign}${grouped}${decimal}${kept.slice(kept.length - digits)}` : `${sign}${grouped}`;
}

/** The shortest decimal that reads back as x ≥ 0, without an exponent (5e-7 → "0.0000005"). */
function plainDecimal(x: number): string {
  const shortest = String(x);
  const e = shortest.indexOf('e');
  if (e < 0) return shortest;
  const mantissa = shortest.slice(0, e);
  const point = (mantissa.indexOf('.') < 0 ? mantissa.length : mantissa.indexOf('.')) + Number(shortest.slice(e + 1));
  const digitsOnly = mantissa.replace('.', '');
  if (point <= 0) return `0.${'0'.repeat(-point)}${digitsOnly}`;
  return point >= digitsOnly.length
    ? digitsOnly + '0'.repeat(point - digitsOnly.length)
    : `${digitsOnly.slice(0, point)}.${digitsOnly.slice(point)}`;
}

/** A string of decimal digits plus one in its last place (999 → 1000). */
function incremented(digitsText: string): string {
  const out = digitsText.split('');
  for (let i = out.length - 1; i >= 0; i--) {
    if (out[i] !== '9') {
      out[i] = String(Number(out[i]) + 1);
      return out.join('');
    }
    out[i] = '0';
  }
  return `1${out.join('')}`;
}

/** An ISO day as the language writes it in full: "30 November 2026", "30 novembre 2026". */
function formatDay(iso: string, lang: Lang): string {
  // Callers pass the report's own ISO days: anything else is a bug to hear about, as Intl threw.
  if (!/^\d{4}-(0[1-9]|1[0-2])-\d{2}/.test(iso)) throw new RangeError(`not an ISO day: ${iso}`);
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number);
  return `${day} ${MONTHS[lang][month! - 1]} ${year}`;
}

const formatters = new Map<string, Formatter>();

/** One formatter per language and currency, built once: Intl objects cost tens of microseconds each. */
export function formatter(lang: Lang, currency = 'USD'): Formatter {
  const key = `${lang}|${currency}`;
  let f = formatters.get(key);
  if (f === undefined) {
    f = buildFormatter(lang, currency);
    formatters.set(key, f);
  }
  return f;
}

function buildFormatter(lang: Lang, currency: string): Formatter {
  const locale = LOCALE[lang];
  const fixed = (x: number, digits: number) =>
    formatFixed(x, digits, lang) ??
    numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(x);
  // Built on first use: a JSON report formats no money and no times, and Intl's first use costs ≈25 ms.
  let dateTimeFormat: Intl.DateTimeFormat | undefined;
  const dayAndTime = () =>
    (dateTimeFormat ??= new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }));
  const and = lang === 'it' ? ' e ' : ' and ';
  return {
    lang,
    pct: (x, digits = 1) =>
      x == null || !Number.isFinite(x) ? DASH : `${fixed(unsignedZero(x * 100, digits), digits)} %`,
    num: (x, digits = 2) => (x == null || !Number.isFinite(x) ? DASH : fixed(unsignedZero(x, digits), digits)),
    int: (x) => fixed(x, 0),
    money: (x, ccy = currency) =>
      numberFormat(locale, { style: 'currency', currency: ccy, maximumFractionDigits: 0 }).format(x),
    date: (iso) => formatDay(iso, lang),
    dateTime: (iso) => `${dayAndTime().format(new Date(iso))} UTC`,
    list: (items) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')}${and}${items.at(-1)}`),
  };
}
