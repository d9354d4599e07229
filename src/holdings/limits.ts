/**
 * What the importer accepts, stated once. A holdings table is small: even a large family portfolio
 * is a few hundred rows of a dozen columns. Anything past these bounds is refused before it can cost
 * real time or memory, each with its own message.
 */

/** Largest upload, in bytes (5 MB). */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Most data rows below the header (totals and note lines count): 10,000 pass, 10,001 are refused. */
export const MAX_ROWS = 10_000;

/** Longest physical line, in characters (64 KB of ASCII): no holdings row is anywhere near it. */
export const MAX_LINE_CHARS = 64 * 1024;

/** Most filled columns a header (or a line above it) may have. */
export const MAX_HEADER_COLUMNS = 200;

/** How far down a file the header is looked for (title lines, account banners above it). */
export const HEADER_SCAN_ROWS = 30;
