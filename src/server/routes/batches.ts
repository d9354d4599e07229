import { Router, type Request } from 'express';
import { AnalysisOptionsSchema } from '../../analysis';
import { BATCH_LIMITS, BatchOptionsSchema, isPortfolioId, looksLikeZip } from '../../batch';
import { AppError } from '../../errors';
import type { AnalysisRunner } from '../analysis-runner';
import type { BatchService, BatchStatus } from '../batch-service';
import { idParam, isUuid, limitParam, requestOptions } from '../http/params';
import { ownerOf } from '../http/security';
import { uploadedFile, uploadReader } from '../http/uploads';

const BODY_TYPES = [
  'application/zip',
  'application/x-zip-compressed',
  'application/octet-stream',
  'application/x-ndjson',
  'application/jsonl',
  'application/json',
  'text/plain',
];

const RENDER_OPTIONS = AnalysisOptionsSchema.pick({ lang: true, paper: true });

/**
 * Batches: submit a zip of holdings files or JSON lines (listed and refused early, run in the
 * background), follow the progress, read the ranking and each portfolio's report and PDF. Every
 * batch is its submitter's: another key gets 404.
 */
export function batchRoutes(deps: {
  batches: BatchService;
  runner: AnalysisRunner;
  maxBytes: number;
  defaults: Record<string, unknown>;
}): Router {
  const { batches, runner } = deps;
  const routes = Router();

  routes.post('/', uploadReader({ maxBytes: deps.maxBytes, rawTypes: BODY_TYPES, json: false }), async (req, res) => {
    const owner = ownerOf(req);
    const options = requestOptions(req, BatchOptionsSchema, deps.defaults);
    const zipBody = Buffer.isBuffer(req.body) && looksLikeZip(req.body);
    const file = uploadedFile(req, { what: 'batch', bodyFileName: zipBody ? 'batch.zip' : 'batch.jsonl' });
    const status = await batches.submit(file, options, owner);
    res.status(202).location(`/api/v1/batches/${status.id}`).json(view(status, 0));
  });

  routes.get('/:id', async (req, res) => {
    const status = await find(batches, req);
    res.json(view(status, limitParam(req, 100, BATCH_LIMITS.statusRows)));
  });

  routes.get('/:id/summary.csv', async (req, res) => {
    const status = await find(batches, req);
    const csv = status.state === 'done' ? await batches.summaryCsv(status.id, ownerOf(req)) : null;
    if (csv === null)
      throw new AppError('conflict', 'batch_not_done', { params: { id: status.id, state: status.state } });
    res
      .type('text/csv')
      .setHeader('Content-Disposition', `attachment; filename="batch-${status.id.slice(0, 8)}-summary.csv"`)
      .send(csv);
  });

  routes.get('/:id/portfolios/:portfolio', async (req, res) => {
    const status = await find(batches, req);
    const portfolio = idParam(req.params.portfolio, isPortfolioId, 'id.portfolio');
    const json = await batches.portfolioReport(status.id, ownerOf(req), portfolio);
    if (json === null) throw noPortfolio(status.id, portfolio);
    res.type('application/json').send(json);
  });

  routes.get('/:id/portfolios/:portfolio/report.pdf', async (req, res) => {
    const status = await find(batches, req);
    const portfolio = idParam(req.params.portfolio, isPortfolioId, 'id.portfolio');
    const { lang, paper } = requestOptions(req, RENDER_OPTIONS);
    const pdf = await batches.portfolioPdf(status.id, ownerOf(req), portfolio, { lang, paper }, (reportJson) =>
      runner.render({ reportJson, format: 'pdf', lang, paper }),
    );
    if (pdf === null) throw noPortfolio(status.id, portfolio);
    res
      .type('application/pdf')
      .setHeader('Content-Disposition', `inline; filename="ai-exposure-${portfolio}.pdf"`)
      .send(pdf);
  });
  return routes;
}

async function find(batches: BatchService, req: Request): Promise<BatchStatus> {
  const id = idParam(req.params.id, isUuid, 'id.batch');
  const status = await batches.status(id, ownerOf(req));
  if (status === null)
    throw new AppError('not_found', 'not_found', { params: { reason: { code: 'notfound.batch', params: { id } } } });
  return status;
}

function noPortfolio(batch: string, portfolio: string): AppError {
  return new AppError('not_found', 'not_found', {
    params: { reason: { code: 'notfound.portfolio', params: { batch, portfolio } } },
  });
}

/** A status as answered: the top `limit` rows of the ranking once done, and where to go next. */
function view(status: BatchStatus, limit: number) {
  const { ranking, ...rest } = status;
  const id = status.id;
  return {
    ...rest,
    summary:
      ranking === undefined
        ? null
        : {
            counts: status.progress,
            rows: ranking.rows.slice(0, limit),
            rowsShown: Math.min(limit, ranking.rows.length),
            rowsTotal: ranking.rowsTotal,
          },
    links: {
      self: `/api/v1/batches/${id}`,
      summaryCsv: `/api/v1/batches/${id}/summary.csv`,
      portfolio: `/api/v1/batches/${id}/portfolios/{portfolioId}`,
      pdf: `/api/v1/batches/${id}/portfolios/{portfolioId}/report.pdf`,
    },
  };
}
