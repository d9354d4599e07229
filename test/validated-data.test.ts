/**
 * Our JSON data files are checked by their schemas at build time and kept as checked: a process
 * uses the kept result only when it was made from exactly the file it reads, and the result is
 * what the schema makes of that file, to the last field.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { validatedCopy, writeValidatedCopies } from '../src/analysis/reference';
import { ScenarioFileSchema } from '../src/analytics/overspending/scenario';
import { StressWindowSchema } from '../src/analytics/overspending/stress-windows';
import { CommitmentsFileSchema } from '../src/theme/commitments';
import { ThemeModelSchema } from '../src/theme/model';
import { ROOT } from './helpers/paths';

const FILES: [string, z.ZodType][] = [
  ['data/themes/ai-infrastructure.json', ThemeModelSchema],
  ['data/themes/commitments.json', CommitmentsFileSchema],
  ['data/stress-windows.json', z.array(StressWindowSchema)],
  ['data/scenarios.json', ScenarioFileSchema],
];

const dir = mkdtempSync(path.join(tmpdir(), 'aix-validated-'));
beforeAll(() => writeValidatedCopies(dir));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test.each(FILES)('%s: the kept result is what its schema makes of it, defaults included', (file, schema) => {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  expect(validatedCopy(path.basename(file), text, dir)).toStrictEqual(schema.parse(JSON.parse(text)));
});

test.each(FILES)('%s: a file that changed since the build is checked again, not taken from the copy', (file) => {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  expect(validatedCopy(path.basename(file), `${text} `, dir)).toBeUndefined();
  expect(validatedCopy(path.basename(file), text, path.join(dir, 'missing'))).toBeUndefined();
});
