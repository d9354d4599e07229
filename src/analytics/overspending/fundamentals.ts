import type { Company, ThemeModel } from '../../theme';

export interface BuyerFundamentals {
  issuer: string;
  weight: number;
  fiscalYear: string;
  capexToOperatingCashFlow: number;
  capexToRevenue: number;
  /** Capex growth over the previous fiscal year (null when only one year is known). */
  capexGrowth: number | null;
  confidence: string;
}

export interface SellerFundamentals {
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
  issuerWeights: ReadonlyMap<string, number>,
  inferred: readonly Company[] = [],
): FundamentalsSummary {
  const buyers: BuyerFundamentals[] = [];
  const sellers: SellerFundamentals[] = [];
  // Companies outside the model enter with their industry default and, where the data source has
  // them, their reported annual figures.
  for (const company of [...model.companies, ...inferred]) {
    const weight = issuerWeights.get(company.symbol) ?? 0;
    if (weight <= 0) continue;
    if (company.roles.includes('capexBuyer')) {
      const b = buyerFigures(company, weight);
      if (b !== null) buyers.push(b);
    }
    if (company.roles.includes('capexSeller'))
      sellers.push({
        issuer: company.symbol,
        weight,
        dependence: company.relevance,
        confidence: company.basis.confidence,
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

function buyerFigures(company: Company, weight: number): BuyerFundamentals | null {
  const years = company.financials ?? [];
  const latest = years[years.length - 1];
  if (latest === undefined) return null;
  const previous = years[years.length - 2];
  const confidences = [latest.capex.confidence, latest.operatingCashFlow.confidence, latest.revenue.confidence];
  const weakest =
    ['memory-unverified', 'inferred', 'derived', 'reported', 'filing'].find((c) => confidences.includes(c as never)) ??
    'filing';
  return {
    issuer: company.symbol,
    weight,
    fiscalYear: latest.fiscalYear,
    capexToOperatingCashFlow: latest.capex.value / latest.operatingCashFlow.value,
    capexToRevenue: latest.capex.value / latest.revenue.value,
    capexGrowth: previous === undefined ? null : latest.capex.value / previous.capex.value - 1,
    confidence: weakest,
  };
}
