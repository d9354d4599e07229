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
  // Looked up once per number of digits: building the cache key costs more than the formatting.
  const byDigits: Intl.NumberFormat[] = [];
  const fixed = (digits: number) =>
    (byDigits[digits] ??= numberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }));
  const dateFormat = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  const and = lang === 'it' ? ' e ' : ' and ';
  return {
    lang,
    pct: (x, digits = 1) =>
      x == null || !Number.isFinite(x) ? DASH : `${fixed(digits).format(unsignedZero(x * 100, digits))} %`,
    num: (x, digits = 2) => (x == null || !Number.isFinite(x) ? DASH : fixed(digits).format(unsignedZero(x, digits))),
    int: (x) => fixed(0).format(x),
    money: (x, ccy = currency) =>
      numberFormat(locale, { style: 'currency', currency: ccy, maximumFractionDigits: 0 }).format(x),
    date: (iso) => dateFormat.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)),
    dateTime: (iso) => `${dateTimeFormat.format(new Date(iso))} UTC`,
    list: (items) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')}${and}${items.at(-1)}`),
  };
}
