import { z } from 'zod';
import { AnalysisReportSchema } from '../report';
import { JsonHoldingsSchema } from '../holdings';

const ErrorEnvelope = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) }),
});
const Preview = z.object({
  fileName: z.string(),
  format: z.object({
    id: z.string(),
    label: z.string(),
    encoding: z.string(),
    delimiter: z.string(),
    decimalMark: z.string(),
    headerRow: z.number(),
  }),
  holdings: z.array(z.record(z.string(), z.unknown())),
  problems: z.array(z.object({ row: z.number(), column: z.string(), value: z.string(), reason: z.string() })),
  skipped: z.array(z.object({ row: z.number(), reason: z.string() })),
  counts: z.object({
    read: z.number(),
    accepted: z.number(),
    merged: z.number(),
    rejected: z.number(),
    skipped: z.number(),
  }),
});

const errors = (codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [
      String(c),
      { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    ]),
  );
/** A request body: a file in the multipart field `file` (with option fields), or the file as the body. */
function uploadBody(file: string, options: Record<string, unknown>, bodies: Record<string, unknown>) {
  return {
    required: true,
    content: {
      'multipart/form-data': {
        schema: {
          type: 'object',
          properties: { file: { type: 'string', format: 'binary', description: file }, ...options },
          required: ['file'],
        },
      },
      ...bodies,
    },
  };
}
const commonOptions = {
  asOf: { type: 'string', format: 'date' },
  baseCurrency: { type: 'string', example: 'EUR' },
  lang: { type: 'string', enum: ['en', 'it'] },
};
const upload = uploadBody(
  'holdings CSV (any supported broker format)',
  { ...commonOptions, strict: { type: 'string', enum: ['true', 'false'] } },
  {
    'text/csv': { schema: { type: 'string' } },
    'application/json': { schema: { $ref: '#/components/schemas/JsonHoldings' } },
  },
);
const batchUpload = uploadBody(
  'a zip of holdings CSVs (each file name is the portfolio id) or JSON lines { "id", "holdings" }',
  {
    ...commonOptions,
    pdf: {
      type: 'string',
      enum: ['true', 'false'],
      description: 'also render each portfolio as a PDF during the batch',
    },
    paper: { type: 'string', enum: ['A4', 'LETTER'] },
  },
  {
    'application/zip': { schema: { type: 'string', format: 'binary' } },
    'application/x-ndjson': {
      schema: { type: 'string', description: 'one JSON object { "id": "client-17", "holdings": [...] } per line' },
    },
  },
);
const batchStatus = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' },
    state: { type: 'string', enum: ['queued', 'running', 'done', 'failed', 'interrupted'] },
    engine: { type: 'string', enum: ['embedded', 'redis'] },
    created: { type: 'string', format: 'date-time' },
    started: { type: ['string', 'null'], format: 'date-time' },
    finished: { type: ['string', 'null'], format: 'date-time' },
    progress: {
      type: 'object',
      properties: { done: { type: 'integer' }, failed: { type: 'integer' }, total: { type: 'integer' } },
    },
    portfoliosPerSecond: { type: ['number', 'null'] },
    etaSeconds: { type: ['integer', 'null'] },
    skipped: {
      type: 'array',
      items: { type: 'object', properties: { name: { type: 'string' }, reason: { type: 'string' } } },
    },
    error: { type: 'string' },
    summary: {
      type: ['object', 'null'],
      description:
        'once done: counts and the ranking, riskiest first (the first `limit` rows; all of them in summary.csv)',
      properties: {
        counts: { type: 'object' },
        rowsShown: { type: 'integer' },
        rowsTotal: { type: 'integer' },
        rows: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              status: { type: 'string', enum: ['ok', 'failed'] },
              reason: { type: 'string' },
              marketValue: { type: 'number' },
              aiInfrastructure: { type: 'number' },
              score: { type: 'number' },
              issuerEffectiveN: { type: ['number', 'null'] },
              top1: { type: 'number' },
              breaches: { type: 'array', items: { type: 'string' } },
            },
          },
        },
      },
    },
  },
};
const batchId = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const portfolioId = {
  name: 'portfolio',
  in: 'path',
  required: true,
  schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$' },
};
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const langParam = {
  name: 'lang',
  in: 'query',
  schema: { type: 'string', enum: ['en', 'it'] },
  description: 'default: from Accept-Language',
};

/** OpenAPI 3.1 for the API, its schemas generated from the zod schemas the code validates with. */
export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'ai-exposure API',
      version: '1',
      description: 'AI-infrastructure exposure, concentration and overspending-risk analysis of a holdings file.',
    },
    servers: [{ url: '/api/v1' }],
    components: {
      schemas: {
        AnalysisReport: z.toJSONSchema(AnalysisReportSchema, { unrepresentable: 'any' }),
        JsonHoldings: z.toJSONSchema(
          JsonHoldingsSchema.extend({
            asOf: z.string().optional(),
            baseCurrency: z.string().optional(),
            strict: z.boolean().optional(),
            notionalValue: z.number().optional(),
          }),
        ),
        Preview: z.toJSONSchema(Preview),
        Error: z.toJSONSchema(ErrorEnvelope),
        BatchStatus: batchStatus,
      },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'required when the service is started with API_KEYS' },
      },
    },
    security: [{ bearer: [] }, {}],
    paths: {
      '/analyses': {
        post: {
          summary: 'Analyse a holdings file',
          requestBody: upload,
          responses: {
            '201': {
              description: 'stored analysis',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      id: { type: 'string', format: 'uuid' },
                      created: { type: 'string' },
                      report: { $ref: '#/components/schemas/AnalysisReport' },
                    },
                  },
                },
              },
            },
            ...errors([400, 401, 413, 415, 422, 429, 503]),
          },
        },
      },
      '/analyses/{id}': {
        get: {
          summary: 'A stored analysis',
          parameters: [idParam],
          responses: { '200': { description: 'the analysis' }, ...errors([400, 401, 404]) },
        },
      },
      '/analyses/{id}/report.pdf': {
        get: {
          summary: 'The PDF report',
          parameters: [
            idParam,
            langParam,
            { name: 'paper', in: 'query', schema: { type: 'string', enum: ['A4', 'LETTER'] } },
          ],
          responses: { '200': { description: 'PDF', content: { 'application/pdf': {} } }, ...errors([400, 401, 404]) },
        },
      },
      '/analyses/{id}/report.html': {
        get: {
          summary: 'The HTML report',
          parameters: [idParam, langParam],
          responses: { '200': { description: 'HTML', content: { 'text/html': {} } }, ...errors([400, 401, 404]) },
        },
      },
      '/batches': {
        post: {
          summary: 'Analyse many portfolios (runs in the background)',
          requestBody: batchUpload,
          responses: {
            '202': {
              description: 'accepted; follow the Location',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/BatchStatus' } } },
            },
            ...errors([400, 401, 413, 415, 422, 429, 503, 507]),
          },
        },
      },
      '/batches/{id}': {
        get: {
          summary: 'Progress (done, failed, total, ETA) and, once done, the ranking',
          parameters: [
            batchId,
            {
              name: 'limit',
              in: 'query',
              schema: { type: 'integer', minimum: 0, default: 100 },
              description: 'rows of the ranking to include',
            },
          ],
          responses: {
            '200': {
              description: 'the batch',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/BatchStatus' } } },
            },
            ...errors([400, 401, 404]),
          },
        },
      },
      '/batches/{id}/summary.csv': {
        get: {
          summary: 'The whole ranking as CSV (formula-safe)',
          parameters: [batchId],
          responses: { '200': { description: 'CSV', content: { 'text/csv': {} } }, ...errors([400, 401, 404, 409]) },
        },
      },
      '/batches/{id}/portfolios/{portfolio}': {
        get: {
          summary: "A portfolio's AnalysisReport",
          parameters: [batchId, portfolioId],
          responses: {
            '200': {
              description: 'report',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/AnalysisReport' } } },
            },
            ...errors([400, 401, 404]),
          },
        },
      },
      '/batches/{id}/portfolios/{portfolio}/report.pdf': {
        get: {
          summary: "A portfolio's PDF report (made by the batch, or rendered on request)",
          parameters: [
            batchId,
            portfolioId,
            langParam,
            { name: 'paper', in: 'query', schema: { type: 'string', enum: ['A4', 'LETTER'] } },
          ],
          responses: { '200': { description: 'PDF', content: { 'application/pdf': {} } }, ...errors([400, 401, 404]) },
        },
      },
      '/holdings/preview': {
        post: {
          summary: 'Read a holdings file without analysing it',
          requestBody: upload,
          responses: {
            '200': {
              description: 'preview',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Preview' } } },
            },
            ...errors([400, 401, 413, 415, 422]),
          },
        },
      },
    },
  };
}
