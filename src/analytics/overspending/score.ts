import { message, type Message } from '../../i18n';

/**
 * The overspending-risk score: 0 (untouched if the AI build-out reprices) to 100 (the portfolio is
 * that bet). Five components, each normalised to 0–1 against a stated "full" level and weighted;
 * the points show which ones drive the score.
 */
export const SCORE_COMPONENTS = {
  themeWeight: { weight: 30, full: 0.5 },
  beta: { weight: 25, full: 1.5 },
  buyerCapexIntensity: { weight: 15, full: 1.0 },
  sellerDependence: { weight: 15, full: 1.0 },
  concentration: { weight: 15, full: 0.1 },
} as const;

/** Buyer and seller components reach full strength once those issuers are 20 % of the portfolio. */
const PRESENCE_FULL = 0.2;

export type ScoreComponentId = keyof typeof SCORE_COMPONENTS;

export interface ScoreInputs {
  themeWeight: number;
  betaToAiBasket: number;
  buyerCapexToOcf: number | null;
  buyerWeight: number;
  sellerDependence: number | null;
  sellerWeight: number;
  issuerHhi: number;
}

export interface ScoreComponent {
  id: ScoreComponentId;
  /** The component's name, as a catalogue message. */
  label: Message;
  value: number;
  normalised: number;
  weight: number;
  points: number;
  reason: Message;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

export function overspendingScore(i: ScoreInputs): {
  score: number;
  components: ScoreComponent[];
  topReasons: Message[];
} {
  const c = SCORE_COMPONENTS;
  const buyerPresence = clamp01(i.buyerWeight / PRESENCE_FULL);
  const sellerPresence = clamp01(i.sellerWeight / PRESENCE_FULL);
  const buyerValue = i.buyerCapexToOcf ?? 0;
  const sellerValue = i.sellerDependence ?? 0;
  const rows: Omit<ScoreComponent, 'points' | 'label' | 'weight'>[] = [
    {
      id: 'themeWeight',
      value: i.themeWeight,
      normalised: clamp01(i.themeWeight / c.themeWeight.full),
      reason: message('reason.themeWeight', { value: i.themeWeight }),
    },
    {
      id: 'beta',
      value: i.betaToAiBasket,
      normalised: clamp01(i.betaToAiBasket / c.beta.full),
      reason: message('reason.beta', { tenfold: i.betaToAiBasket * 0.1 }),
    },
    {
      id: 'buyerCapexIntensity',
      value: buyerValue,
      normalised: clamp01(buyerValue / c.buyerCapexIntensity.full) * buyerPresence,
      reason:
        i.buyerCapexToOcf === null
          ? message('reason.noBuyers')
          : message('reason.buyerCapexIntensity', { weight: i.buyerWeight, value: i.buyerCapexToOcf }),
    },
    {
      id: 'sellerDependence',
      value: sellerValue,
      normalised: clamp01(sellerValue / c.sellerDependence.full) * sellerPresence,
      reason:
        i.sellerDependence === null
          ? message('reason.noSellers')
          : message('reason.sellerDependence', { weight: i.sellerWeight, value: i.sellerDependence }),
    },
    {
      id: 'concentration',
      value: i.issuerHhi,
      normalised: clamp01(i.issuerHhi / c.concentration.full),
      reason: message('reason.concentration', { n: 1 / Math.max(i.issuerHhi, 1e-12) }),
    },
  ];
  const components = rows.map((r) => ({
    ...r,
    label: message(`component.${r.id}`),
    weight: c[r.id].weight,
    points: c[r.id].weight * r.normalised,
  }));
  const score = components.reduce((s, x) => s + x.points, 0);
  const topReasons = [...components]
    .sort((a, b) => b.points - a.points)
    .slice(0, 3)
    .filter((x) => x.points > 0)
    .map((x) => x.reason);
  return { score, components, topReasons };
}
