import { z } from 'zod';

/** A past episode replayed on today's portfolio; ours live in data/stress-windows.json. */
export const StressWindowSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  label: z.string(),
  start: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  end: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  why: z.string().optional(),
  source: z.string().optional().describe('where the dates and the story come from'),
});
export type StressWindow = z.infer<typeof StressWindowSchema>;
