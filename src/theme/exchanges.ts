/**
 * Stock exchanges as fund files name them, by ISO 10383 MIC, with Yahoo's suffix for their
 * listings. A fund constituent is often written as a local code plus an exchange (iShares prints
 * `2330` "Taiwan Stock Exchange" for TSMC); this table turns that into a listing we can name.
 * Codes, not figures: it changes when an exchange is renamed, so it lives in code.
 */
interface Exchange {
  mic: string;
  /** The currency its shares trade in (ISO 4217): an issuer's home currency when we know no better. */
  currency: string;
  /** Yahoo's symbol suffix ('' for the US markets). */
  suffix: string;
  /** Numeric local codes are zero-padded to this width on Yahoo (Korea 000660.KS, Hong Kong 0700.HK). */
  pad?: number;
  /** Names fund providers print for the exchange, lower-cased. */
  names: string[];
}

const EXCHANGES: readonly Exchange[] = [
  {
    mic: 'XNYS',
    currency: 'USD',
    suffix: '',
    names: ['new york stock exchange inc.', 'new york stock exchange', 'nyse'],
  },
  { mic: 'XNAS', currency: 'USD', suffix: '', names: ['nasdaq'] },
  { mic: 'ARCX', currency: 'USD', suffix: '', names: ['nyse arca'] },
  { mic: 'BATS', currency: 'USD', suffix: '', names: ['cboe bzx formerly known as bats'] },
  { mic: 'XTKS', currency: 'JPY', suffix: '.T', names: ['tokyo stock exchange'] },
  { mic: 'XTAI', currency: 'TWD', suffix: '.TW', names: ['taiwan stock exchange'] },
  { mic: 'ROCO', currency: 'TWD', suffix: '.TWO', names: ['gretai securities market'] },
  { mic: 'XKRX', currency: 'KRW', suffix: '.KS', pad: 6, names: ['korea exchange (stock market)'] },
  { mic: 'XKOS', currency: 'KRW', suffix: '.KQ', pad: 6, names: ['korea exchange (kosdaq)'] },
  { mic: 'XHKG', currency: 'HKD', suffix: '.HK', pad: 4, names: ['hong kong exchanges and clearing ltd'] },
  { mic: 'XSHG', currency: 'CNY', suffix: '.SS', names: ['shanghai stock exchange'] },
  { mic: 'XSHE', currency: 'CNY', suffix: '.SZ', names: ['shenzhen stock exchange'] },
  { mic: 'XNSE', currency: 'INR', suffix: '.NS', names: ['national stock exchange of india'] },
  { mic: 'XTSE', currency: 'CAD', suffix: '.TO', names: ['toronto stock exchange'] },
  { mic: 'XLON', currency: 'GBP', suffix: '.L', names: ['london stock exchange'] },
  { mic: 'XPAR', currency: 'EUR', suffix: '.PA', names: ['nyse euronext - euronext paris', 'euronext paris'] },
  { mic: 'XAMS', currency: 'EUR', suffix: '.AS', names: ['euronext amsterdam'] },
  { mic: 'XBRU', currency: 'EUR', suffix: '.BR', names: ['nyse euronext - euronext brussels', 'euronext brussels'] },
  { mic: 'XLIS', currency: 'EUR', suffix: '.LS', names: ['nyse euronext - euronext lisbon', 'euronext lisbon'] },
  { mic: 'XETR', currency: 'EUR', suffix: '.DE', names: ['xetra', 'deutsche boerse xetra'] },
  { mic: 'XSWX', currency: 'CHF', suffix: '.SW', names: ['six swiss exchange'] },
  { mic: 'XMIL', currency: 'EUR', suffix: '.MI', names: ['borsa italiana'] },
  { mic: 'XMAD', currency: 'EUR', suffix: '.MC', names: ['bolsa de madrid'] },
  { mic: 'XSTO', currency: 'SEK', suffix: '.ST', names: ['nasdaq omx nordic'] },
  { mic: 'XCSE', currency: 'DKK', suffix: '.CO', names: ['omx nordic exchange copenhagen a/s'] },
  { mic: 'XHEL', currency: 'EUR', suffix: '.HE', names: ['nasdaq omx helsinki ltd.'] },
  { mic: 'XOSL', currency: 'NOK', suffix: '.OL', names: ['oslo bors asa'] },
  { mic: 'XWBO', currency: 'EUR', suffix: '.VI', names: ['wiener boerse ag'] },
  { mic: 'XDUB', currency: 'EUR', suffix: '.IR', names: ['irish stock exchange - all market'] },
  { mic: 'XASX', currency: 'AUD', suffix: '.AX', names: ['asx - all markets'] },
  { mic: 'XNZE', currency: 'NZD', suffix: '.NZ', names: ['new zealand exchange ltd'] },
  { mic: 'XSES', currency: 'SGD', suffix: '.SI', names: ['singapore exchange'] },
  { mic: 'BVMF', currency: 'BRL', suffix: '.SA', names: ['xbsp'] },
  { mic: 'XMEX', currency: 'MXN', suffix: '.MX', names: ['bolsa mexicana de valores'] },
  { mic: 'XJSE', currency: 'ZAR', suffix: '.JO', names: ['johannesburg stock exchange'] },
  { mic: 'XTAE', currency: 'ILS', suffix: '.TA', names: ['tel aviv stock exchange'] },
  { mic: 'XSAU', currency: 'SAR', suffix: '.SR', names: ['saudi stock exchange'] },
  { mic: 'XKLS', currency: 'MYR', suffix: '.KL', names: ['bursa malaysia'] },
  { mic: 'XIDX', currency: 'IDR', suffix: '.JK', names: ['indonesia stock exchange'] },
  { mic: 'XBKK', currency: 'THB', suffix: '.BK', names: ['stock exchange of thailand'] },
  { mic: 'XWAR', currency: 'PLN', suffix: '.WA', names: ['warsaw stock exchange/equities/main market'] },
  { mic: 'XIST', currency: 'TRY', suffix: '.IS', names: ['istanbul stock exchange'] },
  { mic: 'XKUW', currency: 'KWD', suffix: '.KW', names: ['kuwait stock exchange'] },
  { mic: 'XDFM', currency: 'AED', suffix: '.AE', names: ['dubai financial market'] },
  { mic: 'DSMD', currency: 'QAR', suffix: '.QA', names: ['qatar exchange'] },
  { mic: 'XBUD', currency: 'HUF', suffix: '.BD', names: ['budapest stock exchange'] },
  { mic: 'XPRA', currency: 'CZK', suffix: '.PR', names: ['prague stock exchange'] },
  { mic: 'ASEX', currency: 'EUR', suffix: '.AT', names: ['athens exchange s.a. cash market'] },
  { mic: 'XPHS', currency: 'PHP', suffix: '.PS', names: ['philippine stock exchange inc.'] },
  { mic: 'XSGO', currency: 'CLP', suffix: '.SN', names: ['santiago stock exchange'] },
  { mic: 'XBOG', currency: 'COP', suffix: '.CL', names: ['bolsa de valores de colombia'] },
  { mic: 'XCAI', currency: 'EGP', suffix: '.CA', names: ['egyptian exchange'] },
  { mic: 'MISX', currency: 'RUB', suffix: '.ME', names: ['standard-classica-forts'] },
];

const BY_NAME = new Map(EXCHANGES.flatMap((e) => e.names.map((n) => [n, e] as const)));
const BY_MIC = new Map(EXCHANGES.map((e) => [e.mic, e]));

/** The MIC of an exchange given by MIC or by a name a fund provider prints; undefined when unknown or "-". */
export function micOf(exchange: string): string | undefined {
  const text = exchange.trim();
  if (BY_MIC.has(text.toUpperCase())) return text.toUpperCase();
  return BY_NAME.get(text.toLowerCase())?.mic;
}

/** The US markets, where a local code is already the Yahoo symbol. */
export function isUsMarket(mic: string): boolean {
  return BY_MIC.get(mic)?.suffix === '';
}

/**
 * The Yahoo symbol of a local code on an exchange: `2330` on XTAI → `2330.TW`, `660` on XKRX →
 * `000660.KS`, `NOVO B` on XCSE → `NOVO-B.CO` (share classes take a dash, as Yahoo writes them).
 * Undefined when the exchange has no known suffix.
 */
export function yahooSymbol(localCode: string, mic: string): string | undefined {
  const exchange = BY_MIC.get(mic);
  if (exchange === undefined) return undefined;
  let code = localCode
    .trim()
    .toUpperCase()
    .replace(/[ /.]+/g, '-');
  if (exchange.pad !== undefined && /^\d+$/.test(code)) code = code.padStart(exchange.pad, '0');
  return `${code}${exchange.suffix}`;
}

const BY_SUFFIX = new Map(EXCHANGES.filter((e) => e.suffix !== '').map((e) => [e.suffix, e]));

/** The trading currency of the exchange a Yahoo symbol is listed on (`2330.TW` → TWD, `NVDA` → USD). */
export function currencyOfYahooSymbol(symbol: string): string | undefined {
  if (symbol.includes('@')) return undefined; // an issuer named by code@exchange: no Yahoo listing
  const dot = symbol.lastIndexOf('.');
  if (dot <= 0) return 'USD';
  return BY_SUFFIX.get(symbol.slice(dot))?.currency;
}
