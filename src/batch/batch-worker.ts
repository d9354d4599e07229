import { workerData } from 'node:worker_threads';
import { remoteIsinResolver } from '../shared/isin-bridge';
import { serveTasks } from '../shared/thread-worker';
import { serialiseError } from '../errors';
import { type AnalysedEntry, analyseOne, type BatchContext, type ReadyPortfolio } from './analyse-one';
import type { ParseTask } from './input';
import { parseEntry } from './parse-entry';

/**
 * A batch thread. Reading portfolios (ISINs resolved by the coordinator's market data), or
 * analysing them on the batch's snapshot, whose price arrays live in shared memory (no copy per thread).
 */
const context = (workerData as { context?: BatchContext } | undefined)?.context;

serveTasks({
  parse: (task: ParseTask) => parseEntry(task, remoteIsinResolver),
  analyse: async (portfolio: ReadyPortfolio): Promise<AnalysedEntry> => {
    if (context === undefined) throw new Error('this batch thread has no snapshot to analyse on');
    try {
      return { ok: true, outcome: await analyseOne(portfolio, context) };
    } catch (err) {
      return { ok: false, id: portfolio.id, error: serialiseError(err) };
    }
  },
});
