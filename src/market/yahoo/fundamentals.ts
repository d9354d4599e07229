import type { YahooClient } from './client';
import type { AnnualFundamentals } from '../types';

export type { AnnualFundamentals };

/** Annual revenue, operating income, operating cash flow, capex and D&A from `fundamentalsTimeSeries`. */
export async function fetchAnnualFundamentals(
  yf: YahooClient,
  symbol: string,
  fromYear: number,
): Promise<AnnualFundamentals[]> {
  const rows = (await yf.fundamentalsTimeSeries(
    symbol,
    { period1: `${fromYear}-01-01`, type: 'annual', module: 'all' },
    { validateResult: false },
  )) as unknown as Record<string, unknown>[];
  const num = (r: Record<string, unknown>, ...keys: string[]) => {
    for (const k of keys) if (typeof r[k] === 'number') return r[k] as number;
    return null;
  };
  return (Array.isArray(rows) ? rows : [])
    .map((r) => {
      const date =
        r.date instanceof Date
          ? r.date
          : typeof r.date === 'number'
            ? new Date(r.date * 1000)
            : new Date(String(r.date));
      const capex = num(r, 'capitalExpenditure');
      return {
        periodEnd: Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10),
        revenue: num(r, 'totalRevenue', 'operatingRevenue'),
        operatingIncome: num(r, 'operatingIncome'),
        operatingCashFlow: num(r, 'operatingCashFlow', 'cashFlowFromContinuingOperatingActivities'),
        capitalExpenditure: capex === null ? null : Math.abs(capex),
        depreciationAmortization: num(
          r,
          'depreciationAndAmortization',
          'depreciationAmortizationDepletion',
          'reconciledDepreciation',
        ),
      };
    })
    .filter((r) => r.periodEnd !== '')
    .sort((a, b) => a.periodEnd.localeCompare(b.periodEnd));
}
