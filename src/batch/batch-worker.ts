import { parentPort, workerData } from 'node:worker_threads';
import { analysePortfolio, type AnalysisInput } from '../analyse-portfolio';
import { SnapshotMarketData, type MarketSnapshot } from './snapshot';

/**
 * A batch worker thread: analyses portfolios on the batch's shared market snapshot and answers
 * with the report as JSON text (serialised here, off the coordinator's thread).
 */
const { snapshot, generatedAt } = workerData as { snapshot: MarketSnapshot; generatedAt: string };
const market = new SnapshotMarketData(snapshot);
const now = () => new Date(generatedAt);

parentPort!.on('message', async (task: { id: string; input: AnalysisInput }) => {
  try {
    const report = await analysePortfolio(task.input, { market, now });
    parentPort!.postMessage({ id: task.id, ok: true, json: JSON.stringify(report) });
  } catch (err) {
    const e = err as Error & { code?: string };
    parentPort!.postMessage({ id: task.id, ok: false, reason: e.message, code: e.code ?? (e.name === 'InputError' ? 'invalid_input' : 'error') });
  }
});
