import { z } from 'zod';
import { AnalysisOptionsSchema } from '../analysis';

/**
 * A batch's options: the one analysis options schema, plus whether every portfolio's PDF is made
 * during the batch (in `lang` and `paper`). Validated with `parseOptions(…, 'http' | 'cli')`.
 */
export const BatchOptionsSchema = AnalysisOptionsSchema.extend({
  pdf: z
    .preprocess(
      (v) => (typeof v === 'boolean' ? String(v) : v),
      z.string().refine((s) => s === 'true' || s === 'false', { params: { reason: 'option.boolean' } }),
    )
    .transform((s) => s === 'true')
    .default(false)
    .describe('also render each portfolio as a PDF during the batch'),
});

export type BatchOptions = z.output<typeof BatchOptionsSchema>;
