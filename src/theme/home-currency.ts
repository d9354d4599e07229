import { location as locationInName } from '../market/index-proxy';
import type { FundHoldings } from '../market/types';
import { currencyOfYahooSymbol } from './exchanges';
import type { IssuerResolver } from './issuers';
import type { LookThrough } from './look-through';

/**
 * Currencies by country, for the issuers' home currency: ISO 3166 codes (our instruments table) and
 * the country names iShares prints as a constituent's "Location" (its country of risk).
 * Codes, not figures: they change when a country changes currency.
 */
const COUNTRIES: readonly { iso: string; names: string[]; currency: string }[] = [
  { iso: 'US', names: ['united states'], currency: 'USD' },
  { iso: 'JP', names: ['japan'], currency: 'JPY' },
  { iso: 'GB', names: ['united kingdom'], currency: 'GBP' },
  { iso: 'CA', names: ['canada'], currency: 'CAD' },
  { iso: 'CN', names: ['china'], currency: 'CNY' },
  { iso: 'CH', names: ['switzerland'], currency: 'CHF' },
  { iso: 'TW', names: ['taiwan'], currency: 'TWD' },
  { iso: 'IN', names: ['india'], currency: 'INR' },
  { iso: 'AU', names: ['australia'], currency: 'AUD' },
  { iso: 'KR', names: ['korea (south)', 'south korea', 'korea'], currency: 'KRW' },
  { iso: 'SE', names: ['sweden'], currency: 'SEK' },
  { iso: 'DK', names: ['denmark'], currency: 'DKK' },
  { iso: 'HK', names: ['hong kong'], currency: 'HKD' },
  { iso: 'BR', names: ['brazil'], currency: 'BRL' },
  { iso: 'SA', names: ['saudi arabia'], currency: 'SAR' },
  { iso: 'SG', names: ['singapore'], currency: 'SGD' },
  { iso: 'ZA', names: ['south africa'], currency: 'ZAR' },
  { iso: 'IL', names: ['israel'], currency: 'ILS' },
  { iso: 'MX', names: ['mexico'], currency: 'MXN' },
  { iso: 'AE', names: ['united arab emirates'], currency: 'AED' },
  { iso: 'ID', names: ['indonesia'], currency: 'IDR' },
  { iso: 'NO', names: ['norway'], currency: 'NOK' },
  { iso: 'TH', names: ['thailand'], currency: 'THB' },
  { iso: 'MY', names: ['malaysia'], currency: 'MYR' },
  { iso: 'QA', names: ['qatar'], currency: 'QAR' },
  { iso: 'PL', names: ['poland'], currency: 'PLN' },
  { iso: 'TR', names: ['turkey', 'türkiye'], currency: 'TRY' },
  { iso: 'PH', names: ['philippines'], currency: 'PHP' },
  { iso: 'KW', names: ['kuwait'], currency: 'KWD' },
  { iso: 'NZ', names: ['new zealand'], currency: 'NZD' },
  { iso: 'PE', names: ['peru'], currency: 'PEN' },
  { iso: 'HU', names: ['hungary'], currency: 'HUF' },
  { iso: 'CL', names: ['chile'], currency: 'CLP' },
  { iso: 'CZ', names: ['czech republic', 'czechia'], currency: 'CZK' },
  { iso: 'CO', names: ['colombia'], currency: 'COP' },
  { iso: 'EG', names: ['egypt'], currency: 'EGP' },
  ...[
    ['FR', 'france'],
    ['DE', 'germany'],
    ['NL', 'netherlands'],
    ['ES', 'spain'],
    ['IT', 'italy'],
    ['FI', 'finland'],
    ['BE', 'belgium'],
    ['AT', 'austria'],
    ['IE', 'ireland'],
    ['GR', 'greece'],
    ['PT', 'portugal'],
    ['LU', 'luxembourg'],
  ].map(([iso, name]) => ({ iso: iso!, names: [name!], currency: 'EUR' })),
];

const BY_ISO = new Map(COUNTRIES.map((c) => [c.iso, c.currency]));
const BY_NAME = new Map(COUNTRIES.flatMap((c) => c.names.map((n) => [n, c.currency] as const)));

/** Share of the value by the home currency of what it finally owns, after look-through. */
export interface HomeCurrencyExposure {
  /** Currency → share of the value; cash counts in its own currency. */
  byIssuerHome: Record<string, number>;
  /** Fund weight not resolved to named issuers, and issuers whose home we cannot tell. */
  unattributed: number;
}

/**
 * Where the money finally sits, by the currency of each issuer's home country: our instruments
 * table's country, else the country iShares names for a constituent ("[Taiwan; …]"), else the
 * currency of the exchange the issuer is named on (NVDA → USD, 0700.HK → HKD). A Milan-listed
 * S&P 500 fund is EUR by listing and USD by issuer: the second says what a currency move does.
 */
export function homeCurrencyExposure(
  look: LookThrough,
  cash: readonly { currency: string; weight: number }[],
  funds: Iterable<FundHoldings>,
  resolver: Pick<IssuerResolver, 'ofConstituent' | 'listingsOf'>,
): HomeCurrencyExposure {
  const located = constituentHomes(funds, resolver);
  const out = new Map<string, number>();
  const add = (currency: string, w: number) => out.set(currency, (out.get(currency) ?? 0) + w);
  let unattributed = look.unresolved.reduce((s, u) => s + u.weight, 0);
  for (const e of look.issuers) {
    const country = resolver.listingsOf(e.issuer).find((l) => l.country !== undefined)?.country;
    const home = (country && BY_ISO.get(country)) ?? located.get(e.issuer) ?? currencyOfYahooSymbol(e.issuer);
    if (home === undefined) unattributed += e.weight;
    else add(home, e.weight);
  }
  for (const c of cash) add(c.currency, c.weight);
  return { byIssuerHome: Object.fromEntries([...out].sort((a, b) => b[1] - a[1])), unattributed };
}

/** A list's homes, read once per list object (the service keeps fund lists between analyses). */
const homesOfList = new WeakMap<FundHoldings, ReadonlyMap<string, string>>();

/** Issuer → home currency, from the "[Location; Exchange]" suffix of constituent names. */
function constituentHomes(
  funds: Iterable<FundHoldings>,
  resolver: Pick<IssuerResolver, 'ofConstituent'>,
): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of funds) {
    let homes = homesOfList.get(f);
    if (homes === undefined) {
      homes = listHomes(f, resolver);
      homesOfList.set(f, homes);
    }
    for (const [issuer, currency] of homes) out.set(issuer, currency);
  }
  return out;
}

function listHomes(list: FundHoldings, resolver: Pick<IssuerResolver, 'ofConstituent'>): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of list.constituents) {
    const location = locationInName(c.name);
    const currency = location === null ? undefined : BY_NAME.get(location.toLowerCase());
    if (currency !== undefined) out.set(resolver.ofConstituent(c), currency);
  }
  return out;
}
