import { z } from 'zod';
import { AnalysisOptionsSchema } from '../analysis';
import { BATCH_LIMITS, BatchOptionsSchema } from '../batch';
import { JsonHoldingsSchema } from '../holdings';
import { AnalysisReportSchema } from '../report';
import { portfolioPaths, portfolioSchemas } from './openapi-portfolios';
import { WhatIfRequestSchema, WhatIfSchema } from '../whatif';

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
/** The options of a route as JSON Schema properties, generated from the one options schema. */
function optionProperties(schema: z.ZodObject): Record<string, Record<string, unknown>> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, Record<string, unknown>>;
  };
  return json.properties ?? {};
}

/** The same options as query parameters (multipart fields and JSON members carry them too). */
function optionParameters(schema: z.ZodObject) {
  return Object.entries(optionProperties(schema)).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: 'query', schema: rest, ...(description !== undefined && { description }) };
  });
}

const analysisOptions = optionProperties(AnalysisOptionsSchema);
const upload = uploadBody('holdings CSV (any supported broker format)', analysisOptions, {
  'text/csv': { schema: { type: 'string' } },
  'application/json': { schema: { $ref: '#/components/schemas/JsonHoldings' } },
});
const batchUpload = uploadBody(
  'a zip of holdings CSVs (each file name is the portfolio id) or JSON lines { "id", "holdings" }',
  optionProperties(BatchOptionsSchema),
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
    engine: { type: 'string', enum: ['threads', 'redis'] },
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
      type: 'object',
      description: `files that are not portfolios (the first ${BATCH_LIMITS.skippedListed}) and their total`,
      properties: {
        files: {
          type: 'array',
          items: { type: 'object', properties: { name: { type: 'string' }, reason: { type: 'string' } } },
        },
        total: { type: 'integer' },
      },
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
              code: { type: 'string', description: 'why it failed, as a message code' },
              reason: { type: 'string', description: 'why it failed, in English' },
              marketValue: { type: 'number' },
              aiInfrastructure: { type: 'number' },
              score: { type: 'number' },
              issuerEffectiveN: { type: ['number', 'null'] },
              top1: { type: 'number' },
              breaches: { type: 'array', items: { type: 'string' }, description: 'ids of the rules it fails' },
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
/** lang and paper of a rendered report, from the options schema (lang defaults to Accept-Language). */
const renderParams = optionParameters(AnalysisOptionsSchema.pick({ lang: true, paper: true }));

const json = (schema: unknown) => ({ 'application/json': { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const analysisPaths = {
  '/analyses': {
    post: {
      summary: 'Analyse a holdings file',
      parameters: optionParameters(AnalysisOptionsSchema),
      requestBody: upload,
      responses: {
        '201': {
          description: 'stored analysis',
          content: json({
            type: 'object',
            properties: {
              id: { type: 'string', format: 'uuid' },
              created: { type: 'string' },
              report: ref('AnalysisReport'),
            },
          }),
        },
        ...errors([400, 401, 413, 415, 422, 429, 503, 507]),
      },
    },
  },
  '/analyses/{id}': {
    get: {
      summary: 'A stored analysis (only for the API key that created it)',
      parameters: [idParam],
      responses: { '200': { description: 'the analysis' }, ...errors([400, 401, 404, 429]) },
    },
  },
  '/analyses/{id}/report.pdf': {
    get: {
      summary: 'The PDF report',
      parameters: [idParam, ...renderParams],
      responses: { '200': { description: 'PDF', content: { 'application/pdf': {} } }, ...errors([400, 401, 404, 429]) },
    },
  },
  '/analyses/{id}/report.html': {
    get: {
      summary: 'The HTML report',
      parameters: [idParam, ...renderParams.filter((p) => p.name === 'lang')],
      responses: { '200': { description: 'HTML', content: { 'text/html': {} } }, ...errors([400, 401, 404, 429]) },
    },
  },
  '/analyses/{id}/what-if': {
    post: {
      summary:
        'The fewest trades (least turnover) that bring a stored analysis to target AI exposure, issuer cap or ' +
        'score: an illustration, not investment advice (docs/methodology.md, What-if)',
      parameters: [idParam, ...renderParams.filter((p) => p.name === 'lang')],
      requestBody: { required: true, content: json(ref('WhatIfRequest')) },
      responses: {
        '200': {
          description:
            'the what-if document; with Accept: text/html, the what-if page of the report as an HTML fragment ' +
            'in `lang` (else the Accept-Language)',
          content: { ...json(ref('WhatIf')), 'text/html': { schema: { type: 'string' } } },
        },
        ...errors([400, 401, 404, 413, 422, 429, 503]),
      },
    },
  },
  '/holdings/preview': {
    post: {
      summary: 'Read a holdings file without analysing it',
      parameters: optionParameters(AnalysisOptionsSchema),
      requestBody: upload,
      responses: {
        '200': {
          description: 'preview; with Accept: text/html, the file as read as an HTML fragment in the Accept-Language',
          content: { ...json(ref('Preview')), 'text/html': { schema: { type: 'string' } } },
        },
        ...errors([400, 401, 413, 415, 422, 429]),
      },
    },
  },
};

const batchPaths = {
  '/batches': {
    post: {
      summary: 'Analyse many portfolios (runs in the background)',
      parameters: optionParameters(BatchOptionsSchema),
      requestBody: batchUpload,
      responses: {
        '202': { description: 'accepted; follow the Location', content: json(ref('BatchStatus')) },
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
          schema: { type: 'integer', minimum: 0, maximum: BATCH_LIMITS.statusRows, default: 100 },
          description: 'rows of the ranking to include',
        },
      ],
      responses: {
        '200': { description: 'the batch', content: json(ref('BatchStatus')) },
        ...errors([400, 401, 404, 429]),
      },
    },
  },
  '/batches/{id}/summary.csv': {
    get: {
      summary: 'The whole ranking as CSV (formula-safe)',
      parameters: [batchId],
      responses: { '200': { description: 'CSV', content: { 'text/csv': {} } }, ...errors([400, 401, 404, 409, 429]) },
    },
  },
  '/batches/{id}/portfolios/{portfolio}': {
    get: {
      summary: "A portfolio's AnalysisReport",
      parameters: [batchId, portfolioId],
      responses: {
        '200': { description: 'report', content: json(ref('AnalysisReport')) },
        ...errors([400, 401, 404, 429]),
      },
    },
  },
  '/batches/{id}/portfolios/{portfolio}/report.pdf': {
    get: {
      summary: "A portfolio's PDF report (made by the batch, or rendered on request)",
      parameters: [batchId, portfolioId, ...renderParams],
      responses: { '200': { description: 'PDF', content: { 'application/pdf': {} } }, ...errors([400, 401, 404, 429]) },
    },
  },
};

let document: Record<string, unknown> | undefined;

/** OpenAPI 3.1 for the API, its schemas generated from the zod schemas the code validates with (built once). */
export function openApiDocument(): Record<string, unknown> {
  document ??= {
    openapi: '3.1.0',
    info: {
      title: 'ai-exposure API',
      version: '1',
      description: 'AI-infrastructure exposure, concentration and overspending-risk analysis of a holdings file.',
    },
    servers: [{ url: '/api/v1' }],
    components: {
      schemas: {
        ...portfolioSchemas,
        AnalysisReport: z.toJSONSchema(AnalysisReportSchema, { unrepresentable: 'any' }),
        JsonHoldings: z.toJSONSchema(JsonHoldingsSchema.extend(AnalysisOptionsSchema.shape), {
          io: 'input',
          unrepresentable: 'any',
        }),
        Preview: z.toJSONSchema(Preview),
        Error: z.toJSONSchema(ErrorEnvelope),
        BatchStatus: batchStatus,
        WhatIfRequest: z.toJSONSchema(WhatIfRequestSchema, { io: 'input', unrepresentable: 'any' }),
        WhatIf: z.toJSONSchema(WhatIfSchema, { unrepresentable: 'any' }),
      },
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'required when the service is started with API_KEYS' },
      },
    },
    security: [{ bearer: [] }, {}],
    paths: { ...analysisPaths, ...batchPaths, ...portfolioPaths },
  };
  return document;
}
