import path from 'node:path';
import { z } from 'zod';
import { DATA_DIR } from './market/fund-files';
import { ConfigError } from './errors';

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
  MAX_UPLOAD_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024),
  ANALYSES_DB: z.string().min(1).default(path.join(DATA_DIR, 'analyses.sqlite')),
  REPORTS_DIR: z
    .string()
    .min(1)
    .default(path.resolve(DATA_DIR, '..', 'reports')),
  REPORT_RETENTION_DAYS: z.coerce.number().positive().default(30),
  API_KEYS: z.string().optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().nonnegative().default(120),
  WORKER_THREADS: z.coerce.number().int().positive().default(2),
  MAX_QUEUE: z.coerce.number().int().nonnegative().default(64),
  ANALYSIS_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
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
    .default(100 * 1024 * 1024),
  MAX_QUEUED_BATCHES: z.coerce.number().int().nonnegative().default(4),
  WORKER_CONCURRENCY: z.coerce.number().int().positive().max(64).default(1),
  WORKER_STALLED_MS: z.coerce.number().int().min(100).optional(),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(10_000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof EnvSchema>;

export function readEnv(env: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    // API keys and Redis URLs (which may hold a password) are secrets: never echo a value, only which variable is wrong.
    const issues = parsed.error.issues
      .map(
        (i) => `${i.path.join('.')}: ${i.path[0] === 'API_KEYS' || i.path[0] === 'REDIS_URL' ? 'invalid' : i.message}`,
      )
      .join('; ');
    throw new ConfigError(`invalid environment: ${issues}`);
  }
  return parsed.data;
}
