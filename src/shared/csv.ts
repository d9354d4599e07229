/**
 * A small RFC 4180 reader that keeps the physical line of every record, so every problem can be
 * reported as "row N" the way a spreadsheet shows it. Quoted fields may hold delimiters, quotes
 * ("") and line breaks; CRLF, LF and CR all end a record. Every function here is one pass over the
 * text: a 5 MB upload costs milliseconds whatever its shape.
 */
import { AppError } from '../errors';

export interface CsvRecord {
  /** 1-based line of the file on which the record starts. */
  line: number;
  fields: string[];
}

export type Delimiter = ',' | ';' | '\t';

const DELIMITERS: readonly Delimiter[] = [',', ';', '\t'];
/** The sniffer reads no further than this, whatever the lines hold. */
const SNIFF_MAX_LINES = 1_000;

export interface ParseOptions {
  /** Leave out records whose fields are all blank (`;;;;` lines that spreadsheets pad tables with). */
  skipBlank?: boolean;
  /** Stop once this many records are read: the caller only needs to know there are more. */
  stopAfter?: number;
  /** The file's name as the user knows it, for the location of a syntax error. */
  file?: string;
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Reads CSV text into records. A quoted field that is never closed is refused as
 * `error.invalid_csv` at the line where its quote opened.
 */
export function parseCsv(text: string, delimiter: Delimiter, options: ParseOptions = {}): CsvRecord[] {
  const { skipBlank = false, stopAfter = Number.POSITIVE_INFINITY } = options;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteOpenedAt = 0;
  let fieldStarted = false;
  const n = text.length;

  const endRecord = () => {
    fields.push(field);
    const record = { line: recordLine, fields };
    if (!(skipBlank && isBlankRecord(record))) records.push(record);
    fields = [];
    field = '';
    fieldStarted = false;
  };

  for (let i = 0; i < n && records.length < stopAfter; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      // An opening quote may follow spaces (`a, "b"`); text before a quote is kept literally otherwise.
      quoted = true;
      quoteOpenedAt = line;
      field = '';
      fieldStarted = true;
    } else if (ch === delimiter) {
      fields.push(field);
      field = '';
      fieldStarted = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (records.length >= stopAfter) return records;
  if (quoted) {
    throw new AppError('unprocessable', 'invalid_csv', {
      params: { reason: { code: 'csv.unclosed_quote', params: {} } },
      location: { ...(options.file !== undefined && { file: options.file }), row: quoteOpenedAt },
    });
  }
  if (fieldStarted || field !== '' || fields.length > 0) endRecord();
  return records;
}

export function isBlankRecord(record: CsvRecord): boolean {
  return record.fields.every((f) => f.trim() === '');
}

/**
 * Visits the physical lines of a text (CRLF, LF or CR), in order, until `visit` returns false. A
 * callback rather than `split`: the text is never copied, and a caller can stop at any line.
 */
function eachLine(text: string, visit: (line: number, start: number, end: number) => boolean): void {
  let start = 0;
  let line = 1;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    if (!visit(line, start, i)) return;
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    start = i + 1;
    line++;
  }
  if (start < n) visit(line, start, n);
}

/** The first physical line longer than `maxChars` characters (line breaks excluded), or null. */
export function firstLineLongerThan(text: string, maxChars: number): number | null {
  let found: number | null = null;
  eachLine(text, (line, start, end) => {
    if (end - start > maxChars) found = line;
    return found === null;
  });
  return found;
}

/**
 * The delimiter that splits the first non-blank lines most consistently: the one for which the most
 * lines agree on the same (non-zero) count, outside quotes; more columns break a tie. Counting
 * agreement rather than the busiest line is what tells `symbol;quantity` / `MSFT;5,5` (one `;` on
 * every line, a decimal comma on one) from a comma file. Title lines with no delimiter do not vote.
 */
export function sniffDelimiter(text: string, sampleLines = 12): Delimiter {
  const content: string[] = [];
  const padding: string[] = [];
  eachLine(text, (lineNumber, start, end) => {
    const line = text.slice(start, end);
    // Lines of delimiters only (`;;;;` padding) say little about the table: they vote only when
    // nothing else does, so that a file of them is read as blank rather than as one column.
    if (/^[\s,;"]*$/.test(line)) {
      if (line.trim() !== '' && padding.length < sampleLines) padding.push(line);
    } else content.push(line);
    return content.length < sampleLines && lineNumber < SNIFF_MAX_LINES;
  });
  const lines = content.length > 0 ? content : padding;
  let best: Delimiter = ',';
  let bestScore = { lines: 0, columns: 0 };
  for (const d of DELIMITERS) {
    const score = mostCommonNonZero(lines.map((line) => countOutsideQuotes(line, d)));
    if (score.lines > bestScore.lines || (score.lines === bestScore.lines && score.columns > bestScore.columns)) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let quoted = false;
  let n = 0;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === d) n++;
  }
  return n;
}

/** The non-zero count most lines share, and how many lines share it. */
function mostCommonNonZero(counts: readonly number[]): { lines: number; columns: number } {
  const frequency = new Map<number, number>();
  for (const c of counts) if (c > 0) frequency.set(c, (frequency.get(c) ?? 0) + 1);
  let best = { lines: 0, columns: 0 };
  for (const [columns, lines] of frequency)
    if (lines > best.lines || (lines === best.lines && columns > best.columns)) best = { lines, columns };
  return best;
}
