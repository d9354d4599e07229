import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const StressWindowSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  label: z.string(),
  start: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  end: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  why: z.string().optional(),
});
export type StressWindow = z.infer<typeof StressWindowSchema>;

const FILE = path.resolve(__dirname, '../../../data/stress-windows.json');
let windows: StressWindow[] | undefined;

/** The named historical windows we replay (data/stress-windows.json); users can add their own. */
export function defaultStressWindows(): StressWindow[] {
  windows ??= z.array(StressWindowSchema).parse(JSON.parse(readFileSync(FILE, 'utf8')));
  return windows;
}
