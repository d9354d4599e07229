import type { Company, ThemeModel } from '../../theme';
import type { IssuerWeights } from '../../theme/look-through';

/** What the fundamentals read of a company: the model's, or an issuer outside it with its industry default. */
export interface FundamentalsEntry {
  issuer: string;
  roles: Company['roles'];
  relevance: number;
  confidence: string;
  /** Annual buyer figures, oldest first (the theme's `buyer.financials`, or the data source's). */
  financials: NonNullable<Company['buyer']>['financials'];
}

const entryOf = (c: Company): FundamentalsEntry => ({
  issuer: c.issuer,
  roles: c.roles,
  relevance: c.relevance.value,
  confidence: c.relevance.confidence,
  financials: c.buyer?.financials ?? [],
});

interface BuyerFundamentals {
  issuer: string;
  weight: number;
  fiscalYear: string;
  capexToOperatingCashFlow: number;
  capexToRevenue: number;
  /** Capex growth over the previous fiscal year (null when only one year is known). */
  capexGrowth: number | null;
  confidence: string;
}

interface SellerFundamentals {
  issuer: string;
  weight: number;
  /** Share of revenue from theme segments: how much of the business depends on the build-out. */
  dependence: number;
  confidence: string;
}

export interface FundamentalsSummary {
  buyers: BuyerFundamentals[];
  sellers: SellerFundamentals[];
  /** Look-through-weighted averages over the held buyers (with figures) and sellers. */
  aggregate: {
    buyerWeight: number;
    sellerWeight: number;
    capexToOperatingCashFlow: number | null;
    capexToRevenue: number | null;
    capexGrowth: number | null;
    sellerDependence: number | null;
  };
}

/**
 * For held capex buyers: capex / operating cash flow (how much of the cash they make goes back into
 * the build-out), capex / revenue and capex growth, from their latest fiscal year. For held sellers:
 * revenue dependence on the theme. Each is averaged with the issuers' look-through weights.
 */
export function fundamentals(
  model: ThemeModel,
  issuerWeights: IssuerWeights,
  inferred: readonly FundamentalsEntry[] = [],
): FundamentalsSummary {
  const buyers: BuyerFundamentals[] = [];
  const sellers: SellerFundamentals[] = [];
  // Companies outside the model enter with their industry default and, where the data source has
  // them, their reported annual figures.
  for (const company of [...model.companies.map(entryOf), ...inferred]) {
    const weight = issuerWeights.get(company.issuer) ?? 0;
    if (weight <= 0) continue;
    if (company.roles.includes('capexBuyer')) {
      const b = buyerFigures(company, weight);
      if (b !== null) buyers.push(b);
    }
    if (company.roles.includes('capexSeller'))
      sellers.push({
        issuer: company.issuer,
        weight,
        dependence: company.relevance,
        confidence: company.confidence,
      });
  }
  buyers.sort((a, b) => b.weight - a.weight);
  sellers.sort((a, b) => b.weight - a.weight);
  const weighted = <T>(rows: T[], w: (r: T) => number, v: (r: T) => number | null) => {
    let sw = 0;
    let s = 0;
    for (const r of rows) {
      const value = v(r);
      if (value === null) continue;
      sw += w(r);
      s += w(r) * value;
    }
    return sw > 0 ? s / sw : null;
  };
  return {
    buyers,
    sellers,
    aggregate: {
      buyerWeight: buyers.reduce((s, b) => s + b.weight, 0),
      sellerWeight: sellers.reduce((s, b) => s + b.weight, 0),
      capexToOperatingCashFlow: weighted(
        buyers,
        (b) => b.weight,
        (b) => b.capexToOperatingCashFlow,
      ),
      capexToRevenue: weighted(
        buyers,
        (b) => b.weight,
        (b) => b.capexToRevenue,
      ),
      capexGrowth: weighted(
        buyers,
        (b) => b.weight,
        (b) => b.capexGrowth,
      ),
      sellerDependence: weighted(
        sellers,
        (s) => s.weight,
        (s) => s.dependence,
      ),
    },
  };
}

/** The buyer's latest fiscal year with capex, operating cash flow and revenue all known (v2 theme `buyer` block). */
function buyerFigures(company: FundamentalsEntry, weight: number): BuyerFundamentals | null {
  const years = company.financials.filter(
    (y) => y.capex !== null && y.operatingCashFlow !== null && y.revenue !== null,
  );
  const latest = years.at(-1);
  if (latest === undefined) return null;
  const previous = years.at(-2);
  return {
    issuer: company.issuer,
    weight,
    fiscalYear: latest.fiscalYear,
    capexToOperatingCashFlow: latest.capex! / latest.operatingCashFlow!,
    capexToRevenue: latest.capex! / latest.revenue!,
    capexGrowth: previous === undefined ? null : latest.capex! / previous.capex! - 1,
    confidence: latest.confidence,
  };
}
