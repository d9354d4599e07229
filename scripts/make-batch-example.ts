/**
 * Writes data/examples/clients.jsonl: 400 deterministic client portfolios of the demo market's
 * symbols, for trying batches (`npm run batch -- data/examples/clients.jsonl --market-data demo`).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Rng } from '../src/analytics/core';
import { PROJECT_ROOT } from '../src/shared/project-root';

const SYMBOLS = [
  'NVDA',
  'MSFT',
  'AMZN',
  'GOOGL',
  'SPY',
  'QQQ',
  'SMH',
  'AAPL',
  'AVGO',
  'TSM',
  'META',
  'JNJ',
  'XOM',
  'GLD',
  'BND',
];
const rng = new Rng(20251103);
const lines: string[] = [];
for (let i = 1; i <= 400; i++) {
  const pool = [...SYMBOLS];
  const n = 3 + Math.floor(rng.uniform() * 10);
  const holdings = Array.from({ length: n }, () => {
    const [symbol] = pool.splice(Math.floor(rng.uniform() * pool.length), 1);
    return { symbol, quantity: 1 + Math.floor(rng.uniform() * 150) };
  });
  lines.push(JSON.stringify({ id: `client-${String(i).padStart(4, '0')}`, holdings }));
}
writeFileSync(path.join(PROJECT_ROOT, 'data/examples/clients.jsonl'), `${lines.join('\n')}\n`);
