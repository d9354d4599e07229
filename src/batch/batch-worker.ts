import { parentPort, workerData } from 'node:worker_threads';
import type { AnalysisInput } from '../analyse-portfolio';
import { analyseOne, type BatchRendering } from './analyse-one';
import { SnapshotMarketData, type MarketSnapshot } from './snapshot';

/**
 * A batch worker thread: analyses portfolios on the batch's shared market snapshot and answers
 * with the report as JSON text (serialised here, off the coordinator's thread) and its PDF if asked.
 */
const { snapshot, generatedAt, rendering } = workerData as {
  snapshot: MarketSnapshot;
  generatedAt: string;
  rendering: BatchRendering;
};
const market = new SnapshotMarketData(snapshot);

parentPort!.on('message', async (task: { id: string; input: AnalysisInput }) => {
  try {
    const { json, row, pdf } = await analyseOne(task.id, task.input, market, generatedAt, rendering);
    parentPort!.postMessage({ id: task.id, ok: true, json, row, pdf });
  } catch (err) {
    const e = err as Error & { code?: string };
    parentPort!.postMessage({
      id: task.id,
      ok: false,
      reason: e.message,
      code: e.code ?? (e.name === 'InputError' ? 'invalid_input' : 'error'),
    });
  }
});
