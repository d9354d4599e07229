import { cashOutcome, classifyGeneric, findHeaderTable, hasAll } from './common';
import type { HoldingsAdapter } from './types';

/**
 * Fidelity "Portfolio Positions" download: `Account Number,Account Name,Symbol,Description,Quantity,
 * Last Price,…,Current Value,…,Percent Of Account,Cost Basis Total,Average Cost Basis,Type`, UTF-8
 * with BOM, `$` amounts, disclaimer lines at the end. Core money-market funds (`SPAXX**`) and
 * "Pending Activity" are cash in USD.
 */
export const fidelityAdapter: HoldingsAdapter = {
  id: 'fidelity',
  label: 'Fidelity positions download',
  findTable: (records) =>
    findHeaderTable(
      records,
      (h, map) => map.symbol !== undefined && hasAll(h, ['account number', 'last price', 'current value']),
    ),
  classify(cell, record) {
    const symbol = cell('symbol');
    if (symbol.endsWith('**') || /^pending activity$/i.test(symbol)) {
      return cashOutcome((f) => (f === 'quantity' ? '' : cell(f)), 'USD', cell('name') || symbol);
    }
    return classifyGeneric(cell, record);
  },
};
