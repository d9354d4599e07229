/** Atomic writes only where they are safe: devices, FIFOs and symlinks are written through, modes kept, folders refused. */
import { execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppError } from '../src/errors';
import { writeFileAtomic } from '../src/shared/atomic-write';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'aix-atomic-'));

test('a regular file is replaced whole, keeps its mode, and leaves no temporary file', async () => {
  const dir = tmp();
  const file = path.join(dir, 'out.json');
  await writeFileAtomic(file, 'one');
  chmodSync(file, 0o640);
  await writeFileAtomic(file, 'two');
  expect(readFileSync(file, 'utf8')).toBe('two');
  expect(statSync(file).mode & 0o777).toBe(0o640);
  expect(readdirSync(dir)).toEqual(['out.json']);
  await writeFileAtomic(path.join(dir, 'new', 'deeper.txt'), 'x');
  expect(readFileSync(path.join(dir, 'new', 'deeper.txt'), 'utf8')).toBe('x');
});

test('a symbolic link is followed: its target is replaced, the link stays a link', async () => {
  const dir = tmp();
  writeFileSync(path.join(dir, 'target.txt'), 'old');
  symlinkSync('target.txt', path.join(dir, 'link.txt'));
  await writeFileAtomic(path.join(dir, 'link.txt'), 'new');
  expect(lstatSync(path.join(dir, 'link.txt')).isSymbolicLink()).toBe(true);
  expect(readlinkSync(path.join(dir, 'link.txt'))).toBe('target.txt');
  expect(readFileSync(path.join(dir, 'target.txt'), 'utf8')).toBe('new');
  // A link to a file that does not exist yet creates that file.
  symlinkSync(path.join(dir, 'later.txt'), path.join(dir, 'dangling.txt'));
  await writeFileAtomic(path.join(dir, 'dangling.txt'), 'made');
  expect(readFileSync(path.join(dir, 'later.txt'), 'utf8')).toBe('made');
});

test('a FIFO is written to, not replaced by a regular file', async () => {
  const dir = tmp();
  const fifo = path.join(dir, 'pipe');
  execFileSync('mkfifo', [fifo]);
  const reader = spawn('cat', [fifo]);
  const received = new Promise<string>((resolve) => {
    let text = '';
    reader.stdout.on('data', (d: Buffer) => {
      text += d.toString();
    });
    reader.on('close', () => resolve(text));
  });
  await writeFileAtomic(fifo, 'through the pipe');
  expect(await received).toBe('through the pipe');
  expect(statSync(fifo).isFIFO()).toBe(true);
});

const root = process.getuid?.() === 0;
(root ? test : test.skip)('a character device (a private /dev/null) stays a device', async () => {
  const dir = tmp();
  const device = path.join(dir, 'fakenull');
  execFileSync('mknod', ['-m', '666', device, 'c', '1', '3']);
  await writeFileAtomic(device, 'x'.repeat(230_000));
  expect(statSync(device).isCharacterDevice()).toBe(true);
  expect(readdirSync(dir)).toEqual(['fakenull']);
});

test('a folder is refused with an AppError naming it, and left as it was', async () => {
  const dir = tmp();
  mkdirSync(path.join(dir, 'reports'));
  const attempt = writeFileAtomic(path.join(dir, 'reports'), 'x');
  await expect(attempt).rejects.toBeInstanceOf(AppError);
  await expect(attempt).rejects.toMatchObject({ kind: 'bad_request', code: 'write_target_folder', exitCode: 2 });
  await expect(attempt).rejects.toThrow(/reports: it is a folder; give a file name/);
  expect(statSync(path.join(dir, 'reports')).isDirectory()).toBe(true);
});
