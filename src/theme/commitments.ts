import { z } from 'zod';
import { Confidence } from './enums';

/** A month or a day: some deals are dated only by the month they were first reported. */
const AnnouncedSchema = z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/, 'a date written YYYY-MM or YYYY-MM-DD');

/**
 * A large, dated compute (or power, or supply) commitment between a buyer and a provider of the
 * build-out, as data/themes/commitments.json lists them.
 */
const CommitmentSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'lower-case words joined by dashes'),
  buyer: z.string().min(1),
  buyerIssuer: z.string().min(1).nullable().describe('issuer id when the buyer is listed'),
  provider: z.string().min(1).describe('issuer id of the company that sells'),
  kind: z.string().min(1),
  valueUsd: z.number().positive().nullable().describe('headline value as reported; null when undisclosed'),
  valueKind: z
    .enum(['purchase', 'investment'])
    .nullable()
    .describe("what the value measures: the buyer's purchases, or the provider's investment in the buyer"),
  termYears: z.number().positive().nullable(),
  announced: AnnouncedSchema.nullable(),
  description: z.string().min(1),
  source: z.string().min(1),
  url: z.string().url().optional(),
  confidence: Confidence,
});

export const CommitmentsFileSchema = z
  .object({ updated: z.string(), note: z.string(), commitments: z.array(CommitmentSchema) })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.commitments.forEach((c, i) => {
      if (seen.has(c.id))
        ctx.addIssue({ code: 'custom', path: ['commitments', i, 'id'], message: `${c.id} is listed twice` });
      seen.add(c.id);
      if ((c.valueUsd === null) !== (c.valueKind === null))
        ctx.addIssue({
          code: 'custom',
          path: ['commitments', i, 'valueKind'],
          message: 'a value needs its kind, and only a value',
        });
    });
  });

export type Commitment = z.infer<typeof CommitmentSchema>;
