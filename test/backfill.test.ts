/**
 * Back-fill on the shared real prices: the back-filled history of data/examples/portfolio.csv has 12
 * month-end points, each saying it was back-filled, whose figures are exactly those of a single
 * analysis as of that month-end.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parseOptions, runAnalysis } from '../src/analysis';
import { importHoldings } from '../src/holdings';
import { pointOf, type HistoryPoint } from '../src/monitor/point';
import { PortfolioOptionsSchema } from '../src/server/http/portfolio-fields';
import { monitorApp } from './helpers/monitor-app';
import { ROOT } from './helpers/paths';

const { app, market } = monitorApp();
const FILE = readFileSync(path.join(ROOT, 'data/examples/portfolio.csv'));

test('12 month-end points, each equal to a single analysis at its month-end', async () => {
  const saved = await request(app)
    .post('/api/v1/portfolios?monteCarloPaths=1000&backfillMonths=12')
    .set('Authorization', 'Bearer k1-secret')
    .attach('file', FILE, 'portfolio.csv');
  expect(saved.status).toBe(201);
  expect(saved.body.latest.asOf).toBe('2026-07-31');
  const history = await request(app)
    .get(`/api/v1/portfolios/${saved.body.id}/history?to=2026-06-30`)
    .set('Authorization', 'Bearer k1-secret');
  const points = history.body.points as HistoryPoint[];
  expect(points.map((p) => p.monthEnd)).toEqual([
    '2025-07-31',
    '2025-08-31',
    '2025-09-30',
    '2025-10-31',
    '2025-11-30',
    '2025-12-31',
    '2026-01-31',
    '2026-02-28',
    '2026-03-31',
    '2026-04-30',
    '2026-05-31',
    '2026-06-30',
  ]);
  expect(points.every((p) => p.backfilled && p.kind === 'backfill' && p.analysisId === null)).toBe(true);
  // A month-end on a weekend is the last price day before it.
  expect(points[1]!.asOf).toBe('2025-08-29');

  const imported = await importHoldings({ fileName: 'portfolio.csv', bytes: FILE });
  const options = {
    ...parseOptions(PortfolioOptionsSchema, { monteCarloPaths: 1000 }, 'http'),
    lang: 'en',
    paper: 'A4',
  } as const;
  const figures = (p: HistoryPoint) => {
    const { kind, backfilled, monthEnd, generatedAt, analysisId, inputHash, ...rest } = p;
    return rest;
  };
  for (const p of points) {
    const single = await runAnalysis(imported, { ...options, asOf: p.monthEnd! }, { market });
    expect(figures(p)).toEqual(figures(pointOf(single, { kind: 'backfill', inputHash: '' })));
  }
}, 60_000);
