import type { Block } from '../view';
import { figureHeight, style, textHeight } from './blocks';
import { COLOURS, type Flow } from './flow';
import { tableStart } from './table';

/** Height of a block's first line of content (a heading with the start of what follows is the caller's). */
function firstHeight(flow: Flow, b: Exclude<Block, { kind: 'heading' }>): number {
  const doc = flow.doc;
  switch (b.kind) {
    case 'table':
      return tableStart(flow, b);
    case 'chart':
      return figureHeight(flow, [b]);
    case 'charts':
      return figureHeight(flow, b.charts);
    case 'kpis':
      return 80;
    case 'list':
      return textHeight(style(doc, 'Helvetica', 9.5, COLOURS.ink), b.items[0] ?? '', flow.width - 12) + 4;
    default:
      return textHeight(style(doc, 'Helvetica', 10.5, COLOURS.ink), b.text, flow.width) + 6;
  }
}

function headingHeight(flow: Flow, text: string): number {
  return textHeight(style(flow.doc, 'Helvetica-Bold', 10.5, COLOURS.muted), text, flow.width) + 12;
}

/** Height of a whole block, as near as it matters for keeping a short group together. */
function fullHeight(flow: Flow, b: Block): number {
  if (b.kind === 'heading') return headingHeight(flow, b.text);
  if (b.kind !== 'list') return firstHeight(flow, b);
  const doc = style(flow.doc, 'Helvetica', 9.5, COLOURS.ink);
  return b.items.reduce((h, item) => h + textHeight(doc, item, flow.width - 12) + 3, 4);
}

/**
 * The height the blocks from `i` need on the current page to start well: a heading with the
 * start of what follows it, or with all that follows in its section when it asks to keep them
 * together and they are short (a third of a page at most, so the page they leave stays two-thirds
 * full); a table's header with its first rows; a chart whole.
 */
export function startHeight(flow: Flow, blocks: readonly Block[], i: number): number {
  const b = blocks[i];
  if (b === undefined) return 0;
  if (b.kind !== 'heading') return firstHeight(flow, b);
  if (b.keepRest) {
    const rest = blocks.slice(i).reduce((h, x) => h + fullHeight(flow, x), 0);
    if (rest <= flow.usable / 3) return rest;
  }
  return headingHeight(flow, b.text) + startHeight(flow, blocks, i + 1);
}
