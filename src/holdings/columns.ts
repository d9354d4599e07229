/** The fields a holdings row can carry, whatever the file calls its columns. */
export type Field =
  | 'symbol'
  | 'isin'
  | 'name'
  | 'quantity'
  | 'price'
  | 'marketValue'
  | 'weight'
  | 'currency'
  | 'account'
  | 'costBasis'
  | 'assetType';

/** Column index of each field present in a header. */
export type ColumnMap = Partial<Record<Field, number>>;

/** Lower case, accents and bracketed notes removed, separators folded: "Quantità" → "quantita", "Price ($)" → "price". */
export function normaliseHeader(cell: string): string {
  return cell
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\(.*?\)/g, ' ')
    .replace(/[_\s]+/g, ' ')
    .trim();
}

/** Header aliases in English and Italian, already normalised. First field that claims a column wins. */
export const GENERIC_ALIASES: Record<Field, readonly string[]> = {
  symbol: ['symbol', 'ticker', 'simbolo', 'code', 'codice', 'symbol/isin', 'simbolo/isin', 'instrument symbol'],
  isin: ['isin', 'codice isin', 'isin code'],
  name: [
    'name',
    'description',
    'prodotto',
    'product',
    'descrizione',
    'nome',
    'instrument',
    'security description',
    'investment name',
    'titolo',
    'security name',
  ],
  quantity: [
    'quantity',
    'qty',
    'shares',
    'units',
    'quantita',
    'qta',
    'q.ta',
    'no. of shares',
    'number of shares',
    'position',
    'pezzi',
    'numero',
  ],
  price: [
    'price',
    'close',
    'chiusura',
    'last price',
    'closing',
    'closing price',
    'close price',
    'mark price',
    'markprice',
    'share price',
    'prezzo',
    'current price',
    'prezzo di mercato',
  ],
  marketValue: [
    'market value',
    'value',
    'valore',
    'valore di mercato',
    'current value',
    'mkt val',
    'position value',
    'positionvalue',
    'total value',
    'controvalore',
    'market val',
  ],
  weight: ['weight', '%', 'peso', 'allocation', 'weight %', '% weight', 'percentuale', 'allocazione'],
  currency: ['currency', 'ccy', 'valuta', 'currencyprimary', 'divisa', 'currency primary'],
  account: ['account', 'conto', 'account number', 'clientaccountid', 'account id', 'numero conto'],
  costBasis: [
    'cost basis',
    'average price',
    'prezzo medio',
    'avg price',
    'average cost',
    'cost basis per share',
    'average cost basis',
    'costbasisprice',
    'prezzo di carico',
    'pmc',
    'cost price',
  ],
  assetType: ['type', 'security type', 'asset class', 'assetclass', 'asset category', 'tipo'],
};

export function mapColumns(
  header: readonly string[],
  aliases: Record<Field, readonly string[]> = GENERIC_ALIASES,
): ColumnMap {
  const normalised = header.map(normaliseHeader);
  const map: ColumnMap = {};
  const taken = new Set<number>();
  for (const field of Object.keys(aliases) as Field[]) {
    for (const alias of aliases[field]) {
      const i = normalised.findIndex((h, k) => h === alias && !taken.has(k));
      if (i >= 0) {
        map[field] = i;
        taken.add(i);
        break;
      }
    }
  }
  return map;
}

/** A header names where positions are: a symbol or ISIN, and a quantity, value or weight. */
export function isUsableHeader(map: ColumnMap): boolean {
  return (
    (map.symbol !== undefined || map.isin !== undefined) &&
    (map.quantity !== undefined || map.marketValue !== undefined || map.weight !== undefined)
  );
}
