/**
 * Finds English in text meant to be Italian: known English phrases from our own catalogue, and
 * English function words that Italian never uses. Proper names (funds, companies, tickers) and
 * accepted terms are allowed.
 */
const ENGLISH_WORDS = new Set([
  'the',
  'of',
  'and',
  'is',
  'are',
  'with',
  'from',
  'to',
  'by',
  'for',
  'not',
  'this',
  'that',
  'which',
  'your',
  'you',
  'has',
  'have',
  'been',
  'its',
  'their',
  'when',
  'where',
  'than',
  'or',
  'but',
  'only',
  'each',
  'every',
  'above',
  'below',
  'share',
  'shares',
  'held',
  'holdings',
  'issuer',
  'issuers',
  'rule',
  'limit',
  'warning',
  'largest',
  'moves',
  'build-out',
  'fall',
  'drawdown',
  'unwind',
  'tariff',
  'portfolio',
  'value',
  'weight',
  'cash',
  'price',
  'prices',
  'source',
  'files',
  'cached',
  'undated',
  'notes',
  'page',
  'generated',
]);

/** Accepted in an Italian text: names, tickers, terms of art. */
const ALLOWED = [
  /SPDR S&P 500 ETF Trust/g,
  /SPDR Gold Shares/g,
  /Invesco QQQ Trust/g,
  /VanEck Semiconductor ETF/g,
  /Vanguard Total Bond Market ETF/g,
  /Alphabet Inc Class A/g,
  /Johnson & Johnson/g,
  /Exxon Mobil Corp/g,
  /Amazon\.com Inc/g,
  /Value at Risk/g,
  /Yahoo Finance/g,
  /data center/gi,
  /Data Center/g,
  /ai-exposure/g,
];

export function englishIn(text: string): string[] {
  let cleaned = text;
  for (const a of ALLOWED) cleaned = cleaned.replace(a, ' ');
  const found = new Set<string>();
  for (const word of cleaned.toLowerCase().match(/[a-z][a-z-]*/g) ?? []) if (ENGLISH_WORDS.has(word)) found.add(word);
  return [...found];
}

/** Sentences the English catalogue says today, which must not reach an Italian reader. */
export const ENGLISH_PHRASES = [
  'Single issuer',
  'AI-infrastructure theme',
  'largest issuer',
  'above the',
  'issuers above',
  'moves with the AI build-out',
  '2022 tech drawdown',
  'carry unwind',
  'DeepSeek shock',
  'tariff shock',
  'Share of the portfolio in the AI-infrastructure theme',
  'Beta to the AI basket',
  'Capex / operating cash flow of the held capex buyers',
  'Revenue dependence',
  'Issuer concentration after look-through',
  'valued at the adjusted close',
  'constituents older than',
  'daily prices from CSV files',
  'CSV price files',
  'not in the theme model',
  'unstated',
  'docs/methodology.md',
];
