import { AppError } from '../errors';
import type { MessageCode } from '../i18n';

/**
 * A failure of the machine, not the request, as an AppError: 507 when the disk is full, 503 with
 * Retry-After when the database stays locked, 500 naming the cause (an errno code, never a path)
 * when a folder cannot be written. Anything else is returned as it is (a bug).
 */
export function storageError(err: unknown, what: MessageCode): unknown {
  const code = (err as { code?: unknown })?.code;
  const thing = { code: what, params: {} };
  if (code === 'ENOSPC' || code === 'SQLITE_FULL' || code === 'EDQUOT')
    return new AppError('storage_full', 'insufficient_storage', { params: { what: thing } });
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
    return new AppError('busy', 'storage_busy', { params: { what: thing }, retryAfter: 5 });
  if (typeof code === 'string' && UNWRITABLE.has(code))
    return new AppError('internal', 'storage_unavailable', { params: { what: thing, code } });
  return err;
}

const UNWRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR', 'SQLITE_READONLY', 'SQLITE_CANTOPEN']);
