import type { HoldingsImport, Position } from '../../holdings';
import { isMessageCode, type Lang, type MessageCode, type Reader, reader } from '../../i18n';
import { escapeXml as escapeHtml } from '../../report/charts/svg';

/** A table as the report's HTML writes one, so the page's and the report's tables look alike. */
function table(head: string[], rows: string[][], numeric: boolean[]): string {
  const cls = (i: number) => (numeric[i] ? ' class="num"' : '');
  const th = head.map((h, i) => `<th${cls(i)}>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${c}</td>`).join('')}</tr>`).join('');
  return `<div class="table"><table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** The size as the file gave it, in the columns quantity, value and weight (already escaped). */
function sizes(p: Position, f: Reader): [string, string, string] {
  const dash = '–';
  const value =
    p.file.value !== undefined
      ? f.money(p.file.value, p.file.valueCurrency ?? p.file.currency)
      : p.kind === 'security' && p.basis === 'marketValue'
        ? f.money(p.marketValue, p.marketValueCurrency)
        : p.kind === 'cash' && 'amount' in p.size
          ? f.money(p.size.amount, p.currency)
          : dash;
  const quantity =
    p.kind === 'security' && p.basis === 'quantity' ? f.num(p.quantity, p.quantity % 1 === 0 ? 0 : 4) : dash;
  const weight =
    p.kind === 'security' && p.basis === 'weight'
      ? f.pct(p.weight)
      : p.kind === 'cash' && 'weight' in p.size
        ? f.pct(p.size.weight)
        : dash;
  return [escapeHtml(quantity), escapeHtml(value), escapeHtml(weight)];
}

function holdingCell(p: Position, f: Reader): string {
  const symbol = p.kind === 'cash' ? f.t('page.cash', { currency: p.currency }) : p.symbol;
  const name = p.name !== undefined && p.kind !== 'cash' ? `<br><small>${escapeHtml(p.name)}</small>` : '';
  return `<strong>${escapeHtml(symbol)}</strong>${name}`;
}

/** Every position with its size as the file gave it: a size column the file never fills is left out. */
function positionsTable(holdings: readonly Position[], f: Reader): string {
  const size = holdings.map((p) => sizes(p, f));
  const used = [0, 1, 2].filter((i) => size.some((s) => s[i] !== '–'));
  const heads = [f.t('page.quantity'), f.t('page.value'), f.t('page.weight')];
  return table(
    [f.t('page.holding'), ...used.map((i) => heads[i]!), f.t('page.rows')],
    holdings.map((p, k) => [holdingCell(p, f), ...used.map((i) => size[k]![i]!), escapeHtml(p.rows.join(', '))]),
    [false, ...used.map(() => true), true],
  );
}

/**
 * The file as read, for the upload page, in the reader's language: what the format was taken to
 * be and how many rows became positions, every position with its size as written, and every row
 * left out with its reason. Everything from the file is escaped.
 */
export function previewHtml(imported: HoldingsImport, lang: Lang): string {
  const f = reader(lang);
  const c = imported.counts;
  const formatCode = `page.format_${imported.format.id}`;
  const format = isMessageCode(formatCode) ? f.t(formatCode as MessageCode) : imported.format.label;
  const notes = [
    c.merged > 0 ? f.t('page.previewMerged', { merged: c.merged }) : '',
    c.rejected > 0 ? f.t('page.previewRejected', { rejected: c.rejected }) : '',
    c.skipped > 0 ? f.t('page.previewSkipped', { skipped: c.skipped }) : '',
  ].filter((x) => x !== '');
  const positions = positionsTable(imported.holdings, f);
  const problems =
    imported.problems.length === 0
      ? ''
      : `<h3>${escapeHtml(f.t('page.problems'))}</h3>${table(
          [f.t('page.row'), f.t('page.column'), f.t('page.cell'), f.t('page.problem')],
          imported.problems.map((p) => [String(p.row), escapeHtml(p.column), escapeHtml(p.value), escapeHtml(f.m(p))]),
          [true, false, false, false],
        )}`;
  const heading = f.t('page.previewHeading', { format, read: c.read, accepted: c.accepted });
  const paragraphs = notes.map((n) => `<p>${escapeHtml(n)}</p>`).join('');
  return `<h2>${escapeHtml(heading)}</h2>${paragraphs}${positions}${problems}`;
}
