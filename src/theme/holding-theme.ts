import type { Position } from '../holdings';
import { message, type Message } from '../i18n';
import type { HOLDING_CONFIDENCE, Role } from './enums';
import type { IssuerThemeExposure } from './exposure';

/** A holding's own theme figures: its issuer's classification, or for a fund the mix of its look-through. */
export interface HoldingTheme {
  relevance: number;
  buyerShare: number;
  sellerShare: number;
  roles: Role[];
  confidence: (typeof HOLDING_CONFIDENCE)[number];
  source: Message;
}

export function holdingTheme(
  p: Position,
  weight: number,
  isFund: boolean,
  issuers: readonly IssuerThemeExposure[],
): HoldingTheme | null {
  if (p.kind === 'cash' || weight <= 0) return null;
  let theme = 0;
  let buyers = 0;
  let sellers = 0;
  const roles = new Set<Role>();
  let own: IssuerThemeExposure | undefined;
  for (const e of issuers) {
    for (const path of e.paths) {
      const mine = isFund
        ? path.via === p.symbol || path.via.startsWith(`${p.symbol} > `)
        : path.via === 'direct' && path.listing === p.symbol;
      if (!mine) continue;
      if (!isFund) own = e;
      const t = path.weight * e.classification.relevance;
      theme += t;
      const n = e.classification.roles.length;
      for (const r of e.classification.roles) {
        if (r === 'capexBuyer') buyers += t / n;
        else sellers += t / n;
        roles.add(r);
      }
    }
  }
  return {
    relevance: theme / weight,
    buyerShare: buyers / weight,
    sellerShare: sellers / weight,
    roles: [...roles],
    confidence: isFund ? 'look-through' : (own?.classification.confidence ?? 'none'),
    source: isFund ? message('theme.look_through') : (own?.classification.source ?? message('theme.not_in_model')),
  };
}
