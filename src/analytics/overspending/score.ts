/**
 * The overspending-risk score: 0 (untouched if the AI build-out reprices) to 100 (the portfolio is
 * that bet). Five components, each normalised to 0–1 against a stated "full" level and weighted;
 * the points show which ones drive the score.
 */
export const SCORE_COMPONENTS = {
  themeWeight: { weight: 30, full: 0.5, label: 'Share of the portfolio in the AI-infrastructure theme' },
  beta: { weight: 25, full: 1.5, label: 'Beta to the AI basket (AMZN, MSFT, GOOGL, NVDA)' },
  buyerCapexIntensity: {
    weight: 15,
    full: 1.0,
    label: 'Capex / operating cash flow of the held capex buyers, scaled by their weight (full at 20 %)',
  },
  sellerDependence: {
    weight: 15,
    full: 1.0,
    label: 'Revenue dependence of the held capex sellers, scaled by their weight (full at 20 %)',
  },
  concentration: {
    weight: 15,
    full: 0.1,
    label: 'Issuer concentration after look-through (HHI; full at 0.1, i.e. ten equal issuers)',
  },
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
  label: string;
  value: number;
  normalised: number;
  weight: number;
  points: number;
  reason: string;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const pct = (x: number) => `${(x * 100).toFixed(0)} %`;

export function overspendingScore(i: ScoreInputs): {
  score: number;
  components: ScoreComponent[];
  topReasons: string[];
} {
  const c = SCORE_COMPONENTS;
  const buyerPresence = clamp01(i.buyerWeight / PRESENCE_FULL);
  const sellerPresence = clamp01(i.sellerWeight / PRESENCE_FULL);
  const rows: Omit<ScoreComponent, 'points' | 'label' | 'weight'>[] = [
    {
      id: 'themeWeight',
      value: i.themeWeight,
      normalised: clamp01(i.themeWeight / c.themeWeight.full),
      reason: `${pct(i.themeWeight)} of the portfolio moves with the AI build-out`,
    },
    {
      id: 'beta',
      value: i.betaToAiBasket,
      normalised: clamp01(i.betaToAiBasket / c.beta.full),
      reason: `a 10 % fall of the AI basket has meant about ${(i.betaToAiBasket * 10).toFixed(1)} % for this portfolio`,
    },
    {
      id: 'buyerCapexIntensity',
      value: i.buyerCapexToOcf ?? 0,
      normalised: clamp01((i.buyerCapexToOcf ?? 0) / c.buyerCapexIntensity.full) * buyerPresence,
      reason:
        i.buyerCapexToOcf === null
          ? 'no capex buyers held'
          : `the capex buyers held (${pct(i.buyerWeight)}) spend ${pct(i.buyerCapexToOcf)} of their operating cash flow on capex`,
    },
    {
      id: 'sellerDependence',
      value: i.sellerDependence ?? 0,
      normalised: clamp01((i.sellerDependence ?? 0) / c.sellerDependence.full) * sellerPresence,
      reason:
        i.sellerDependence === null
          ? 'no capex sellers held'
          : `the suppliers held (${pct(i.sellerWeight)}) earn ${pct(i.sellerDependence)} of their revenue from the build-out`,
    },
    {
      id: 'concentration',
      value: i.issuerHhi,
      normalised: clamp01(i.issuerHhi / c.concentration.full),
      reason: `after look-through the portfolio is like ${(1 / Math.max(i.issuerHhi, 1e-12)).toFixed(0)} equal issuers`,
    },
  ];
  const components = rows.map((r) => ({
    ...r,
    label: c[r.id].label,
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
