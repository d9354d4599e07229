import { AppError } from '../errors';
import type { HoldingsImport } from '../holdings';
import { message } from '../i18n';
import type { MarketInputs } from '../market/gather';
import type { Warning } from '../valuation/value';

/** Nothing usable, or (strict) anything rejected: the analysis stops at the first problem's place. */
export function requireUsable(imported: HoldingsImport, strict: boolean): void {
  const first = imported.problems[0];
  if (imported.holdings.length > 0 && (!strict || first === undefined)) return;
  if (first === undefined)
    throw new AppError('unprocessable', 'no_usable_positions', {
      params: { reason: { code: 'positions.none', params: {} } },
      location: { file: imported.fileName },
    });
  const more = imported.problems.length - 1;
  const reason = more > 0 ? { code: 'positions.first_problem', params: { reason: first, more } } : first;
  throw new AppError('unprocessable', imported.holdings.length === 0 ? 'no_usable_positions' : 'invalid_value', {
    params: { reason },
    location: { file: imported.fileName, row: first.row, column: first.column, value: first.value },
    details: { problems: imported.problems },
  });
}

/** What the reader should know before any figure: demo data, rows left out, prices from the cache. */
export function inputWarnings(imported: HoldingsImport, market: MarketInputs): Warning[] {
  const warnings: Warning[] = [];
  if (market.info.kind === 'demo') warnings.push(message('warn.demo_data'));
  if (imported.problems.length > 0)
    warnings.push(message('warn.rows_rejected', { count: imported.problems.length, file: imported.fileName }));
  return warnings;
}
