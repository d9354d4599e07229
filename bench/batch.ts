/**
 * `npm run bench -- batch [--portfolios 10000] [--engine threads|redis|both]` — batch throughput:
 * N portfolios of 25 holdings drawn from the real shared prices (ETFs looked through), scored with
 * 1 and with 2 workers, on worker threads and on BullMQ workers (a redis-server started here on
 * 127.0.0.1, when Debian's redis-server is installed). Prints portfolios/s, scaling efficiency,
 * the market requests and what Redis held; docs/scaling.md projects from these figures.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import IORedis from 'ioredis';
import { Rng } from '../src/analytics/core';
import { loadReferenceData, mergePlans, parseOptions, plan } from '../src/analysis';
import {
  BATCH_MONTE_CARLO_PATHS,
  BatchOptionsSchema,
  type BatchEngine,
  type BatchResult,
  type BatchSource,
  RedisEngine,
  runBatch,
  ThreadEngine,
} from '../src/batch';
import { encodeSnapshot } from '../src/batch/redis/snapshot-codec';
import { importHoldings } from '../src/holdings';
import { CsvMarketData, type MarketDataProvider } from '../src/market';
import { gather } from '../src/market/gather';

const ROOT = path.resolve(__dirname, '..');
const SHARED = process.env.SHARED_DATASETS ?? path.resolve(ROOT, '../shared/datasets');
const HOLDINGS = 25;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

interface Portfolio {
  id: string;
  bytes: Buffer;
}

/** n portfolios of 25 holdings each, drawn without replacement from the symbols, random quantities. */
function portfolios(n: number, symbols: readonly string[]): Portfolio[] {
  const rng = new Rng(7);
  return Array.from({ length: n }, (_, i) => {
    const pool = [...symbols];
    const lines = ['symbol,quantity'];
    for (let k = 0; k < HOLDINGS; k++) {
      const [s] = pool.splice(Math.floor(rng.uniform() * pool.length), 1);
      lines.push(`${s},${1 + Math.floor(rng.uniform() * 200)}`);
    }
    return { id: `client-${String(i).padStart(6, '0')}`, bytes: Buffer.from(`${lines.join('\n')}\n`) };
  });
}

/** The portfolios as a batch source (each a stored zip entry: read on the threads like any upload). */
function source(items: readonly Portfolio[]): BatchSource {
  return {
    label: 'bench',
    count: items.length,
    task: (i) => {
      const { id, bytes } = items[i]!;
      return { kind: 'zip', id, fileName: `${id}.csv`, data: new Uint8Array(bytes), method: 0, size: bytes.length };
    },
    problems: [],
    skipped: { files: [], total: 0 },
  };
}

interface Run {
  engine: string;
  workers: number;
  prepareMs: number;
  analyseMs: number;
  result: BatchResult;
  reportBytes: number;
}

async function timed(
  name: string,
  workers: number,
  items: readonly Portfolio[],
  market: MarketDataProvider,
  engine: BatchEngine,
): Promise<Run> {
  const t0 = performance.now();
  let analysingSince = 0;
  let reportBytes = 0;
  const result = await runBatch(
    source(items),
    { engine, market, readThreads: workers },
    {
      id: `bench-${name.replace(/\W+/g, '-')}-${workers}`,
      options: parseOptions(BatchOptionsSchema, {}, 'cli'),
      generatedAt: '2026-11-25T00:00:00.000Z',
      onProgress: () => {
        analysingSince ||= performance.now();
      },
      onReport: (o) => {
        reportBytes += o.json.length;
      },
    },
  );
  const end = performance.now();
  return {
    engine: name,
    workers,
    prepareMs: analysingSince - t0,
    analyseMs: end - analysingSince,
    result,
    reportBytes,
  };
}

function line(run: Run, base?: Run): string {
  const rate = run.result.counts.done / (run.analyseMs / 1000);
  const baseRate = base === undefined ? undefined : base.result.counts.done / (base.analyseMs / 1000);
  const efficiency =
    baseRate === undefined
      ? ''
      : `   scaling efficiency ${((rate / (baseRate * run.workers)) * 100).toFixed(0)} % (${(rate / baseRate).toFixed(2)}× on ${run.workers})`;
  return `${run.engine.padEnd(22)}${String(run.workers).padStart(3)} worker${run.workers > 1 ? 's' : ' '}   ${rate.toFixed(1).padStart(7)} portfolios/s   ${(run.analyseMs / 1000).toFixed(1).padStart(6)} s   prepare ${(run.prepareMs / 1000).toFixed(1)} s   done ${run.result.counts.done}, failed ${run.result.counts.failed}${efficiency}`;
}

async function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const server = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: 'ignore' },
  );
  for (let i = 0; i < 100; i++) {
    const probe = new IORedis(`redis://127.0.0.1:${port}`, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    probe.on('error', () => {}); // refused until the server listens
    const pong = await probe.ping().catch(() => '');
    probe.disconnect();
    if (pong === 'PONG') return server;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('redis-server did not start');
}

function startWorkers(n: number, url: string): ChildProcess[] {
  return Array.from({ length: n }, () =>
    spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/batch/redis/worker-process.ts')], {
      cwd: ROOT,
      env: { ...process.env, REDIS_URL: url },
      stdio: 'ignore',
    }),
  );
}

async function redisMemory(url: string): Promise<{ peak: number }> {
  const c = new IORedis(url);
  const info = await c.info('memory');
  c.disconnect();
  return { peak: Number(/used_memory_peak:(\d+)/.exec(info)?.[1] ?? 0) };
}

export async function benchBatch(): Promise<void> {
  const n = Number(arg('portfolios', '10000'));
  const hasRedis = spawnSync('redis-server', ['--version']).status === 0;
  const engine = arg('engine', hasRedis ? 'both' : 'threads');
  if (!existsSync(path.join(SHARED, 'prices')))
    throw new Error(`the shared prices are not at ${SHARED}/prices (set SHARED_DATASETS)`);
  const market: MarketDataProvider = new CsvMarketData({
    pricesDir: path.join(SHARED, 'prices'),
    etfHoldingsDir: path.join(SHARED, 'etf-holdings'),
  });
  const symbols = [
    'AAPL',
    'AGG',
    'AMD',
    'AMZN',
    'ANET',
    'AVGO',
    'BND',
    'DLR',
    'EQIX',
    'GLD',
    'GOOGL',
    'INTC',
    'JNJ',
    'JPM',
    'META',
    'MSFT',
    'MU',
    'NVDA',
    'ORCL',
    'QQQ',
    'SMH',
    'SOXX',
    'SPY',
    'TSLA',
    'TSM',
    'VGT',
    'XLK',
    'XOM',
  ];
  const items = portfolios(n, symbols);
  console.log(
    `ai-exposure batch bench — node ${process.version}; ${n.toLocaleString('en-US')} portfolios × ${HOLDINGS} holdings of ${symbols.length} real symbols (SPY, QQQ, SMH, SOXX, XLK, VGT looked through); Monte Carlo ${BATCH_MONTE_CARLO_PATHS.toLocaleString('en-US')} paths; engine: ${engine}`,
  );

  // What the shared market data costs: one snapshot for all, its size in Redis.
  const options = parseOptions(BatchOptionsSchema, {}, 'cli');
  const imports = await Promise.all(items.map((it) => importHoldings({ fileName: 'x.csv', bytes: it.bytes }, {})));
  const snapshot = await gather(mergePlans(imports.map((i) => plan(i, options))), {
    market,
    reference: loadReferenceData(),
  });
  console.log(
    `market snapshot: ${Object.keys(snapshot.histories).length} price series fetched once for the whole batch; ${(encodeSnapshot(snapshot).length / 1048576).toFixed(1)} MB in Redis`,
  );

  const runs: Run[] = [];
  if (engine === 'threads' || engine === 'embedded' || engine === 'both') {
    for (const workers of [1, 2]) {
      const run = await timed('worker threads', workers, items, market, new ThreadEngine(workers));
      runs.push(run);
      console.log(line(run, workers > 1 ? runs.find((r) => r.engine === run.engine && r.workers === 1) : undefined));
    }
  }
  if (engine === 'redis' || engine === 'both') {
    if (!hasRedis) throw new Error('redis-server is not installed (apt-get install redis-server)');
    const dir = mkdtempSync(path.join(tmpdir(), 'aix-bench-redis-'));
    const port = 6900 + Math.floor(Math.random() * 90);
    const url = `redis://127.0.0.1:${port}`;
    const server = await startRedis(port, dir);
    try {
      for (const workers of [1, 2]) {
        const procs = startWorkers(workers, url);
        try {
          const run = await timed('BullMQ on Redis', workers, items, market, new RedisEngine({ url, pollMs: 50 }));
          runs.push(run);
          console.log(
            line(run, workers > 1 ? runs.find((r) => r.engine === run.engine && r.workers === 1) : undefined),
          );
        } finally {
          for (const p of procs) p.kill('SIGTERM');
        }
      }
      const { peak } = await redisMemory(url);
      console.log(
        `Redis peak memory ${(peak / 1048576).toFixed(0)} MB (queue of ${n.toLocaleString('en-US')} jobs, the snapshot, results drained as they arrive)`,
      );
    } finally {
      server.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const bytes = runs[0]?.reportBytes ?? 0;
  console.log(
    `reports: ${(bytes / Math.max(1, runs[0]?.result.counts.done ?? 1) / 1024).toFixed(0)} KB of JSON per portfolio on average`,
  );
  console.log(
    '(this machine: 2 cores shared by the coordinator, Redis and the workers; a second machine adds cores, not contention)',
  );
}
