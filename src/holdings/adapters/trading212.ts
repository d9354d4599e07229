import { findHeaderTable, hasAll } from './common';
import type { HoldingsAdapter } from './types';

const BUY = /^(market|limit|stop|stop limit) buy$/i;
const SELL = /^(market|limit|stop|stop limit) sell$/i;

/**
 * Trading 212 history export (`Action,Time,ISIN,Ticker,Name,No. of shares,Price / share,
 * Currency (Price / share),…`): it lists trades, not positions, so buys and sells are netted per
 * instrument; deposits, dividends, interest and conversions are skipped with their action named,
 * and fully sold instruments are reported as closed. Columns come and go with the period exported,
 * so they are found by name.
 */
export const trading212Adapter: HoldingsAdapter = {
  id: 'trading212',
  label: 'Trading 212 history export',
  netsTrades: true,
  prefersIsin: true,
  findTable: (records) =>
    findHeaderTable(records, (h, map) => map.symbol !== undefined && hasAll(h, ['action', 'no. of shares'])),
  classify(cell, record, table) {
    const actionAt = table.header.fields.findIndex((h) => h.trim().toLowerCase() === 'action');
    const action = (record.fields[actionAt] ?? '').trim();
    const sign = BUY.test(action) ? '' : SELL.test(action) ? '-' : null;
    if (sign === null) return { kind: 'skip', code: 'skip.not_a_trade', params: { action } };
    const shares = cell('quantity');
    return {
      kind: 'position',
      fields: {
        symbol: cell('symbol'),
        ...(cell('isin') !== '' && { isin: cell('isin') }),
        ...(cell('name') !== '' && { name: cell('name') }),
        quantity: sign + shares.replace(/^[+-]/, ''),
        ...(cell('currency') !== '' && { currency: cell('currency') }),
      },
    };
  },
};
