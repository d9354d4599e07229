/** Day numbers to ISO dates by arithmetic, checked against Date on every day of four centuries and at the edges. */
import { dayToIso, parseIsoDay } from '../src/shared/dates';

const viaDate = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);

test('every day from 1900 to 2300 reads as Date reads it, and back, and the same when read again (kept)', () => {
  for (let day = parseIsoDay('1900-01-01')!; day <= parseIsoDay('2300-12-31')!; day++) {
    const iso = dayToIso(day);
    if (iso !== viaDate(day) || parseIsoDay(iso) !== day || dayToIso(day) !== iso)
      throw new Error(`day ${day}: ${iso} against ${viaDate(day)}`);
  }
});

test.each([-719_468, -719_469, 0, -1, 2_932_896, 2_932_897, 11_016, 19_782])('day %i at the edges', (day) =>
  expect(dayToIso(day)).toBe(viaDate(day)),
);
