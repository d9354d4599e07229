import { Router } from 'express';
import { AnalysisOptionsSchema } from '../../analysis';
import { previewJson } from '../../holdings';
import type { AnalysisRunner } from '../analysis-runner';
import { requestOptions } from '../http/params';
import { holdingsUpload, uploadReader } from '../http/uploads';
import { previewHtml } from './page-preview';

/** POST /holdings/preview: the upload read (on the worker threads, within its time budget), nothing analysed. */
export function holdingsRoutes({ runner, maxUploadBytes }: { runner: AnalysisRunner; maxUploadBytes: number }): Router {
  const routes = Router();
  routes.post('/preview', uploadReader(holdingsUploadRules(maxUploadBytes)), async (req, res) => {
    // The same options as an analysis, so a mistake is told now; `lang` (else Accept-Language) for the HTML.
    const { lang } = requestOptions(req, AnalysisOptionsSchema);
    const imported = await runner.importHoldings(holdingsUpload(req).upload);
    // The upload page asks for the file as read in HTML, in its reader's language; API clients get JSON.
    if (req.accepts(['json', 'html']) === 'html') res.type('html').send(previewHtml(imported, lang));
    else res.json(previewJson(imported));
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
