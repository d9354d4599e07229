import path from 'node:path';
import express from 'express';
import { z } from 'zod';
import { AppError } from './errors';
import { DATA_DIR } from './market/fund-files';
import { DEFAULT_DELIVERY } from './monitor/deliveries';
import { DEFAULT_SCHEDULE } from './monitor/schedule';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

/**
 * `TRUST_PROXY`: which proxies may set X-Forwarded-For, so the rate limit sees each client rather
 * than the proxy. `false` (default): none; a number: that many hops; otherwise addresses or subnets
 * (`loopback`, `10.0.0.0/8`, comma-separated). `true` trusts any sender: only behind a proxy that
 * overwrites the header.
 */
const trustProxy = z
  .string()
  .transform((v, ctx): boolean | number | string => {
    const t = v.trim();
    if (t === 'false' || t === '') return false;
    if (t === 'true') return true;
    if (/^\d{1,2}$/.test(t)) return Number(t);
    try {
      express().set('trust proxy', t); // compiles the list: throws on what is not an address or subnet
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not a hop count, an address or a subnet list' });
      return z.NEVER;
    }
    return t;
  })
  .default(false);

/** Every environment variable the service reads. README.md documents each one. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  MARKET_DATA: z.enum(['yahoo', 'csv', 'demo']).optional(),
  MARKET_CACHE: z.string().min(1).optional(),
  MARKET_NETWORK: z.enum(['online', 'offline']).default('online'),
  YAHOO_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  PRICES_DIR: z.string().min(1).optional(),
  ETF_HOLDINGS_DIR: z.string().min(1).optional(),
  /** A user's own theme file (whole or overrides) for every analysis of the service (docs/theme-data.md). */
  THEME_FILE: z.string().min(1).optional(),
  DEMO_SEED: z.coerce.number().int().nonnegative().optional(),
  BASE_CURRENCY: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'must be a three-letter currency code such as EUR')
    .transform((s) => s.toUpperCase())
    .optional(),
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .max(64 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  ANALYSES_DB: z.string().min(1).default(path.join(DATA_DIR, 'analyses.sqlite')),
  REPORTS_DIR: z
    .string()
    .min(1)
    .default(path.resolve(DATA_DIR, '..', 'reports')),
  REPORT_RETENTION_DAYS: z.coerce.number().positive().default(30),
  API_KEYS: z.string().optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().nonnegative().default(120),
  TRUST_PROXY: trustProxy,
  TLS_PROXY: flag.default(false),
  WORKER_THREADS: z.coerce.number().int().positive().default(2),
  MAX_QUEUE: z.coerce.number().int().nonnegative().default(64),
  ANALYSIS_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  IMPORT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2_000),
  RESULT_CACHE_SECONDS: z.coerce.number().int().nonnegative().default(300),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  BATCH_THREADS: z.coerce.number().int().positive().default(1),
  MAX_BATCH_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .max(1024 * 1024 * 1024)
    .default(100 * 1024 * 1024),
  MAX_QUEUED_BATCHES: z.coerce.number().int().nonnegative().default(4),
  WORKER_CONCURRENCY: z.coerce.number().int().positive().max(64).default(1),
  WORKER_STALLED_MS: z.coerce.number().int().min(100).optional(),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(10_000),
  /** postgres://…: the production store (analyses, portfolios, history, alerts); without it, SQLite in ANALYSES_DB. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** Saved portfolios re-analysed daily (false: only on request). */
  SCHEDULE: flag.default(true),
  SCHEDULE_CRON: z.string().min(9).max(100).default(DEFAULT_SCHEDULE.cron),
  SCHEDULE_TIMEZONE: z.string().min(1).default(DEFAULT_SCHEDULE.timezone),
  SCHEDULE_CATCH_UP_DAYS: z.coerce.number().int().min(0).max(60).default(DEFAULT_SCHEDULE.catchUpDays),
  BACKFILL_MONTHS: z.coerce.number().int().min(0).max(60).default(12),
  HISTORY_RETENTION_DAYS: z.coerce.number().positive().default(1830),
  ALLOW_PRIVATE_WEBHOOKS: z
    .enum(['0', '1', 'true', 'false'])
    .transform((v) => v === '1' || v === 'true')
    .default(false),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(DEFAULT_DELIVERY.timeoutMs),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(DEFAULT_DELIVERY.maxAttempts),
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(DEFAULT_DELIVERY.baseDelayMs),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof EnvSchema>;

/** Variables whose values are secrets: a mistake names the variable, never echoes its value. */
const SECRET = new Set(['API_KEYS', 'REDIS_URL', 'DATABASE_URL']);

export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .map((i) => `${i.path.join('.')}: ${SECRET.has(String(i.path[0])) ? 'invalid' : i.message}`)
      .join('; ');
    throw new AppError('misconfigured', 'misconfigured', {
      params: { reason: { code: 'config.env', params: { issues } } },
    });
  }
  return parsed.data;
}

/** The API keys of API_KEYS (comma-separated, blanks ignored). */
export function apiKeysOf(env: Env): string[] {
  return (env.API_KEYS ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
}
