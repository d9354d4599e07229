import { Router, type Response } from 'express';
import { AnalysisOptionsSchema } from '../../analysis';
import { AppError } from '../../errors';
import type { AnalysisRunner } from '../analysis-runner';
import type { Store, StoredAnalysis } from '../../store';
import { idParam, isUuid, requestOptions } from '../http/params';
import { ownerOf } from '../http/security';
import { holdingsUpload, themeUpload, uploadReader } from '../http/uploads';
import { ResultCache, inputHash } from '../result-cache';
import { holdingsUploadRules } from './holdings';

export interface AnalysesDeps {
  runner: AnalysisRunner;
  store: Store;
  cache: ResultCache;
  maxUploadBytes: number;
  /** The service's option defaults (BASE_CURRENCY). */
  defaults: Record<string, unknown>;
}

const RENDER_OPTIONS = AnalysisOptionsSchema.pick({ lang: true, paper: true });

/**
 * POST /analyses (read on the worker threads within a time budget, analysed there, stored for the
 * caller), and the stored analysis with its rendered reports, for that caller only: another key
 * gets 404 as for an id that does not exist.
 */
export function analysesRoutes(deps: AnalysesDeps): Router {
  const { runner, store, cache } = deps;
  const routes = Router();

  routes.post('/', uploadReader({ ...holdingsUploadRules(deps.maxUploadBytes), theme: true }), async (req, res) => {
    const owner = ownerOf(req);
    const options = requestOptions(req, AnalysisOptionsSchema, deps.defaults);
    const { upload, fileName, bytes } = holdingsUpload(req);
    const theme = themeUpload(req);
    const key = ResultCache.key({ owner, fileName, bytes, options: { ...options, theme: theme?.text ?? null } });
    const report =
      cache.get(key) ?? cache.put(key, await runner.analyse(await runner.importHoldings(upload), options, theme));
    const stored = await store.analyses.save(owner, inputHash(bytes), options, report.json, report.hash);
    res.status(201).location(`/api/v1/analyses/${stored.id}`);
    sendJson(res, { id: stored.id, created: stored.created }, report.json);
  });

  routes.get('/:id', async (req, res) => {
    const stored = await find(store, req.params.id, ownerOf(req));
    sendJson(res, { id: stored.id, created: stored.created, options: stored.options }, stored.reportJson);
  });

  routes.get('/:id/report.html', async (req, res) => {
    const stored = await find(store, req.params.id, ownerOf(req));
    const { lang } = requestOptions(req, RENDER_OPTIONS);
    const html = await store.analyses.rendered(stored, `report.${lang}.html`, () =>
      runner.render({ reportJson: stored.reportJson, format: 'html', lang, paper: 'A4' }),
    );
    res.type('html').send(html);
  });

  routes.get('/:id/report.pdf', async (req, res) => {
    const stored = await find(store, req.params.id, ownerOf(req));
    const { lang, paper } = requestOptions(req, RENDER_OPTIONS);
    const pdf = await store.analyses.rendered(stored, `report.${lang}.${paper}.pdf`, () =>
      runner.render({ reportJson: stored.reportJson, format: 'pdf', lang, paper }),
    );
    res
      .type('application/pdf')
      .setHeader('Content-Disposition', `inline; filename="ai-exposure-${stored.id.slice(0, 8)}.pdf"`)
      .send(pdf);
  });
  return routes;
}

export async function find(store: Store, id: string | string[] | undefined, owner: string): Promise<StoredAnalysis> {
  const checked = idParam(id, isUuid, 'id.analysis');
  const stored = await store.analyses.get(checked, owner);
  if (stored === null)
    throw new AppError('not_found', 'not_found', {
      params: { reason: { code: 'notfound.analysis', params: { id: checked } } },
    });
  return stored;
}

/** A JSON object whose `report` is JSON text already serialised (never parsed and re-serialised here). */
function sendJson(res: Response, fields: Record<string, unknown>, reportJson: string): void {
  const head = JSON.stringify(fields);
  res.type('application/json').send(`${head.slice(0, -1)},"report":${reportJson}}`);
}
