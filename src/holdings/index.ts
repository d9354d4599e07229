export { parseHoldingsCsv, requireNoProblems } from './parse-holdings-csv';
export type { ParsedHoldings, Position, RowProblem } from './types';
