/**
 * Writes CSV that is safe to open in a spreadsheet: a cell that begins with = + - @ (or a tab or
 * carriage return, which some spreadsheets skip before reading a formula) is prefixed with an
 * apostrophe so it is shown as text, never run as a formula (OWASP "CSV injection").
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: string | number | undefined | null): string {
  if (value === undefined || value === null) return '';
  let text = String(value);
  // Numbers we write ourselves stay numbers; text that merely starts like one is neutralised.
  if (typeof value !== 'number' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly (string | number | undefined | null)[]): string {
  return cells.map(csvCell).join(',');
}
