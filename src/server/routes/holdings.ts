import { Router } from 'express';
import { AnalysisOptionsSchema } from '../../analysis';
import { previewJson } from '../../holdings';
import type { AnalysisRunner } from '../analysis-runner';
import { requestOptions } from '../http/params';
import { holdingsUpload, uploadReader } from '../http/uploads';

/** POST /holdings/preview: the upload read (on the worker threads, within its time budget), nothing analysed. */
export function holdingsRoutes({ runner, maxUploadBytes }: { runner: AnalysisRunner; maxUploadBytes: number }): Router {
  const routes = Router();
  routes.post('/preview', uploadReader(holdingsUploadRules(maxUploadBytes)), async (req, res) => {
    requestOptions(req, AnalysisOptionsSchema); // the same options as an analysis: a mistake is told now
    const imported = await runner.importHoldings(holdingsUpload(req).upload);
    res.json(previewJson(imported));
  });
  return routes;
}

/** What a holdings upload may be: multipart, a CSV body (any text type), or JSON holdings. */
export function holdingsUploadRules(maxBytes: number) {
  return {
    maxBytes,
    rawTypes: ['text/csv', 'text/plain', 'application/csv', 'text/tab-separated-values'],
    json: true,
  } as const;
}
