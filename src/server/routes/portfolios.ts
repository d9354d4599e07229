import { Router, type Request } from 'express';
import { AnalysisOptionsSchema } from '../../analysis';
import { AppError } from '../../errors';
import { uploadOf, type Monitor, type PortfolioInput } from '../../monitor/monitor';
import type { AlertEvent, PortfolioRecord, Store } from '../../store';
import type { AnalysisRunner } from '../analysis-runner';
import { idParam, isUuid, limitParam, requestOptions } from '../http/params';
import {
  checkJsonFields,
  dateParam,
  hasHoldings,
  monthsParam,
  namesOptions,
  offsetParam,
  portfolioFields,
  portfolioUpload,
  PortfolioOptionsSchema,
} from '../http/portfolio-fields';
import { ownerOf } from '../http/security';
import { uploadReader } from '../http/uploads';
import { holdingsUploadRules } from './holdings';
import { portfolioReportRoutes } from './portfolio-reports';

export interface PortfoliosDeps {
  store: Store;
  monitor: Monitor;
  runner: AnalysisRunner;
  maxUploadBytes: number;
  defaults: Record<string, unknown>;
  /** Month-ends back-filled when a portfolio is saved, unless the request says otherwise. */
  backfillMonths: number;
}

const PAGE = { fallback: 100, max: 1000 };

/**
 * Saved portfolios: CRUD, re-analysis now, back-fill, history, alerts and the report with its
 * trend. Every route finds the portfolio by id and owner together: another key's gets 404, the
 * same answer as an id that never existed.
 */
export function portfolioRoutes(deps: PortfoliosDeps): Router {
  const { store, monitor } = deps;
  const routes = Router();
  const upload = uploadReader(holdingsUploadRules(deps.maxUploadBytes));

  routes.post('/', upload, async (req, res) => {
    checkJsonFields(req);
    const owner = ownerOf(req);
    const input = newInput(req, deps.defaults);
    const made = await monitor.create(owner, input, monthsParam(req, 'backfillMonths', deps.backfillMonths));
    res.status(201).location(`/api/v1/portfolios/${made.portfolio.id}`);
    res.json({
      ...view(made.portfolio),
      webhookSecret: made.portfolio.webhookSecret,
      latest: made.latest.point,
      backfill: made.backfill,
    });
  });

  routes.get('/', async (req, res) => {
    const owner = ownerOf(req);
    const page = { limit: limitParam(req, PAGE.fallback, PAGE.max), offset: offsetParam(req) };
    const { total, items } = await store.portfolios.list(owner, page);
    const portfolios = [];
    for (const p of items) portfolios.push({ ...view(p), ...(await glance(store, p)) });
    res.json({ total, ...page, portfolios });
  });

  routes.get('/:id', async (req, res) => {
    const p = await find(store, req);
    res.json({ ...view(p), ...(await glance(store, p)) });
  });

  routes.put('/:id', upload, async (req, res) => {
    checkJsonFields(req);
    const before = await find(store, req);
    const input = changedInput(req, before, deps.defaults);
    const fields = await monitor.fields(input, before.webhookUrl === input.webhookUrl ? before.webhookSecret : null);
    const after = await store.portfolios.update(before.id, before.owner, fields);
    if (after === null) throw notFound(before.id);
    await store.alerts.keepStates(after.id, after.alerts);
    const secretChanged = after.webhookSecret !== before.webhookSecret;
    res.json({ ...view(after), ...(secretChanged && { webhookSecret: after.webhookSecret }) });
  });

  routes.delete('/:id', async (req, res) => {
    const p = await find(store, req);
    if (!(await store.deletePortfolio(p.id, p.owner))) throw notFound(p.id);
    res.status(204).end();
  });

  routes.post('/:id/analyses', async (req, res) => {
    const p = await find(store, req);
    const { asOf } = requestOptions(req, AnalysisOptionsSchema.pick({ asOf: true }));
    const outcome = await monitor.analyse(p, { kind: 'manual', ...(asOf !== undefined && { asOf }) });
    if (outcome === null) throw notFound(p.id);
    res
      .status(201)
      .json({ analysisId: outcome.analysisId, point: outcome.point, events: outcome.events.map(eventView) });
  });

  routes.post('/:id/backfill', async (req, res) => {
    const p = await find(store, req);
    res.json(await monitor.backfill(p, monthsParam(req, 'months', 12)));
  });

  routes.get('/:id/history', async (req, res) => {
    const p = await find(store, req);
    const range = { from: dateParam(req, 'from'), to: dateParam(req, 'to') };
    const page = { limit: limitParam(req, PAGE.fallback, PAGE.max), offset: offsetParam(req) };
    const { total, points } = await store.history.list(p.id, { ...range, ...page });
    const next = page.offset + points.length < total ? page.offset + points.length : null;
    res.json({ portfolioId: p.id, ...range, total, ...page, next, points });
  });

  routes.get('/:id/alerts', async (req, res) => {
    const p = await find(store, req);
    const page = { limit: limitParam(req, PAGE.fallback, PAGE.max), offset: offsetParam(req) };
    const states = await store.db.transaction((tx) => store.alerts.states(tx, p.id));
    const alerts = p.alerts.map((expression) => ({
      expression,
      ...(states.get(expression) ?? { crossed: false, asOf: null, value: null }),
    }));
    const { total, items } = await store.alerts.events(p.id, page);
    res.json({ portfolioId: p.id, alerts, total, ...page, events: items.map(eventView) });
  });

  routes.use('/:id', portfolioReportRoutes({ store, runner: deps.runner, find: (req) => find(store, req) }));
  return routes;
}

/** A new portfolio from the request: its holdings, options, name (the file's by default), webhook and alerts. */
function newInput(req: Request, defaults: Record<string, unknown>): PortfolioInput {
  const fields = portfolioFields(req);
  const upload = portfolioUpload(req);
  return {
    name: fields.name ?? (upload.kind === 'file' ? upload.fileName : 'Portfolio'),
    upload,
    options: requestOptions(req, PortfolioOptionsSchema, defaults),
    webhookUrl: fields.webhookUrl ?? null,
    alerts: fields.alerts ?? [],
    schedule: fields.schedule ?? true,
  };
}

/** A PUT: what the request names replaces what was saved; the rest stays. */
function changedInput(req: Request, before: PortfolioRecord, defaults: Record<string, unknown>): PortfolioInput {
  const fields = portfolioFields(req);
  const holdings = hasHoldings(req);
  if (!holdings && !namesOptions(req) && Object.keys(fields).length === 0)
    throw new AppError('bad_request', 'invalid_portfolio', {
      params: { reason: { code: 'portfolio.nothing', params: {} } },
    });
  return {
    name: fields.name ?? before.name,
    upload: holdings ? portfolioUpload(req) : uploadOf(before.upload),
    options: namesOptions(req)
      ? requestOptions(req, PortfolioOptionsSchema, { ...defaults, ...before.options })
      : (before.options as PortfolioInput['options']),
    webhookUrl: fields.webhookUrl === undefined ? before.webhookUrl : fields.webhookUrl,
    alerts: fields.alerts ?? before.alerts,
    schedule: fields.schedule ?? before.schedule,
  };
}

async function find(store: Store, req: Request): Promise<PortfolioRecord> {
  const id = idParam(req.params.id, isUuid, 'id.saved_portfolio');
  const p = await store.portfolios.get(id, ownerOf(req));
  if (p === null) throw notFound(id);
  return p;
}

function notFound(id: string): AppError {
  return new AppError('not_found', 'not_found', {
    params: { reason: { code: 'notfound.saved_portfolio', params: { id } } },
  });
}

/** A portfolio as the API shows it: never its webhook secret (shown once, when made). */
function view(p: PortfolioRecord) {
  const base = `/api/v1/portfolios/${p.id}`;
  return {
    id: p.id,
    name: p.name,
    created: new Date(p.created).toISOString(),
    updated: new Date(p.updated).toISOString(),
    holdings: { fileName: p.upload.kind === 'file' ? p.upload.fileName : 'holdings.json', inputHash: p.inputHash },
    options: p.options,
    webhook: p.webhookUrl === null ? null : { url: p.webhookUrl },
    alerts: p.alerts,
    schedule: p.schedule,
    latestAnalysisId: p.latestAnalysisId,
    links: { history: `${base}/history`, alerts: `${base}/alerts`, report: `${base}/report.html` },
  };
}

/** What a list shows at a glance: the latest point, a sparkline's worth of points, the latest alerts. */
async function glance(store: Store, p: PortfolioRecord) {
  const recent = await store.history.recent(p.id, 60);
  const { items } = await store.alerts.events(p.id, { limit: 3, offset: 0 });
  return {
    latest: recent.at(-1) ?? null,
    spark: recent.map((x) => ({
      asOf: x.asOf,
      score: x.score,
      aiRevenueShare: x.headline.aiRevenueShare,
      backfilled: x.backfilled,
    })),
    latestAlerts: items.map(eventView),
  };
}

function eventView(e: AlertEvent) {
  return {
    id: e.id,
    alert: e.alert,
    transition: e.transition,
    asOf: e.asOf,
    created: new Date(e.created).toISOString(),
    delivery: {
      status: e.status,
      attempts: e.attempts,
      lastError: e.lastError,
      delivered: e.delivered === null ? null : new Date(e.delivered).toISOString(),
      nextAttempt: e.nextAttempt === null || e.status !== 'pending' ? null : new Date(e.nextAttempt).toISOString(),
    },
    event: JSON.parse(e.payload) as unknown,
  };
}
