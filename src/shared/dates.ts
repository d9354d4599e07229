/** Calendar days are integers (days since 1970-01-01, UTC) inside the pipeline; ISO strings at its edges. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Day number of a valid `YYYY-MM-DD`, or null when the text is not a real calendar date. */
export function parseIsoDay(text: string): number | null {
  const m = ISO_DATE.exec(text);
  if (m === null) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / MS_PER_DAY;
}

/** Days whose text is kept once written (1970 to 2109): every report writes the same few hundred. */
const KEPT_DAYS = 51_000;
const isoOfDay = new Array<string | undefined>(KEPT_DAYS);

/**
 * `YYYY-MM-DD` of a day number. Days from 1970 to 2109 are written once and kept: a report writes
 * 400 dates, and building each string again was 40 KB of garbage per analysis.
 */
export function dayToIso(day: number): string {
  if (!(day >= 0 && day < KEPT_DAYS && Number.isInteger(day))) return writeIsoDay(day);
  return (isoOfDay[day] ??= writeIsoDay(day));
}

/**
 * By arithmetic (H. Hinnant's civil-from-days, the proleptic Gregorian calendar as Date uses): a
 * Date with toISOString cost 1 µs. Years 0 to 9999; outside them, through Date.
 */
function writeIsoDay(day: number): string {
  if (!(day >= -719_468 && day < 2_932_897)) return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: number): number {
  return (day + 4) % 7;
}
