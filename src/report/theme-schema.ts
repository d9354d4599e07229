import { z } from 'zod';
import { CONFIDENCE_LEVELS } from '../theme/enums';

/** The theme data's part of the AnalysisReport (issue #15): kept here so the contract's other parts stay apart. */
const fraction = z.number().describe('a fraction: 0.25 means 25 %');
const confidence = z.enum(CONFIDENCE_LEVELS);

const ReasonSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('top-customer'),
    counterparty: z.string(),
    share: fraction.describe("the customer's share of revenue"),
    period: z.string(),
    confidence,
  }),
  z.object({
    kind: z.literal('backlog'),
    counterparty: z.string(),
    share: fraction.describe("the counterparty's share of the backlog"),
    backlogUsd: z.number(),
    asOf: z.string(),
    from: z
      .enum(['disclosed', 'commitments'])
      .describe('disclosed by the company, or summed from the dated commitments'),
    confidence,
  }),
  z.object({
    kind: z.literal('commitments-to-revenue'),
    counterparty: z.string(),
    share: z.number().describe("the counterparty's purchases per year of their term, over the latest annual revenue"),
    revenueUsd: z.number(),
    confidence,
  }),
]);

const CommitmentReportSchema = z.object({
  id: z.string(),
  buyer: z.string(),
  buyerIssuer: z.string().nullable(),
  provider: z.string(),
  kind: z.string(),
  valueUsd: z.number().nullable(),
  valueKind: z.enum(['purchase', 'investment']).nullable(),
  termYears: z.number().nullable(),
  announced: z.string().nullable().describe('YYYY-MM-DD, or YYYY-MM when only the month is known'),
  description: z.string(),
  source: z.string(),
  url: z.string().optional(),
  confidence,
});

export const DependenceSectionSchema = z
  .object({
    thresholds: z.object({
      topCustomerShare: fraction,
      backlogShare: fraction,
      annualCommitmentToRevenue: fraction,
    }),
    weight: fraction.describe('look-through weight in companies that depend heavily on one customer'),
    companies: z.array(
      z.object({
        issuer: z.string(),
        name: z.string(),
        weight: fraction,
        dependent: z.boolean(),
        reasons: z.array(ReasonSchema).describe('every test above its threshold; empty when not dependent'),
        commitments: z.array(CommitmentReportSchema).describe('the commitments in which the company sells'),
      }),
    ),
  })
  .describe('partner dependence: held companies (after look-through) assessed against data/themes/commitments.json');
