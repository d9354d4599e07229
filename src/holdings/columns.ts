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

/**
 * Lower case, accents and bracketed notes removed, separators folded: "Quantità" → "quantita",
 * "Price ($)" → "price". One pass over the cell: a header cell of any length costs its length.
 */
export function normaliseHeader(cell: string): string {
  return withoutBracketedNotes(cell.toLowerCase().normalize('NFD'))
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[_\s]+/g, ' ')
    .trim();
}

/**
 * "Qty (Quantity)" → "Qty  ". Written as a scan, not as `/\(.*?\)/g`: that regex restarts at every
 * "(" of a cell with no ")", which made a long line of brackets quadratic.
 */
function withoutBracketedNotes(text: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf('(', from);
    if (open < 0) break;
    const close = text.indexOf(')', open + 1);
    if (close < 0) break; // no ")" anywhere after: nothing else can close either
    out += `${text.slice(from, open)} `;
    from = close + 1;
  }
  return out + text.slice(from);
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

/**
 * Which column holds each field. Each header cell is normalised once and looked up by name, so a
 * header costs its length, not its length times the number of aliases.
 */
export function mapColumns(
  header: readonly string[],
  aliases: Record<Field, readonly string[]> = GENERIC_ALIASES,
): ColumnMap {
  return mapNormalisedColumns(header.map(normaliseHeader), aliases);
}

/** `mapColumns` of a header already normalised (a file is tried by every broker's layout in turn). */
export function mapNormalisedColumns(
  normalised: readonly string[],
  aliases: Record<Field, readonly string[]> = GENERIC_ALIASES,
): ColumnMap {
  // Most rows tried as a header are data ("AAPL", "10"): one look at the table's names turns them away.
  const names = aliasNames(aliases);
  if (!normalised.some((name) => names.has(name))) return {};
  const columnsByName = new Map<string, number[]>();
  normalised.forEach((name, i) => {
    const same = columnsByName.get(name);
    if (same === undefined) columnsByName.set(name, [i]);
    else same.push(i);
  });
  const map: ColumnMap = {};
  const taken = new Set<number>();
  for (const field of Object.keys(aliases) as Field[]) {
    for (const alias of aliases[field]) {
      const free = columnsByName.get(alias)?.find((i) => !taken.has(i));
      if (free === undefined) continue;
      map[field] = free;
      taken.add(free);
      break;
    }
  }
  return map;
}

const namesByTable = new WeakMap<Record<Field, readonly string[]>, ReadonlySet<string>>();

/** Every name in an alias table, as a set made once per table. */
function aliasNames(aliases: Record<Field, readonly string[]>): ReadonlySet<string> {
  let names = namesByTable.get(aliases);
  if (names === undefined) namesByTable.set(aliases, (names = new Set(Object.values(aliases).flat())));
  return names;
}

/** A header names where positions are: a symbol or ISIN, and a quantity, value or weight. */
export function isUsableHeader(map: ColumnMap): boolean {
  return (
    (map.symbol !== undefined || map.isin !== undefined) &&
    (map.quantity !== undefined || map.marketValue !== undefined || map.weight !== undefined)
  );
}
