import { Router } from 'express';
import { parseWhatIfOptions, WhatIfRequestSchema } from '../../whatif';
import type { AnalysisRunner } from '../analysis-runner';
import type { Store } from '../../store';
import { ownerOf } from '../http/security';
import { uploadReader } from '../http/uploads';
import { find } from './analyses';

/** A what-if request is a small JSON object (targets and trading rules): anything larger is not one. */
const MAX_BODY_BYTES = 16 * 1024;
const FIELDS = Object.keys(WhatIfRequestSchema.shape);

/**
 * POST /analyses/:id/what-if: the fewest trades that bring a stored analysis (the caller's own) to
 * the targets in the JSON body, answered with the what-if document. The options are checked here
 * (400 naming the field); the work runs on the worker threads; targets no trade can reach are 422
 * naming the target and the best value reachable.
 */
export function whatIfRoutes({ runner, store }: { runner: AnalysisRunner; store: Store }): Router {
  const routes = Router();
  const body = uploadReader({ maxBytes: MAX_BODY_BYTES, rawTypes: [], json: true });
  routes.post('/:id/what-if', body, async (req, res) => {
    const stored = await find(store, req.params.id, ownerOf(req));
    const sent = req.jsonBytes !== undefined && isRecord(req.body) ? req.body : {};
    const fields = Object.fromEntries(FIELDS.filter((f) => Object.hasOwn(sent, f)).map((f) => [f, sent[f]]));
    const options = parseWhatIfOptions({ ...stored.options, ...fields }, 'http');
    const document = await runner.whatIf({ reportJson: stored.reportJson, options });
    res.type('application/json').send(document);
  });
  return routes;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
