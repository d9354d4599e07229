import type { Reader } from '../../i18n';
import { type Bar, type Drawing, PALETTE } from '../charts/svg';
import type { AnalysisReport } from '../schema';
import type { Figure } from '../view';

export type Report = AnalysisReport;
export type Holding = AnalysisReport['holdings'][number];

/** A holding as the reader names it: cash in their language, a security by its symbol. */
export function holdingLabel(h: Holding, f: Reader): string {
  return h.kind === 'cash' ? f.t('ui.cash', { currency: h.currency }) : h.symbol;
}

/** A symbol as the reader names it: cash positions are CASH, CASH-EUR… in the report. */
export function symbolLabel(r: Report, symbol: string, f: Reader): string {
  const h = r.holdings.find((x) => x.symbol === symbol);
  return h === undefined ? symbol : holdingLabel(h, f);
}

/** "QQQ", or "direct (ASML.AS)" when the issuer is held through another listing than its own id. */
export function pathLabel(p: { via: string; listing?: string }, issuer: string, f: Reader): string {
  if (p.via !== 'direct') return p.via;
  return p.listing === undefined || p.listing === issuer ? f.t('ui.direct') : `${f.t('ui.direct')} (${p.listing})`;
}

/** A constituents date as the reader writes dates; free text that is not a date is "undated", never shown raw. */
export function fundDate(asOf: string | null, f: Reader): string {
  return asOf !== null && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? f.date(asOf) : f.t('ui.undated');
}

/** An age in the unit a reader thinks in: days under two months, months under two years, else years. */
export function ageText(days: number, f: Reader): string {
  if (days < 60) return f.t('ui.ageDays', { n: days });
  if (days < 730) return f.t('ui.ageMonths', { n: Math.round(days / 30.44) });
  return f.t('ui.ageYears', { n: Math.floor(days / 365.25) });
}

/**
 * Bars of who gains or loses what, in % of the portfolio: the `count` largest by size in the
 * order of their effect, and the rest together as one bar, so the bars add up to the total.
 */
export function contributionBars(
  items: readonly { label: string; value: number }[],
  count: number,
  othersLabel: (n: number) => string,
): Bar[] {
  const ranked = [...items].sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
  const shown = ranked.slice(0, count).sort((a, b) => a.value - b.value);
  const rest = ranked.slice(count);
  const bars: Bar[] = shown.map((x) => ({ ...x, color: x.value < 0 ? PALETTE.negative : PALETTE.positive }));
  if (rest.length > 0) {
    const value = rest.reduce((a, x) => a + x.value, 0);
    bars.push({ label: othersLabel(rest.length), value, color: PALETTE.muted });
  }
  return bars;
}

/** "SMH — VanEck Semiconductor ETF" for a table's first column: the symbol, then the name when the file gave one. */
export function holdingName(h: Holding, f: Reader): string {
  if (h.kind === 'cash') return holdingLabel(h, f);
  return h.name ? `${h.symbol} — ${h.name}` : h.symbol;
}

/** A chart as the view carries it, with its note when it has one. */
export function figure(title: string, drawing: Drawing, note?: string): Figure {
  return note === undefined ? { title, drawing } : { title, drawing, note };
}
