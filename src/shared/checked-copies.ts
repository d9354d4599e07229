import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write';
import { PROJECT_ROOT } from './project-root';

/**
 * Where the build keeps our JSON data files as their schemas made them (scripts/validate-data.ts),
 * each beside the SHA-256 of the text it was made from. A fresh process (a CLI start, each worker
 * thread) reads the checked result instead of checking again: the theme's schema costs 22–32 ms
 * there, JSON.parse of its result about 1 ms. (The instruments table, 14–16 ms to check alone,
 * bought nothing measurable this way in a whole CLI run: its CSV reader warms up for the fund files.)
 */
const CHECKED_DIR = path.join(PROJECT_ROOT, 'dist', 'data');

/** The kept result of checking the source whose SHA-256 (hex) is given; undefined when there is none or the source changed. */
export function checkedCopy(name: string, sourceSha256: string, dir = CHECKED_DIR): unknown {
  let copy: { sha256?: unknown; value?: unknown };
  try {
    copy = JSON.parse(readFileSync(path.join(dir, name), 'utf8'));
  } catch {
    return undefined;
  }
  return copy.sha256 === sourceSha256 ? copy.value : undefined;
}

/** Keeps a checked result (plain JSON data) for `checkedCopy`. */
export function keepCheckedCopy(name: string, sourceSha256: string, value: unknown, dir = CHECKED_DIR): Promise<void> {
  return writeFileAtomic(path.join(dir, name), JSON.stringify({ sha256: sourceSha256, value }));
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
