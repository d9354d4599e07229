/** A batch listed before anything is read: the zip's directory, JSON lines, the limits, the skipped list. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { BATCH_LIMITS, batchSource, folderSource, jsonLinesSource, zipSource } from '../src/batch';
import { inflateEntry, readZipDirectory } from '../src/batch/zip';
import { AppError } from '../src/errors';
import { buildZip, copies, deflated } from './helpers/zip';

const csv = (s: string) => strToU8(`symbol,quantity\n${s},1\n`);

test('a zip is listed from its central directory: ids from file names, folders flattened, others skipped', () => {
  const zip = zipSync({
    'a/one.csv': csv('NVDA'),
    'two.TSV': csv('MSFT'),
    'notes.pdf': strToU8('%PDF'),
    '.DS_Store': strToU8('x'),
    '__MACOSX/._one.csv': strToU8('x'),
    'a/.hidden.csv': csv('NVDA'),
    'bad name!.csv': csv('NVDA'),
    'b/one.csv': csv('AMZN'),
  });
  const source = zipSource(zip, 'b.zip');
  expect(source.count).toBe(2);
  expect([source.task(0), source.task(1)].map((t) => (t.kind === 'zip' ? [t.id, t.fileName] : []))).toEqual([
    ['one', 'one.csv'],
    ['two', 'two.TSV'],
  ]);
  expect(source.problems.map((p) => [p.id, p.code])).toEqual([
    ['one', 'batch.duplicate_id'],
    ['bad name!.csv', 'batch.bad_id'],
  ]);
  expect(source.skipped).toEqual({
    total: 4,
    files: [
      { name: '.DS_Store', reason: 'a hidden file (its name starts with a dot)' },
      { name: '__MACOSX/._one.csv', reason: 'a hidden file (its name starts with a dot)' },
      { name: 'a/.hidden.csv', reason: 'a hidden file (its name starts with a dot)' },
      { name: 'notes.pdf', reason: 'not a .csv, .tsv or .txt file' },
    ],
  });
});

test('the skipped list names the first 1,000 files and counts the rest; a NUL in a name never survives', () => {
  const entries = Array.from({ length: 2_500 }, (_, i) => deflated(`junk/${String(i).padStart(5, '0')}.bin`, csv('X')));
  entries.push(deflated('evil\u0000name.csv', csv('NVDA')), deflated('ok.csv', csv('NVDA')));
  const source = zipSource(buildZip(entries), 'many.zip');
  expect(source.skipped.total).toBe(2_500);
  expect(source.skipped.files).toHaveLength(BATCH_LIMITS.skippedListed);
  expect(source.problems).toEqual([expect.objectContaining({ id: 'evil\uFFFDname.csv', code: 'batch.bad_id' })]);
  expect(JSON.stringify(source)).not.toContain('\\u0000');
});

test('counts and declared sizes refuse a zip before anything is inflated', () => {
  // 210 entries of 5 MB each (as declared): over 1 GiB in all, refused from the directory alone.
  const five = new Uint8Array(5 * 1024 * 1024);
  const once = deflated('x', five).data;
  const big = buildZip(copies(210, (i) => `p${i}.csv`, five, once));
  expect(big.length).toBeLessThan(2_000_000);
  expect(() => zipSource(big, 'bomb.zip')).toThrow(
    expect.objectContaining({ kind: 'too_large', code: 'batch_too_big' }),
  );
  // One entry declared over the 5 MB file limit: a failed row, never inflated.
  const one = zipSource(
    buildZip([{ ...deflated('huge.csv', five, once), declaredSize: 6 * 1024 * 1024 }, deflated('ok.csv', csv('A'))]),
    'z',
  );
  expect(one.problems).toEqual([expect.objectContaining({ id: 'huge', code: 'error.file_too_large' })]);
  // More entries than a zip may hold, counted from the (zip64) end record before one is read.
  const entries = Array.from({ length: BATCH_LIMITS.zipEntries + 1 }, (_, i) => ({
    name: `${i}.csv`,
    data: new Uint8Array(0),
    method: 0 as const,
    declaredSize: 0,
  }));
  const many = buildZip(entries);
  const started = performance.now();
  expect(() => zipSource(many, 'many.zip')).toThrow(
    expect.objectContaining({ kind: 'too_large', code: 'batch_too_many_entries' }),
  );
  expect(performance.now() - started).toBeLessThan(1000);
});

test('inflating is capped at the declared size: a zip whose sizes lie fails that entry, nothing more is produced', () => {
  const content = new Uint8Array(3 * 1024 * 1024).fill(59);
  const liar = deflated('liar.csv', content);
  const [entry] = readZipDirectory(buildZip([{ ...liar, declaredSize: 1000 }]), 10);
  expect(entry).toMatchObject({ name: 'liar.csv', size: 1000 });
  expect(() => inflateEntry(liar.data, 8, 1000)).toThrow(expect.objectContaining({ code: 'zip_entry_size' }));
  expect(() => inflateEntry(liar.data, 8, content.length + 1)).toThrow(
    expect.objectContaining({ code: 'zip_entry_size' }),
  );
  expect(Buffer.compare(inflateEntry(liar.data, 8, content.length), content)).toBe(0);
  expect(() => inflateEntry(new Uint8Array([1, 2, 3]), 8, 10)).toThrow(AppError);
});

test('damaged zips are refused with a reason; an encrypted entry is a failed row', () => {
  expect(() => batchSource(Buffer.from('PK\u0003\u0004garbage'), 'x.zip')).toThrow(
    expect.objectContaining({ kind: 'unsupported_media', code: 'batch_zip' }),
  );
  const zip = buildZip([deflated('a.csv', csv('A')), deflated('b.csv', csv('B'))]);
  expect(() => zipSource(zip.subarray(0, zip.length - 30), 'cut.zip')).toThrow(
    expect.objectContaining({ code: 'batch_zip' }),
  );
  const locked = Buffer.from(zip);
  // Set the "encrypted" flag of b.csv in the central directory.
  const at = locked.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  locked.writeUInt16LE(locked.readUInt16LE(at + 8) | 1, at + 8);
  expect(zipSource(locked, 'l.zip').problems).toEqual([expect.objectContaining({ id: 'b', code: 'batch.encrypted' })]);
});

test('JSON lines are only split on the request: blank lines skipped, oversized lines failed, binary refused', () => {
  const lines = jsonLinesSource(Buffer.from('{"id":"a"}\n\n   \r\n{"id":"b"}\r\n{"id":"c"}'), 'b.jsonl');
  expect(lines.count).toBe(3);
  const third = lines.task(2);
  expect(third.kind === 'line' && [third.line, Buffer.from(third.text).toString()]).toEqual([5, '{"id":"c"}']);
  expect(() => jsonLinesSource(Buffer.from([0xff, 0xfe, 0, 0x81]), 'x')).toThrow(
    expect.objectContaining({ kind: 'unsupported_media', code: 'batch_format' }),
  );
  expect(() => jsonLinesSource(Buffer.from('\n \n'), 'x')).toThrow(expect.objectContaining({ code: 'batch_empty' }));
  const long = jsonLinesSource(Buffer.from(`{"id":"a"}\n{"id":"${'x'.repeat(BATCH_LIMITS.fileBytes)}"}\n`), 'l');
  expect([long.count, long.problems.map((p) => [p.id, p.code])]).toEqual([1, [['l:2', 'error.file_too_large']]]);
  const tooMany = Buffer.from('{}\n'.repeat(BATCH_LIMITS.portfolios + 1));
  expect(() => jsonLinesSource(tooMany, 'm')).toThrow(
    expect.objectContaining({ kind: 'too_large', code: 'batch_too_many' }),
  );
});

test('a folder is listed the same way as a zip', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'aix-folder-'));
  for (const [name, text] of Object.entries({
    'a.csv': 'x',
    '.hidden.csv': 'x',
    'n.pdf': 'x',
    '=HYPERLINK("x").csv': 'x',
  }))
    writeFileSync(path.join(dir, name), text);
  const source = folderSource(dir);
  expect(source.count).toBe(1);
  expect(source.problems.map((p) => p.code)).toEqual(['batch.bad_id']);
  expect(source.skipped.files.map((f) => f.name)).toEqual(['.hidden.csv', 'n.pdf']);
});
