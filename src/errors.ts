import { formatter, type Formatter, type Lang } from './i18n/format';
import { translate, isMessageCode, type MessageCode, type MessageParams } from './i18n';

/**
 * The one error type the product raises on purpose. Its kind decides the HTTP status and the exit
 * code (one table below); its code and params say what happened, in any catalogue language; its
 * location says where in the user's file. Anything else that escapes is a bug: exit 1, HTTP 500,
 * logged with its stack and never shown to the caller.
 */
const ERROR_KINDS = {
  bad_request: { status: 400, exitCode: 2 },
  unauthorised: { status: 401, exitCode: 2 },
  not_found: { status: 404, exitCode: 2 },
  conflict: { status: 409, exitCode: 2 },
  too_large: { status: 413, exitCode: 2 },
  unsupported_media: { status: 415, exitCode: 2 },
  unprocessable: { status: 422, exitCode: 2 },
  rate_limited: { status: 429, exitCode: 2 },
  /** The source did not answer and nothing is cached: retry later. */
  market_data_unavailable: { status: 503, exitCode: 3 },
  /** The source has no such data (no price series, no exchange rate): retrying will not help. */
  market_data_missing: { status: 422, exitCode: 3 },
  busy: { status: 503, exitCode: 1 },
  storage_full: { status: 507, exitCode: 1 },
  misconfigured: { status: 500, exitCode: 2 },
  internal: { status: 500, exitCode: 1 },
} as const satisfies Record<string, { status: number; exitCode: number }>;

export type ErrorKind = keyof typeof ERROR_KINDS;

/** Where in an input a problem sits. Rows are 1-based file lines, as a spreadsheet numbers them. */
export interface InputLocation {
  file?: string;
  row?: number;
  column?: string;
  value?: string;
}

/** Error codes are the catalogue's `error.*` entries without the prefix: "file_too_large". */
type ErrorSuffix<T> = T extends `error.${infer C}` ? C : never;
export type ErrorCode = ErrorSuffix<MessageCode>;

export interface AppErrorInit {
  params?: MessageParams;
  location?: InputLocation;
  details?: Record<string, unknown>;
  /** Seconds after which a retry may succeed (HTTP Retry-After). */
  retryAfter?: number;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  readonly params: MessageParams;
  readonly location: InputLocation;
  readonly details: Record<string, unknown>;
  readonly retryAfter: number | undefined;

  constructor(
    readonly kind: ErrorKind,
    readonly code: ErrorCode,
    init: AppErrorInit = {},
  ) {
    const params = init.params ?? {};
    const location = init.location ?? {};
    super(describe(formatter('en'), code, params, location));
    this.params = params;
    this.location = location;
    this.details = init.details ?? {};
    this.retryAfter = init.retryAfter;
  }

  get status(): number {
    return ERROR_KINDS[this.kind].status;
  }

  get exitCode(): number {
    return ERROR_KINDS[this.kind].exitCode;
  }

  /** The message in the reader's language, with the place in the file first. */
  describe(lang: Lang): string {
    return describe(formatter(lang), this.code, this.params, this.location);
  }
}

function describe(f: Formatter, code: ErrorCode, params: MessageParams, location: InputLocation): string {
  const reason = translate(f, `error.${code}` as MessageCode, params);
  const where: string[] = [];
  if (location.file !== undefined) where.push(translate(f, 'where.file', { file: location.file }));
  if (location.row !== undefined) where.push(translate(f, 'where.row', { row: String(location.row) }));
  if (location.column !== undefined) where.push(translate(f, 'where.column', { column: location.column }));
  return where.length > 0 ? `${where.join(', ')}: ${reason}` : reason;
}

/** An AppError as plain data: it crosses worker threads and Redis and comes back the same error. */
export interface SerialisedError {
  kind: ErrorKind;
  code: string;
  params: MessageParams;
  location: InputLocation;
  details: Record<string, unknown>;
  retryAfter?: number;
  message: string;
}

export function serialiseError(err: unknown): SerialisedError {
  if (err instanceof AppError) {
    return {
      kind: err.kind,
      code: err.code,
      params: err.params,
      location: err.location,
      details: err.details,
      message: err.message,
      ...(err.retryAfter !== undefined && { retryAfter: err.retryAfter }),
    };
  }
  const message = err instanceof Error ? err.message : String(err);
  const stack = err instanceof Error ? err.stack : undefined;
  return { kind: 'internal', code: 'internal', params: {}, location: {}, details: { cause: message, stack }, message };
}

export function reviveError(data: SerialisedError): AppError {
  const code = isMessageCode(`error.${data.code}`) ? (data.code as ErrorCode) : 'internal';
  const kind = Object.hasOwn(ERROR_KINDS, data.kind) ? data.kind : 'internal';
  return new AppError(kind, code, {
    params: data.params,
    location: data.location,
    details: data.details,
    ...(data.retryAfter !== undefined && { retryAfter: data.retryAfter }),
  });
}
