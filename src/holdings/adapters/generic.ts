import { classifyGeneric, findHeaderTable } from './common';
import type { HoldingsAdapter } from './types';

/** Any table with recognisable headers (English or Italian aliases): the fallback for hand-made sheets. */
export const genericAdapter: HoldingsAdapter = {
  id: 'generic',
  label: 'Generic CSV',
  findTable: (records) => findHeaderTable(records),
  classify: (cell, record) => classifyGeneric(cell, record),
};
