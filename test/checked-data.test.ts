/**
 * Our JSON data files are checked at build time and kept as checked: a process uses the kept result only
 * when it was made from exactly the text it reads, and the result is what the check makes of that
 * text, to the last field.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { keepCheckedData } from '../src/analysis/reference';
import { ScenarioFileSchema } from '../src/analytics/overspending/scenario';
import { StressWindowSchema } from '../src/analytics/overspending/stress-windows';
import { checkedCopy, sha256 } from '../src/shared/checked-copies';
import { CommitmentsFileSchema } from '../src/theme/commitments';
import { ThemeModelSchema } from '../src/theme/model';
import { ROOT } from './helpers/paths';

const read = (file: string) => readFileSync(path.join(ROOT, 'data', file), 'utf8');

/** Each kept file: its name, the text it stands for, and what its schema makes of that text. */
const KEPT = (
  [
    ['themes/ai-infrastructure.json', ThemeModelSchema],
    ['themes/commitments.json', CommitmentsFileSchema],
    ['stress-windows.json', z.array(StressWindowSchema)],
    ['scenarios.json', ScenarioFileSchema],
  ] as [string, z.ZodType][]
).map(([file, schema]) => [path.basename(file), read(file), () => schema.parse(JSON.parse(read(file)))] as const);

const dir = mkdtempSync(path.join(tmpdir(), 'aix-checked-'));
beforeAll(() => keepCheckedData(dir));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test.each(KEPT)(
  '%s: the kept result is what checking its source makes of it, defaults included',
  (name, source, check) => {
    expect(checkedCopy(name, sha256(source), dir)).toStrictEqual(check());
  },
);

test.each(KEPT)('%s: a source that changed since the build is not answered from the copy', (name, source) => {
  expect(checkedCopy(name, sha256(`${source} `), dir)).toBeUndefined();
  expect(checkedCopy(name, sha256(source), path.join(dir, 'missing'))).toBeUndefined();
});
