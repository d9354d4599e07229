/**
 * The PDF's layout, checked on what a reader gets: the words pdftotext finds and the pixels
 * pdftoppm draws. For one, thirteen and sixty holdings with long names, in English and Italian,
 * on A4 and Letter: no word and no drawing crosses the page margins, no page but the last is
 * under a third full, and a table continued on a new page starts with its header row. Each
 * combination is rendered once; its pages are left as PNGs in test/artifacts/report/ to look at.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PaperSize } from '../src/analysis/options';
import { analysePortfolio } from '../src/analyse-portfolio';
import type { Lang } from '../src/i18n';
import { buildView, renderPdf, type AnalysisReport } from '../src/report';
import { PDF_MARGIN } from '../src/report/pdf/render-pdf';
import { winAnsiView } from '../src/report/pdf/win-ansi';
import { freshArtifacts, ROOT } from './helpers/paths';
import { type Image, isWhite, readPng } from './helpers/png';
import { wideHoldingsCsv, wideMarket } from './helpers/wide-portfolio';

const ARTIFACTS = freshArtifacts('report');
const DPI = 50;
/** Room for a word box's rounding and a drawing's anti-aliased edge: half a point, one pixel. */
const BOX_SLACK = 0.5;
const PIXEL_SLACK = 1;

const LONG = 'a long name, as broker exports write it, with its share class and its listing venue';
const PORTFOLIOS: Record<string, () => string> = {
  one: () => `symbol,quantity,name\nNVDA,100,"NVIDIA Corporation, common stock — ${LONG}"\n`,
  thirteen: () =>
    readFileSync(path.join(ROOT, 'data', 'examples', 'portfolio.csv'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line, i) => {
        if (i === 0) return line;
        const [symbol, quantity, name, currency] = line.split(',');
        return `${symbol},${quantity},"${name} — ${LONG}",${currency}`;
      })
      .join('\n'),
  sixty: () => wideHoldingsCsv(60),
};
const COMBOS = Object.keys(PORTFOLIOS).flatMap((name) =>
  (['en', 'it'] as const).flatMap((lang) => (['A4', 'LETTER'] as const).map((paper) => ({ name, lang, paper }))),
);
type Combo = (typeof COMBOS)[number];
const key = (c: Combo) => `${c.name}-${c.lang}-${c.paper}`;

interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}
interface Page {
  width: number;
  height: number;
  words: Word[];
  image: Image;
}
interface Rendered {
  pages: Page[];
  tables: { head: string[]; rows: string[][] }[];
}

const unescapeXml = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);

/** Words with their boxes, page by page, from `pdftotext -bbox`. */
function wordsOf(pdf: string): { width: number; height: number; words: Word[] }[] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  return html
    .split('<page ')
    .slice(1)
    .map((chunk) => {
      const [, width, height] = /width="([\d.]+)" height="([\d.]+)"/.exec(chunk)!;
      const words = [
        ...chunk.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g),
      ].map((m) => ({ xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]!, text: unescapeXml(m[5]!) }));
      return { width: +width!, height: +height!, words };
    });
}

async function render(report: AnalysisReport, c: Combo): Promise<Rendered> {
  const base = path.join(ARTIFACTS, key(c));
  writeFileSync(`${base}.pdf`, await renderPdf(report, c.lang as Lang, c.paper as PaperSize));
  execFileSync('pdftoppm', ['-png', '-r', String(DPI), `${base}.pdf`, base]);
  const images = readdirSync(ARTIFACTS)
    .filter((f) => f.startsWith(`${key(c)}-`) && f.endsWith('.png'))
    .sort();
  const pages = wordsOf(`${base}.pdf`).map((p, i) => ({ ...p, image: readPng(path.join(ARTIFACTS, images[i]!)) }));
  const tables = winAnsiView(buildView(report, c.lang as Lang))
    .sections.flatMap((s) => s.blocks)
    .flatMap((b) => (b.kind === 'table' && b.head.some((h) => h !== '') ? [b] : []));
  return { pages, tables };
}

const rendered = new Map<string, Rendered>();

beforeAll(async () => {
  const market = wideMarket();
  for (const [name, csv] of Object.entries(PORTFOLIOS)) {
    const report = await analysePortfolio(
      { file: { fileName: `${name}.csv`, text: csv() }, monteCarlo: { paths: 2000 } },
      { market },
    );
    for (const c of COMBOS.filter((x) => x.name === name)) rendered.set(key(c), await render(report, c));
  }
}, 180_000);

describe.each(COMBOS)('the PDF of $name holdings, $lang, $paper', (c) => {
  const pages = () => rendered.get(key(c))!.pages;

  test('every word lies inside the margins', () => {
    const outside = pages().flatMap((p, i) =>
      p.words
        .filter(
          (w) =>
            w.xMin < PDF_MARGIN - BOX_SLACK ||
            w.yMin < PDF_MARGIN - BOX_SLACK ||
            w.xMax > p.width - PDF_MARGIN + BOX_SLACK ||
            w.yMax > p.height - PDF_MARGIN + BOX_SLACK,
        )
        .map((w) => `page ${i + 1}: "${w.text}" at ${[w.xMin, w.yMin, w.xMax, w.yMax].map((v) => v.toFixed(1))}`),
    );
    expect(outside).toEqual([]);
  });

  test('the margins of every page hold only background pixels', () => {
    const inked = pages().flatMap((p, i) => {
      const img = p.image;
      const m = Math.floor((PDF_MARGIN * DPI) / 72) - PIXEL_SLACK;
      const found: string[] = [];
      for (let y = 0; y < img.height; y++)
        for (let x = 0; x < img.width; x++) {
          const inMargin = x < m || y < m || x >= img.width - m || y >= img.height - m;
          if (inMargin && !isWhite(img, x, y)) {
            found.push(`page ${i + 1}: pixel ${x},${y}`);
            y = img.height;
            break;
          }
        }
      return found;
    });
    expect(inked).toEqual([]);
  });

  test('no page but the last is under a third full', () => {
    const under = pages()
      .slice(0, -1)
      .flatMap((p, i) => {
        const fill = contentFill(p);
        return fill < 1 / 3 ? [`page ${i + 1}: ${(100 * fill).toFixed(0)} % full`] : [];
      });
    expect(under).toEqual([]);
  });

  test('a table continued on a new page starts there with its header row', () => {
    const { pages: ps, tables } = rendered.get(key(c))!;
    const missing: string[] = [];
    for (const t of tables) {
      const rowsByPage = ps.map((p) => t.rows.flatMap((r) => lineOf(p, cellWords(r))));
      rowsByPage.forEach((ys, i) => {
        if (ys.length === 0 || rowsByPage.slice(0, i).every((y) => y.length === 0)) return;
        const head = lineOf(ps[i]!, cellWords(t.head));
        if (!head.some((y) => y < Math.min(...ys))) missing.push(`page ${i + 1}: ${t.head.join(' | ')}`);
      });
    }
    expect(missing).toEqual([]);
  });
});

test('the check of repeated headers is not vacuous: a table of the sixty holdings runs over pages', () => {
  const { pages, tables } = rendered.get('sixty-en-A4')!;
  const spread = tables.map((t) => pages.filter((p) => t.rows.some((r) => lineOf(p, cellWords(r)).length > 0)).length);
  expect(Math.max(...spread)).toBeGreaterThan(1);
});

/** Words as pdftotext groups them: it sometimes joins a lone "%" to the figure before it, so both sides do. */
function words(text: string): string[] {
  return text.trim().replace(/ %/g, '%').split(/\s+/);
}

/** Each non-empty cell's words: a row's cells are top-aligned, so each starts on the row's first line. */
function cellWords(cells: readonly string[]): string[][] {
  return cells.filter((c) => c.trim() !== '').map(words);
}

/**
 * Whether the line's words from `i` on are the first line of a row: each cell's first words (a
 * cell that wraps stops early), then the next cell's, to the last cell.
 */
function rowAt(line: readonly string[], i: number, cells: readonly string[][]): boolean {
  const [cell, ...rest] = cells;
  if (cell === undefined) return true;
  let k = 0;
  while (k < cell.length && line[i + k] === cell[k]) k++;
  for (; k > 0; k--) if (rowAt(line, i + k, rest)) return true;
  return false;
}

function startsRow(line: readonly string[], cells: readonly string[][]): boolean {
  for (let i = 0; i < line.length; i++) if (rowAt(line, i, cells)) return true;
  return false;
}

/** The page's words in lines: words whose tops lie within a point and a half of the line's first. */
function linesOf(p: Page): { y: number; words: string[] }[] {
  const sorted = [...p.words].sort((a, b) => a.yMin - b.yMin);
  const lines: { y: number; words: Word[] }[] = [];
  for (const w of sorted) {
    const last = lines[lines.length - 1];
    if (last !== undefined && w.yMin - last.y < 1.5) last.words.push(w);
    else lines.push({ y: w.yMin, words: [w] });
  }
  return lines.map((l) => ({
    y: l.y,
    words: words(
      l.words
        .sort((a, b) => a.xMin - b.xMin)
        .map((w) => w.text)
        .join(' '),
    ),
  }));
}

const linesCache = new WeakMap<Page, { y: number; words: string[] }[]>();

/** The y of every line of the page that starts a row of these cells. */
function lineOf(p: Page, cells: readonly string[][]): number[] {
  let lines = linesCache.get(p);
  if (lines === undefined) linesCache.set(p, (lines = linesOf(p)));
  return lines.filter((l) => startsRow(l.words, cells)).map((l) => l.y);
}

/**
 * How far down a page's content area its content reaches, from the rendered image: the lowest
 * inked row above the footer, as a share of the height between the top margin and the footer.
 */
function contentFill(p: Page): number {
  const img = p.image;
  const px = (pt: number) => Math.round((pt * DPI) / 72);
  const top = px(PDF_MARGIN);
  // The footer's line starts 12 points above the bottom margin: content ends above it.
  const bottom = px(p.height - PDF_MARGIN - 14);
  for (let y = bottom - 1; y > top; y--)
    for (let x = px(PDF_MARGIN); x < img.width - px(PDF_MARGIN); x++)
      if (!isWhite(img, x, y)) return (y - top) / (bottom - top);
  return 0;
}
