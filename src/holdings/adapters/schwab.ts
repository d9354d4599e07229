import { cashOutcome, classifyGeneric, findHeaderTable, isTextLine } from './common';
import type { HoldingsAdapter } from './types';

/**
 * Charles Schwab positions export: a title line `Positions for account … as of …`, then
 * `"Symbol","Description","Qty (Quantity)"|"Quantity","Price",…,"Mkt Val (Market Value)"|"Market Value",
 * …,"Security Type"`, every cell quoted, `$` amounts, `--` for empty. `Cash & Cash Investments` is
 * cash; `Account Total` is a totals row. "All accounts" files repeat an account banner and the
 * header per account: the banner names the account of the rows below it.
 */
export const schwabAdapter: HoldingsAdapter = {
  id: 'schwab',
  label: 'Charles Schwab positions export',
  findTable(records) {
    const titled = records.slice(0, 5).some((r) => /^positions for /i.test(r.fields[0]?.trim() ?? ''));
    return findHeaderTable(
      records,
      (h, map) =>
        map.symbol !== undefined &&
        h.includes('description') &&
        (h.includes('security type') || (titled && (h.includes('qty') || h.includes('quantity')))),
    );
  },
  classify(cell, record, table) {
    const symbol = cell('symbol');
    if (record.fields.every((f, i) => f.trim() === (table.header.fields[i] ?? '').trim()))
      return { kind: 'skip', code: 'skip.repeated_header' };
    const banner = isTextLine(record);
    if (banner !== null) {
      currentAccount.set(table, banner);
      return { kind: 'skip', code: 'skip.account_banner', params: { banner } };
    }
    const account = currentAccount.get(table);
    const withAccount = (f: Parameters<typeof cell>[0]) =>
      f === 'account' && account !== undefined ? account : cell(f);
    if (/^cash & cash investments$/i.test(symbol))
      return cashOutcome((f) => (f === 'quantity' ? '' : withAccount(f)), 'USD', symbol);
    return classifyGeneric(withAccount, record);
  },
};

/** The account banner seen last, per table being read. */
const currentAccount = new WeakMap<object, string>();
