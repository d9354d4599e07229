/** The pure parts of watching: thresholds read and evaluated, crossings, month-ends, due market days. */
import { evaluate, parseAlert, parseAlerts, transition } from '../src/monitor/alert-rules';
import { monthEnds } from '../src/monitor/backfill';
import type { HistoryPoint } from '../src/monitor/point';
import { DEFAULT_SCHEDULE, dueDays, marketDayOf } from '../src/monitor/schedule';

const point = {
  headline: { aiRevenueShare: 0.31 },
  score: 60,
  issuer: { effectiveN: 8, top1: 0.12 },
  coreFour: { NVDA: 0.2 },
  rules: [{ id: 'single-issuer', status: 'warn', value: 0.12 }],
} as unknown as HistoryPoint;

test('thresholds are read as people write them, one way each', () => {
  expect(parseAlert('aiRevenueShare>0.3')).toMatchObject({ expression: 'aiRevenueShare > 0.3', threshold: 0.3 });
  expect(parseAlert(' issuer.top1 > 10% ').expression).toBe('issuerTop1 > 0.1');
  expect(parseAlert('rule:single-issuer != PASS').expression).toBe('rule.single-issuer != pass');
  expect(parseAlerts(['score>=60', 'score >= 60.0']).map((a) => a.expression)).toEqual(['score >= 60']);
  for (const bad of ['score', 'score => 60', 'mood > 1', 'score > 1e3', 'rule.single-issuer > maybe', ''])
    expect(() => parseAlert(bad)).toThrow(expect.objectContaining({ code: 'invalid_alert' }));
  expect(() => parseAlerts(Array.from({ length: 21 }, (_, i) => `score > ${i}`))).toThrow(/at most 20 alerts/);
});

test('evaluated on a point: numbers, percentages, rule statuses in order pass < warn < fail', () => {
  const holds = (t: string) => evaluate(parseAlert(t), point).holds;
  expect([
    holds('aiRevenueShare > 0.30'),
    holds('score >= 60'),
    holds('score > 60'),
    holds('issuerTop1 > 10%'),
  ]).toEqual([true, true, false, true]);
  expect([
    holds('rule.single-issuer >= warn'),
    holds('rule.single-issuer == fail'),
    holds('rule.other != pass'),
  ]).toEqual([true, false, null]);
  expect(holds('coreFour.NVDA < 0.25')).toBe(true);
});

test('only a change is news: crossed, cleared, or nothing while it stays', () => {
  expect([transition(false, true), transition(true, true), transition(true, false), transition(false, false)]).toEqual([
    'crossed',
    null,
    'cleared',
    null,
  ]);
  expect(transition(true, null)).toBeNull();
});

test('month-ends before the latest date, oldest first; the latest month only once complete', () => {
  expect(monthEnds('2026-03-31', 3)).toEqual(['2025-12-31', '2026-01-31', '2026-02-28']);
  expect(monthEnds('2026-03-30', 2)).toEqual(['2026-01-31', '2026-02-28']);
  expect(monthEnds('2024-03-15', 1)).toEqual(['2024-02-29']);
});

test('due market days: weekdays after 18:00 in New York since saved, within the catch-up window, not done', () => {
  const saved = Date.parse('2026-07-02T15:00:00Z'); // Thursday, before the close
  const now = Date.parse('2026-07-07T23:30:00Z'); // Tuesday evening, after the run time
  expect(dueDays(DEFAULT_SCHEDULE, saved, now, new Set(['2026-07-06']))).toEqual([
    '2026-07-02',
    '2026-07-03',
    '2026-07-07',
  ]);
  expect(dueDays({ ...DEFAULT_SCHEDULE, catchUpDays: 1 }, saved, now, new Set())).toEqual(['2026-07-07']);
  // 18:00 in New York is 22:00 UTC in summer and 23:00 in winter: the market day is New York's date.
  expect(marketDayOf(Date.parse('2026-01-06T23:00:00Z'), 'America/New_York')).toBe('2026-01-06');
});
