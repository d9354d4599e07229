import { message, type Message } from '../i18n';
import type { AssetClass } from '../market/types';

/**
 * Italian tax on realised gains (regime amministrato, as an Italian broker applies it): 26 % on
 * capital gains and fund income (D.L. 66/2014, art. 3); 12.5 % on the part that comes from
 * government bonds of Italy and the white-list states (D.P.R. 601/1973; DM 4 settembre 1996), which
 * for a fund applies in proportion to the government bonds it holds (the income is taxed on 48.08 %
 * of that part: 26 % × 48.08 % = 12.5 %).
 */
const ITALIAN_TAX = {
  capitalGain: 0.26,
  governmentBonds: 0.125,
  /**
   * Share of government bonds of the funds in data/funds.csv that hold nothing else: their
   * indices are U.S. Treasuries only (ICE U.S. Treasury 20+, 7-10 and 1-3 Year). Other bond funds
   * mix corporate bonds in, in shares their reports give half-yearly and we do not have.
   */
  governmentBondShare: { TLT: 1, IEF: 1, SHY: 1 } as Readonly<Record<string, number>>,
} as const;

export type TaxRegime = 'it' | 'none';

/** What the what-if knows about a sale for its tax. */
export interface Sale {
  symbol: string;
  quantity: number;
  /** Price and average cost per unit in the listing's currency; base value of one unit of it. */
  price: number;
  costBasis?: number;
  fxRate: number;
  assetClass?: AssetClass;
  currency: string;
}

export interface TaxEstimate {
  /** In the base currency; null when it cannot be estimated (no cost in the file). */
  amount: number | null;
  /** Which rule was applied, with its figures. */
  rule: Message;
}

/** The tax a sale would realise on (price − average cost) × quantity, and the rule applied. */
export function taxOnSale(sale: Sale, regime: TaxRegime, base: string): TaxEstimate {
  if (regime === 'none') return { amount: null, rule: message('tax.none') };
  if (sale.costBasis === undefined) return { amount: null, rule: message('tax.no_cost_basis') };
  const gain = sale.quantity * (sale.price - sale.costBasis) * sale.fxRate;
  const currency = base;
  if (gain <= 0) return { amount: 0, rule: message('tax.loss', { loss: -gain, currency }) };
  const share = ITALIAN_TAX.governmentBondShare[sale.symbol];
  // A foreign listing's gain is at today's rate: the file gives its cost in that currency, not the rate paid.
  const note = { code: sale.currency === base ? 'tax.same_currency' : 'tax.todays_rate', params: {} };
  if (share !== undefined) {
    const rate = ITALIAN_TAX.capitalGain - (ITALIAN_TAX.capitalGain - ITALIAN_TAX.governmentBonds) * share;
    return { amount: gain * rate, rule: message('tax.government_bonds', { rate, share, gain, currency, note }) };
  }
  const rule = sale.assetClass === 'bond' ? 'tax.bond_fund' : 'tax.capital_gain';
  const rate = ITALIAN_TAX.capitalGain;
  return { amount: gain * rate, rule: message(rule, { rate, gain, currency, note }) };
}
