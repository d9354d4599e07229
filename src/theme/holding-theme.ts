import type { Position } from '../holdings';
import { message, type Message } from '../i18n';
import type { HOLDING_CONFIDENCE, Role } from './enums';
import { primaryRole, type IssuerThemeExposure } from './exposure';

/** A holding's own theme figures: its issuer's classification, or for a fund the mix of its look-through. */
export interface HoldingTheme {
  /** Share of the holding's look-through value that is AI-infrastructure revenue. */
  relevance: number;
  /** The part of `relevance` from capex buyers and from sellers (each issuer by its primary role). */
  buyerShare: number;
  sellerShare: number;
  /** Share of the holding's look-through value in companies of the chain, by primary role. */
  memberBuyerShare: number;
  memberSellerShare: number;
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
  let memberBuyers = 0;
  let memberSellers = 0;
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
      for (const r of e.classification.roles) roles.add(r);
      const role = primaryRole(e.classification);
      if (role === 'capexBuyer') {
        buyers += t;
        memberBuyers += path.weight;
      } else if (role === 'capexSeller') {
        sellers += t;
        memberSellers += path.weight;
      }
    }
  }
  return {
    relevance: theme / weight,
    buyerShare: buyers / weight,
    sellerShare: sellers / weight,
    memberBuyerShare: memberBuyers / weight,
    memberSellerShare: memberSellers / weight,
    roles: [...roles],
    confidence: isFund ? 'look-through' : (own?.classification.confidence ?? 'none'),
    source: isFund ? message('theme.look_through') : (own?.classification.source ?? message('theme.not_in_model')),
  };
}
