import { normaliseHeader, type Field } from '../columns';
import { findHeaderTable, hasAll } from './common';
import type { HoldingsAdapter } from './types';

/**
 * Directa "Movimenti" export (confirmed from a public anonymised file, dickwolff/Export-To-Ghostfolio
 * samples/directa-export.csv): nine preamble lines (`Conto : …`, `Data estrazione : …`, the period),
 * then `Data operazione,Data valuta,Tipo operazione,Ticker,Isin,Protocollo,Descrizione,Quantità,
 * Importo euro,Importo Divisa,Divisa,Riferimento ordine`. It lists movements, not positions (Directa's
 * positions export could not be confirmed), so `Acquisto` and `Vendita` are netted per instrument and
 * every other movement (dividends, coupons, transfers, taxes) is skipped with its name. Tickers are
 * Borsa Italiana codes without an exchange suffix (`SWDA`), so the ISIN alone identifies a row.
 */
const DIRECTA_ALIASES: Record<Field, readonly string[]> = {
  symbol: ['ticker'],
  isin: ['isin'],
  name: ['descrizione'],
  quantity: ['quantita'],
  price: [],
  marketValue: [],
  weight: [],
  currency: ['divisa'],
  account: [],
  costBasis: [],
  assetType: [],
};

export const directaMovementsAdapter: HoldingsAdapter = {
  id: 'directa-movimenti',
  label: 'Directa movimenti export',
  netsTrades: true,
  prefersIsin: true,
  findTable: (records) =>
    findHeaderTable(
      records,
      (h) => hasAll(h, ['data operazione', 'tipo operazione', 'ticker', 'isin', 'quantita', 'importo euro']),
      DIRECTA_ALIASES,
    ),
  classify(cell, record, table) {
    const actionAt = table.header.fields.findIndex((h) => normaliseHeader(h) === 'tipo operazione');
    const action = (record.fields[actionAt] ?? '').trim();
    const sign = /^acquisto$/i.test(action) ? '' : /^vendita$/i.test(action) ? '-' : null;
    if (sign === null) return { kind: 'skip', code: 'skip.not_a_trade', params: { action } };
    const isin = cell('isin');
    return {
      kind: 'position',
      fields: {
        ...(isin !== '' ? { isin } : { symbol: cell('symbol') }),
        ...(cell('name') !== '' && { name: cell('name') }),
        quantity: sign + cell('quantity').replace(/^[+-]/, ''),
        ...(cell('currency') !== '' && { currency: cell('currency') }),
      },
    };
  },
};
