import { execFileSync } from 'node:child_process';

let python: string | null | undefined;

/**
 * A python3 that can import numpy (the image's python3, or Debian's with python3-numpy), or null.
 * The differential tests and the bench both ask; the answer is looked for once.
 */
export function pythonWithNumpy(): string | null {
  if (python !== undefined) return python;
  python = null;
  for (const candidate of ['python3', '/usr/bin/python3']) {
    try {
      execFileSync(candidate, ['-c', 'import numpy'], { stdio: 'ignore' });
      python = candidate;
      break;
    } catch {
      // try the next one
    }
  }
  return python;
}
