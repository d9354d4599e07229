import { randomBytes } from 'node:crypto';
import type { Stats } from 'node:fs';
import { chmod, chown, lstat, mkdir, readlink, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors';

/** Symbolic links followed before giving up (as the kernel's ELOOP limit). */
const MAX_LINK_HOPS = 40;

/**
 * Writes a file so that readers see the old content or the whole new one, never a part: the data
 * goes to a temporary sibling that is then renamed over the target. That is only safe for a regular
 * file, so:
 * - a target that exists and is not a regular file (a device such as /dev/null, a FIFO, a socket)
 *   is written directly: renaming over it would replace the device for every process on the machine;
 * - a symbolic link is followed: its target is replaced, the link stays;
 * - an existing file keeps its permission bits (and its owner, where the process may set it);
 * - a folder is refused with an AppError naming it.
 * The parent folder is created when missing.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const target = await followLinks(file);
  const existing = await stat(target).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (existing?.isDirectory()) throw new AppError('bad_request', 'write_target_folder', { params: { file } });
  if (existing !== null && !existing.isFile()) {
    await writeFile(target, data);
    return;
  }
  await mkdir(path.dirname(target), { recursive: true });
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, data, { mode: existing === null ? 0o666 : existing.mode & 0o7777 });
    if (existing !== null) await keepOwnership(tmp, existing);
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** The path a write to `file` lands on: `file` itself, or the end of its chain of symbolic links. */
async function followLinks(file: string): Promise<string> {
  let current = path.resolve(file);
  for (let hop = 0; hop < MAX_LINK_HOPS; hop++) {
    const info = await lstat(current).catch(() => null);
    if (info === null || !info.isSymbolicLink()) return current;
    current = path.resolve(path.dirname(current), await readlink(current));
  }
  throw Object.assign(new Error(`too many levels of symbolic links: ${file}`), { code: 'ELOOP' });
}

/**
 * The new file gets the old one's mode (set at creation, then again past the umask) and, when the
 * process may (as root), its owner and group.
 */
async function keepOwnership(tmp: string, existing: Stats): Promise<void> {
  await chmod(tmp, existing.mode & 0o7777);
  if (process.getuid?.() === 0 && (existing.uid !== 0 || existing.gid !== 0))
    await chown(tmp, existing.uid, existing.gid).catch(() => {});
}
