import { readFile } from 'node:fs/promises';
import { AppError, serialiseError, type SerialisedError } from '../errors';
import { importHoldings, importJsonHoldings, type HoldingsImport, type IsinResolver } from '../holdings';
import { MAX_JSON_DEPTH, jsonDepthExceeds } from '../shared/json-limits';
import { isPortfolioId, type ParseTask } from './input';
import { inflateEntry } from './zip';

/** One portfolio read by a batch thread: its id and holdings, or why not (with the id to file it under). */
export type ParsedEntry =
  | { ok: true; id: string; imported: HoldingsImport; line?: number }
  | { ok: false; id: string; error: SerialisedError; line?: number };

/**
 * Reads one portfolio of a batch as a single upload would be read (same importer, same limits and
 * messages): a zip entry is inflated first, capped at its declared size; a JSON line is checked for
 * nesting, parsed, and its id checked. Runs on a batch thread, within its time budget.
 */
export async function parseEntry(task: ParseTask, isinResolver: IsinResolver): Promise<ParsedEntry> {
  const id = task.kind === 'line' ? `${task.label}:${task.line}` : task.id;
  try {
    if (task.kind === 'line') return await parseLine(task, isinResolver);
    const bytes = task.kind === 'zip' ? inflateEntry(task.data, task.method, task.size) : await readFile(task.path);
    const imported = await importHoldings({ fileName: task.fileName, bytes }, { isinResolver });
    return { ok: true, id, imported };
  } catch (err) {
    return { ok: false, id, error: serialiseError(err), ...(task.kind === 'line' && { line: task.line }) };
  }
}

async function parseLine(task: Extract<ParseTask, { kind: 'line' }>, isinResolver: IsinResolver): Promise<ParsedEntry> {
  const value = lineValue(task);
  const id = typeof value.id === 'string' && isPortfolioId(value.id) ? value.id : undefined;
  if (id === undefined) throw badLine(task.line, 'batch.line_id');
  try {
    const imported = await importJsonHoldings({ holdings: value.holdings }, { isinResolver });
    return { ok: true, id, imported, line: task.line };
  } catch (err) {
    return { ok: false, id, error: serialiseError(err), line: task.line };
  }
}

function lineValue(task: Extract<ParseTask, { kind: 'line' }>): { id?: unknown; holdings?: unknown } {
  if (jsonDepthExceeds(task.text, MAX_JSON_DEPTH)) throw badLine(task.line, 'batch.line_too_deep');
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(task.text));
  } catch {
    throw badLine(task.line, 'batch.bad_line');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badLine(task.line, 'batch.bad_line');
  return value as { id?: unknown; holdings?: unknown };
}

function badLine(line: number, reason: 'batch.bad_line' | 'batch.line_id' | 'batch.line_too_deep'): AppError {
  return new AppError('unprocessable', 'batch_line', {
    params: { reason: { code: reason, params: { line, limit: MAX_JSON_DEPTH } } },
  });
}
