import type { Field } from '../columns';
import { classifyGeneric, findHeaderTable, hasAll } from './common';
import type { HoldingsAdapter, RowField } from './types';

/**
 * Fineco "Portafoglio di sintesi", confirmed from a public real export: `;`, decimal comma, a title
 * line `Portafoglio di sintesi;;;…` and an empty line above the header
 * `Titolo;ISIN;Simbolo;Mercato;Strumento;Valuta;Quantità;P.zo medio di carico;Cambio di carico;
 * Valore di carico`. The xls download has seven more columns (`P.zo di mercato;Cambio di mercato;
 * Valore di mercato €;Var%;Var €;Var in valuta;Rateo`) and a `Totale` row; we read it once saved as
 * CSV (the .xls itself is refused with that advice). `Simbolo` is `-` for funds: the ISIN identifies
 * them. Prices are in the instrument's currency (`Valuta`); `Valore di mercato €` is in euros and,
 * when a row has it, sizes the position (no exchange rate needed), else the quantity does.
 */
const FINECO_ALIASES: Record<Field, readonly string[]> = {
  symbol: ['simbolo'],
  isin: ['isin'],
  name: ['titolo'],
  quantity: ['quantita'],
  price: ['p.zo di mercato'],
  marketValue: ['valore di mercato €', 'valore di mercato eur', 'valore di mercato'],
  weight: [],
  currency: ['valuta'],
  account: [],
  costBasis: ['p.zo medio di carico'],
  assetType: ['strumento'],
};

/** Bonds are quoted in % of a nominal quantity: not valued as shares, so reported rather than guessed. */
const BONDS = /^(obbligazion|titoli di stato)/i;

export const finecoAdapter: HoldingsAdapter = {
  id: 'fineco',
  label: 'Fineco portafoglio di sintesi',
  prefersIsin: true,
  findTable: (records) =>
    findHeaderTable(
      records,
      (h) => hasAll(h, ['titolo', 'isin', 'simbolo', 'strumento', 'quantita', 'p.zo medio di carico']),
      FINECO_ALIASES,
    ),
  classify(cell, record) {
    const type = cell('assetType');
    if (BONDS.test(type))
      return { kind: 'problem', field: 'assetType', value: type, code: 'problem.asset_type', params: { type } };
    const byValue = cell('marketValue') !== '';
    const read = (field: RowField): string => {
      if (field === 'symbol') return cell('symbol') === '-' ? '' : cell('symbol');
      if (field === 'quantity') return byValue ? '' : cell('quantity');
      if (field === 'marketValueCurrency') return byValue ? 'EUR' : '';
      return cell(field);
    };
    return classifyGeneric(read, record);
  },
};
