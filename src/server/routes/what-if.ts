import { Router } from 'express';
import { AnalysisOptionsSchema } from '../../analysis';
import { sectionHtml, whatIfSection } from '../../report';
import type { Store } from '../../store';
import { parseWhatIfOptions, WhatIfRequestSchema, type WhatIfDocument } from '../../whatif';
import type { AnalysisRunner } from '../analysis-runner';
import { requestOptions } from '../http/params';
import { ownerOf } from '../http/security';
import { uploadReader } from '../http/uploads';
import { find } from './analyses';

/** A what-if request is a small JSON object (targets and trading rules): anything larger is not one. */
const MAX_BODY_BYTES = 16 * 1024;
const FIELDS = Object.keys(WhatIfRequestSchema.shape);
const LANG_OPTION = AnalysisOptionsSchema.pick({ lang: true });

/**
 * POST /analyses/:id/what-if: the fewest trades that bring a stored analysis (the caller's own) to
 * the targets in the JSON body, answered with the what-if document. The options are checked here
 * (400 naming the field); the work runs on the worker threads; targets no trade can reach are 422
 * naming the target and the best value reachable. With Accept: text/html the answer is the
 * report's what-if page as an HTML fragment in `?lang` (else Accept-Language), for the upload page.
 */
export function whatIfRoutes({ runner, store }: { runner: AnalysisRunner; store: Store }): Router {
  const routes = Router();
  const body = uploadReader({ maxBytes: MAX_BODY_BYTES, rawTypes: [], json: true });
  routes.post('/:id/what-if', body, async (req, res) => {
    const stored = await find(store, req.params.id, ownerOf(req));
    const sent = req.jsonBytes !== undefined && isRecord(req.body) ? req.body : {};
    const fields = Object.fromEntries(FIELDS.filter((f) => Object.hasOwn(sent, f)).map((f) => [f, sent[f]]));
    const options = parseWhatIfOptions({ ...stored.options, ...fields }, 'http');
    const lang = req.accepts(['json', 'html']) === 'html' ? requestOptions(req, LANG_OPTION).lang : null;
    const document = await runner.whatIf({ reportJson: stored.reportJson, options });
    // The document is a few kilobytes (no price series), so parsing it here to word it costs little.
    if (lang === null) res.type('application/json').send(document);
    else res.type('html').send(sectionHtml(whatIfSection(JSON.parse(document) as WhatIfDocument, lang)));
  });
  return routes;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
