import type { Shape } from '../charts/svg';
import type { Block, Figure, ReportView } from '../view';

/**
 * The PDF's standard fonts have the Windows-1252 characters only. pdfkit measures any other as
 * zero wide and draws a blank box, so a line holding one is laid out too short and can run past
 * the margin. Text is mapped onto that set before it is laid out: a few signs by their usual
 * stand-in, letters by their unaccented form, anything else (a name in another script) as "?".
 */
const EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const STAND_IN: Record<string, string> = {
  '−': '-',
  '→': '->',
  '←': '<-',
  '≥': '>=',
  '≤': '<=',
  '≈': '~',
  '\u2009': ' ',
  '\u202f': ' ',
};

function char(ch: string): string {
  const code = ch.codePointAt(0)!;
  if ((code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || EXTRA.has(ch)) return ch;
  if (ch === '\n') return ch;
  const standIn = STAND_IN[ch];
  if (standIn !== undefined) return standIn;
  const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return base !== '' && [...base].every((c) => c.codePointAt(0)! < 0x7f) ? base : '?';
}

function winAnsi(text: string): string {
  // Most of a report is plain ASCII: left as it is without looking at each character.
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  let out = '';
  for (const ch of text) out += char(ch);
  return out;
}

function shape(s: Shape): Shape {
  return s.kind === 'text' ? { ...s, text: winAnsi(s.text) } : s;
}

function figure(f: Figure): Figure {
  const drawing = { ...f.drawing, shapes: f.drawing.shapes.map(shape) };
  return { ...f, title: winAnsi(f.title), drawing, note: f.note && winAnsi(f.note) };
}

function block(b: Block): Block {
  switch (b.kind) {
    case 'paragraph':
    case 'heading':
    case 'notice':
      return { ...b, text: winAnsi(b.text) };
    case 'list':
      return { ...b, items: b.items.map(winAnsi) };
    case 'table':
      return { ...b, head: b.head.map(winAnsi), rows: b.rows.map((r) => r.map(winAnsi)) };
    case 'kpis':
      return {
        ...b,
        items: b.items.map((k) => ({
          label: winAnsi(k.label),
          value: winAnsi(k.value),
          note: k.note && winAnsi(k.note),
        })),
      };
    case 'chart':
      return { kind: 'chart', ...figure(b) };
    case 'charts':
      return { kind: 'charts', charts: b.charts.map(figure) };
  }
}

/** The view with every text the PDF will set in Windows-1252. */
export function winAnsiView(view: ReportView): ReportView {
  return {
    ...view,
    title: winAnsi(view.title),
    subtitle: winAnsi(view.subtitle),
    notices: view.notices.map(winAnsi),
    footer: winAnsi(view.footer),
    pageLabel: (n, total) => winAnsi(view.pageLabel(n, total)),
    sections: view.sections.map((s) => ({ ...s, title: winAnsi(s.title), blocks: s.blocks.map(block) })),
  };
}
