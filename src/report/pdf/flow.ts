/**
 * Where the next thing goes on a PDF page. Every block asks for the height it needs before it
 * draws; what does not fit starts a new page, so nothing is ever drawn past the margins and pdfkit
 * never breaks a page on its own. The page's margins are the same on all four sides.
 */
export const MARGIN = 50;
/** Height kept above the bottom margin for the footer line. */
const FOOTER_ROOM = 22;

export const COLOURS = {
  ink: '#1f2933',
  muted: '#616e7c',
  line: '#d9e2ec',
  tile: '#f8fafc',
  noticeFill: '#fff4e5',
  noticeBar: '#f0b429',
};

export class Flow {
  readonly left = MARGIN;
  readonly width: number;
  readonly top = MARGIN;
  readonly bottom: number;
  y = MARGIN;

  constructor(readonly doc: PDFKit.PDFDocument) {
    this.width = doc.page.width - 2 * MARGIN;
    this.bottom = doc.page.height - MARGIN - FOOTER_ROOM;
  }

  /** The y of the footer's baseline area: inside the bottom margin's edge, below the content. */
  get footerY(): number {
    return this.doc.page.height - MARGIN - 12;
  }

  get usable(): number {
    return this.bottom - this.top;
  }

  get remaining(): number {
    return this.bottom - this.y;
  }

  /** Share of the current page's content area already used. */
  get fill(): number {
    return (this.y - this.top) / this.usable;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = this.top;
  }

  /** Starts a new page unless `height` fits below what is there (a page that is still empty always takes it). */
  ensure(height: number): void {
    if (height > this.remaining && this.y > this.top) this.newPage();
  }

  /** Vertical space, dropped at the top of a page. */
  gap(height: number): void {
    if (this.y > this.top) this.y = Math.min(this.bottom, this.y + height);
  }
}
