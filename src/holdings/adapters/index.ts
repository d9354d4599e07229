import { degiroAdapter } from './degiro';
import { directaMovementsAdapter } from './directa';
import { fidelityAdapter } from './fidelity';
import { finecoAdapter } from './fineco';
import { genericAdapter } from './generic';
import { ibkrActivityAdapter, ibkrFlexAdapter } from './ibkr';
import { schwabAdapter } from './schwab';
import { trading212Adapter } from './trading212';
import type { HoldingsAdapter } from './types';

/** Tried in order; the generic adapter last, as the fallback for any recognisable table. */
export const ADAPTERS: readonly HoldingsAdapter[] = [
  ibkrActivityAdapter,
  trading212Adapter,
  degiroAdapter,
  finecoAdapter,
  directaMovementsAdapter,
  fidelityAdapter,
  schwabAdapter,
  ibkrFlexAdapter,
  genericAdapter,
];

export type { HoldingsAdapter, HoldingsTable } from './types';
