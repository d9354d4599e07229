/**
 * Stock exchanges as fund files name them, by ISO 10383 MIC, with Yahoo's suffix for their
 * listings. A fund constituent is often written as a local code plus an exchange (iShares prints
 * `2330` "Taiwan Stock Exchange" for TSMC); this table turns that into a listing we can name.
 * Codes, not figures: it changes when an exchange is renamed, so it lives in code.
 */
interface Exchange {
  mic: string;
  /** Yahoo's symbol suffix ('' for the US markets). */
  suffix: string;
  /** Numeric local codes are zero-padded to this width on Yahoo (Korea 000660.KS, Hong Kong 0700.HK). */
  pad?: number;
  /** Names fund providers print for the exchange, lower-cased. */
  names: string[];
}

const EXCHANGES: readonly Exchange[] = [
  { mic: 'XNYS', suffix: '', names: ['new york stock exchange inc.', 'new york stock exchange', 'nyse'] },
  { mic: 'XNAS', suffix: '', names: ['nasdaq'] },
  { mic: 'ARCX', suffix: '', names: ['nyse arca'] },
  { mic: 'BATS', suffix: '', names: ['cboe bzx formerly known as bats'] },
  { mic: 'XTKS', suffix: '.T', names: ['tokyo stock exchange'] },
  { mic: 'XTAI', suffix: '.TW', names: ['taiwan stock exchange'] },
  { mic: 'ROCO', suffix: '.TWO', names: ['gretai securities market'] },
  { mic: 'XKRX', suffix: '.KS', pad: 6, names: ['korea exchange (stock market)'] },
  { mic: 'XKOS', suffix: '.KQ', pad: 6, names: ['korea exchange (kosdaq)'] },
  { mic: 'XHKG', suffix: '.HK', pad: 4, names: ['hong kong exchanges and clearing ltd'] },
  { mic: 'XSHG', suffix: '.SS', names: ['shanghai stock exchange'] },
  { mic: 'XSHE', suffix: '.SZ', names: ['shenzhen stock exchange'] },
  { mic: 'XNSE', suffix: '.NS', names: ['national stock exchange of india'] },
  { mic: 'XTSE', suffix: '.TO', names: ['toronto stock exchange'] },
  { mic: 'XLON', suffix: '.L', names: ['london stock exchange'] },
  { mic: 'XPAR', suffix: '.PA', names: ['nyse euronext - euronext paris', 'euronext paris'] },
  { mic: 'XAMS', suffix: '.AS', names: ['euronext amsterdam'] },
  { mic: 'XBRU', suffix: '.BR', names: ['nyse euronext - euronext brussels', 'euronext brussels'] },
  { mic: 'XLIS', suffix: '.LS', names: ['nyse euronext - euronext lisbon', 'euronext lisbon'] },
  { mic: 'XETR', suffix: '.DE', names: ['xetra', 'deutsche boerse xetra'] },
  { mic: 'XSWX', suffix: '.SW', names: ['six swiss exchange'] },
  { mic: 'XMIL', suffix: '.MI', names: ['borsa italiana'] },
  { mic: 'XMAD', suffix: '.MC', names: ['bolsa de madrid'] },
  { mic: 'XSTO', suffix: '.ST', names: ['nasdaq omx nordic'] },
  { mic: 'XCSE', suffix: '.CO', names: ['omx nordic exchange copenhagen a/s'] },
  { mic: 'XHEL', suffix: '.HE', names: ['nasdaq omx helsinki ltd.'] },
  { mic: 'XOSL', suffix: '.OL', names: ['oslo bors asa'] },
  { mic: 'XWBO', suffix: '.VI', names: ['wiener boerse ag'] },
  { mic: 'XDUB', suffix: '.IR', names: ['irish stock exchange - all market'] },
  { mic: 'XASX', suffix: '.AX', names: ['asx - all markets'] },
  { mic: 'XNZE', suffix: '.NZ', names: ['new zealand exchange ltd'] },
  { mic: 'XSES', suffix: '.SI', names: ['singapore exchange'] },
  { mic: 'BVMF', suffix: '.SA', names: ['xbsp'] },
  { mic: 'XMEX', suffix: '.MX', names: ['bolsa mexicana de valores'] },
  { mic: 'XJSE', suffix: '.JO', names: ['johannesburg stock exchange'] },
  { mic: 'XTAE', suffix: '.TA', names: ['tel aviv stock exchange'] },
  { mic: 'XSAU', suffix: '.SR', names: ['saudi stock exchange'] },
  { mic: 'XKLS', suffix: '.KL', names: ['bursa malaysia'] },
  { mic: 'XIDX', suffix: '.JK', names: ['indonesia stock exchange'] },
  { mic: 'XBKK', suffix: '.BK', names: ['stock exchange of thailand'] },
  { mic: 'XWAR', suffix: '.WA', names: ['warsaw stock exchange/equities/main market'] },
  { mic: 'XIST', suffix: '.IS', names: ['istanbul stock exchange'] },
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
