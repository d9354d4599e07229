import { normaliseHeader, type Field } from '../columns';
import { cashOutcome, classifyGeneric, findHeaderTable, hasAll } from './common';
import type { HoldingsAdapter, RowField } from './types';

/**
 * Degiro "Portfolio" export, Italian or English:
 * `Prodotto,Simbolo/ISIN,Quantità,Chiusura,Valore locale,,Valore in EUR` /
 * `Product,Symbol/ISIN,Quantity,Closing,Local value,,Value in EUR`.
 * "Local value" is two cells — currency, then amount (older exports put both in one cell:
 * `USD 901,25`). The "Symbol/ISIN" cell holds an ISIN for most products. Cash lines read
 * `CASH & CASH FUND & FTX CASH (EUR)` with no ISIN.
 */
const DEGIRO_ALIASES: Record<Field, readonly string[]> = {
  symbol: ['simbolo/isin', 'symbol/isin'],
  isin: [],
  name: ['prodotto', 'product'],
  quantity: ['quantita', 'quantity', 'amount', 'aantal'],
  price: ['chiusura', 'closing', 'slotkoers'],
  marketValue: ['valore in eur', 'value in eur', 'waarde in eur'],
  weight: [],
  currency: ['valore locale', 'local value', 'lokale waarde'],
  account: [],
  costBasis: [],
  assetType: [],
};

export const degiroAdapter: HoldingsAdapter = {
  id: 'degiro',
  label: 'Degiro portfolio export',
  findTable: (records) =>
    findHeaderTable(
      records,
      (h) =>
        (h.includes('prodotto') || h.includes('product')) &&
        (h.includes('simbolo/isin') || h.includes('symbol/isin')) &&
        (hasAll(h, ['valore in eur']) ||
          hasAll(h, ['value in eur']) ||
          h.includes('valore locale') ||
          h.includes('local value')),
      DEGIRO_ALIASES,
    ),
  classify(cell, record, table) {
    // "Local value": currency cell followed by an unnamed amount cell, or "USD 901,25" in one cell.
    const localAt = table.columns.currency;
    let currency = cell('currency').toUpperCase();
    if (localAt !== undefined && normaliseHeader(table.header.fields[localAt + 1] ?? 'x') === '') {
      currency = (record.fields[localAt] ?? '').trim().toUpperCase();
    } else {
      currency = /^([A-Z]{3})\b/.exec(currency)?.[1] ?? '';
    }
    // "Value in EUR" is in the account currency, not the product's.
    const valueCurrency =
      /\b([a-z]{3})$/
        .exec(normaliseHeader(table.header.fields[table.columns.marketValue ?? -1] ?? ''))?.[1]
        ?.toUpperCase() ?? '';
    const wrapped = (field: RowField) =>
      field === 'currency'
        ? currency
        : field === 'marketValueCurrency'
          ? valueCurrency
          : field === 'isin'
            ? ''
            : cell(field);
    const name = cell('name');
    if (cell('symbol') === '' && /\bCASH\b|LIQUIDIT/i.test(name)) {
      // Cash lines carry their amount in the local-value cell and its EUR value in "Value in EUR".
      const amount = localAt !== undefined ? (record.fields[localAt + 1] ?? '').trim() : '';
      return {
        ...cashOutcome(wrapped, currency || /\(([A-Z]{3})\)/.exec(name)?.[1], name),
        amountText: amount || cell('marketValue'),
      };
    }
    return classifyGeneric(wrapped, record);
  },
};
