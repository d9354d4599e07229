import { z } from 'zod';
import { AnalysisOptionsSchema } from '../analysis';
import { ALERT_METRICS, MAX_ALERTS } from '../monitor/alert-rules';
import { MAX_BACKFILL_MONTHS } from '../monitor/backfill';
import { PortfolioOptionsSchema } from './http/portfolio-fields';

/** Saved portfolios in OpenAPI: their fields, history points and alert events, generated from the zod schemas. */
const errors = (codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [
      String(c),
      { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    ]),
  );
const json = (schema: unknown) => ({ 'application/json': { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const page = [
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 0, maximum: 1000, default: 100 } },
  { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
];
const options = (
  z.toJSONSchema(PortfolioOptionsSchema, { io: 'input', unrepresentable: 'any' }) as {
    properties: Record<string, unknown>;
  }
).properties;

const fields = {
  name: { type: 'string', maxLength: 100, description: "the portfolio's name (default: the file's)" },
  webhookUrl: {
    type: ['string', 'null'],
    description: 'https URL receiving signed alert events (public addresses only)',
  },
  alerts: {
    type: 'array',
    maxItems: MAX_ALERTS,
    items: {
      type: 'string',
      examples: ['aiRevenueShare > 0.3', 'score >= 60', 'issuerTop1 > 10%', 'rule.single-issuer != pass'],
    },
    description: `thresholds "measure comparison value"; measures: ${ALERT_METRICS.join(', ')}`,
  },
  schedule: { type: 'boolean', default: true, description: 're-analysed daily after the US close' },
};
const body = {
  required: true,
  content: {
    'multipart/form-data': {
      schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' }, ...fields, ...options } },
    },
    'text/csv': { schema: { type: 'string' } },
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          holdings: { $ref: '#/components/schemas/JsonHoldings/properties/holdings' },
          ...fields,
          ...options,
          backfillMonths: { type: 'integer', minimum: 0, maximum: MAX_BACKFILL_MONTHS, default: 12 },
        },
      },
    },
  },
};

export const portfolioSchemas = {
  Portfolio: {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      ...fields,
      created: { type: 'string', format: 'date-time' },
      updated: { type: 'string', format: 'date-time' },
      options: { type: 'object' },
      webhook: { type: ['object', 'null'], properties: { url: { type: 'string' } } },
      webhookSecret: {
        type: 'string',
        description: 'only when made: signs X-Signature (t=<unix s>,v1=<hex HMAC-SHA256 of "t.body">)',
      },
      latest: { oneOf: [ref('HistoryPoint'), { type: 'null' }] },
      spark: { type: 'array', items: { type: 'object' } },
      latestAlerts: { type: 'array', items: ref('AlertEvent') },
    },
  },
  HistoryPoint: {
    type: 'object',
    description: 'what one analysis said on one market-data date (docs/methodology.md, "History points")',
    properties: {
      asOf: { type: 'string', format: 'date' },
      kind: { type: 'string', enum: ['created', 'manual', 'scheduled', 'backfill'] },
      backfilled: { type: 'boolean' },
      monthEnd: { type: 'string', format: 'date' },
      generatedAt: { type: 'string', format: 'date-time' },
      analysisId: { type: ['string', 'null'], format: 'uuid' },
      inputHash: { type: 'string' },
      versions: { $ref: '#/components/schemas/AnalysisReport/properties/versions' },
      headline: { type: 'object', additionalProperties: { type: 'number' } },
      score: { type: 'number' },
      coreFour: { type: 'object' },
      issuer: { type: ['object', 'null'], properties: { effectiveN: { type: 'number' }, top1: { type: 'number' } } },
      rules: { type: 'array', items: { type: 'object' } },
    },
  },
  AlertEvent: {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid' },
      alert: { type: 'string' },
      transition: { type: 'string', enum: ['crossed', 'cleared'] },
      asOf: { type: 'string', format: 'date' },
      delivery: {
        type: 'object',
        properties: {
          status: { type: 'string', enum: ['pending', 'delivered', 'failed', 'no_webhook'] },
          attempts: { type: 'integer' },
        },
      },
      event: { type: 'object', description: 'the JSON body posted to the webhook' },
    },
  },
};

export const portfolioPaths = {
  '/portfolios': {
    post: {
      summary: 'Save a portfolio: analysed now, back-filled over past month-ends, then daily',
      requestBody: body,
      responses: {
        '201': { description: 'saved', content: json(ref('Portfolio')) },
        ...errors([400, 401, 413, 415, 422, 429, 503]),
      },
    },
    get: {
      summary: "The caller's saved portfolios with their latest point, a sparkline and the latest alerts",
      parameters: page,
      responses: { '200': { description: 'list' }, ...errors([400, 401, 429]) },
    },
  },
  '/portfolios/{id}': {
    get: {
      summary: 'A saved portfolio',
      parameters: [id],
      responses: {
        '200': { description: 'the portfolio', content: json(ref('Portfolio')) },
        ...errors([400, 401, 404]),
      },
    },
    put: {
      summary:
        'Change a portfolio: the fields sent replace the saved ones ' +
        '(holdings, options, name, webhook, alerts, schedule)',
      parameters: [id],
      requestBody: { ...body, required: false },
      responses: {
        '200': { description: 'changed', content: json(ref('Portfolio')) },
        ...errors([400, 401, 404, 413, 415, 422]),
      },
    },
    delete: {
      summary: 'Delete a portfolio with its history, alerts and stored reports',
      parameters: [id],
      responses: { '204': { description: 'deleted' }, ...errors([400, 401, 404]) },
    },
  },
  '/portfolios/{id}/analyses': {
    post: {
      summary: 'Re-analyse now (or as of asOf) and record the point',
      parameters: [
        id,
        ...Object.entries(z.toJSONSchema(AnalysisOptionsSchema.pick({ asOf: true })).properties ?? {}).map(
          ([name, schema]) => ({ name, in: 'query', schema }),
        ),
      ],
      responses: {
        '201': { description: 'the new point and the alert events it caused' },
        ...errors([400, 401, 404, 422, 503]),
      },
    },
  },
  '/portfolios/{id}/backfill': {
    post: {
      summary: 'Month-end points over the past months from the market-data history, with today’s holdings',
      parameters: [
        id,
        {
          name: 'months',
          in: 'query',
          schema: { type: 'integer', minimum: 1, maximum: MAX_BACKFILL_MONTHS, default: 12 },
        },
      ],
      responses: { '200': { description: 'points added and month-ends skipped' }, ...errors([400, 401, 404, 503]) },
    },
  },
  '/portfolios/{id}/history': {
    get: {
      summary: 'History points, oldest first',
      parameters: [
        id,
        { name: 'from', in: 'query', schema: { type: 'string', format: 'date' } },
        { name: 'to', in: 'query', schema: { type: 'string', format: 'date' } },
        ...page,
      ],
      responses: {
        '200': {
          description: 'points',
          content: json({
            type: 'object',
            properties: {
              total: { type: 'integer' },
              next: { type: ['integer', 'null'] },
              points: { type: 'array', items: ref('HistoryPoint') },
            },
          }),
        },
        ...errors([400, 401, 404]),
      },
    },
  },
  '/portfolios/{id}/alerts': {
    get: {
      summary:
        'Alert thresholds with their state, and the events of their crossings with delivery status, newest first',
      parameters: [id, ...page],
      responses: {
        '200': {
          description: 'alerts',
          content: json({ type: 'object', properties: { events: { type: 'array', items: ref('AlertEvent') } } }),
        },
        ...errors([400, 401, 404]),
      },
    },
  },
  '/portfolios/{id}/report.html': {
    get: {
      summary: 'The latest report with its trend section',
      parameters: [id, { name: 'lang', in: 'query', schema: { type: 'string', enum: ['en', 'it'] } }],
      responses: { '200': { description: 'HTML', content: { 'text/html': {} } }, ...errors([400, 401, 404]) },
    },
  },
  '/portfolios/{id}/report.pdf': {
    get: {
      summary: 'The latest report with its trend section, as PDF',
      parameters: [
        id,
        { name: 'lang', in: 'query', schema: { type: 'string', enum: ['en', 'it'] } },
        { name: 'paper', in: 'query', schema: { type: 'string', enum: ['A4', 'LETTER'] } },
      ],
      responses: { '200': { description: 'PDF', content: { 'application/pdf': {} } }, ...errors([400, 401, 404]) },
    },
  },
};
