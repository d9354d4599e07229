import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AnalysisInput } from '../analyse-portfolio';
import { InputError } from '../errors';
import type { MarketDataChoice } from '../market';
import { MarketDataUnavailableError } from '../market/errors';
import type { AnalysisReport } from '../report';
import type { AnalysisRunner, RenderRequest } from './analysis-runner';

/** The queue is full: the caller should come back later (HTTP 503 with Retry-After). */
export class BusyError extends Error {
  override readonly name = 'BusyError';
  constructor(
    readonly retryAfterSeconds: number,
    message = 'the service is busy: too many analyses are waiting; retry shortly',
  ) {
    super(message);
  }
}

/** A task ran past its time limit; its worker was replaced. */
export class TaskTimeoutError extends Error {
  override readonly name = 'TaskTimeoutError';
  constructor(readonly timeoutMs: number) {
    super(`the analysis took longer than ${Math.round(timeoutMs / 1000)} s and was stopped`);
  }
}

interface Task {
  id: number;
  kind: 'analyse' | 'render';
  payload: unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
  timer: NodeJS.Timeout | null;
}

export interface WorkerPoolOptions {
  market: MarketDataChoice;
  threads: number;
  /** Tasks waiting beyond the running ones; one more is refused with BusyError. */
  maxQueue: number;
  taskTimeoutMs: number;
}

/**
 * Analyses and report rendering off the event loop, on a fixed set of worker threads, so
 * /healthz and uploads stay responsive. A bounded queue refuses work it could not start soon
 * (instead of slowing everyone down), and a task past its time limit has its worker replaced.
 */
export class WorkerPool implements AnalysisRunner {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {
    for (let i = 0; i < options.threads; i++) this.slots.push(this.spawn());
  }

  analyse(input: AnalysisInput): Promise<AnalysisReport> {
    return this.submit('analyse', input) as Promise<AnalysisReport>;
  }

  async render(request: RenderRequest): Promise<string | Buffer> {
    const result = (await this.submit('render', request)) as string | Uint8Array;
    return typeof result === 'string' ? result : Buffer.from(result);
  }

  get stats() {
    return {
      threads: this.slots.length,
      busy: this.slots.filter((s) => s.task !== null).length,
      queued: this.queue.length,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) t.reject(new BusyError(5));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private submit(kind: Task['kind'], payload: unknown): Promise<unknown> {
    if (this.closed) return Promise.reject(new BusyError(5));
    const idle = this.slots.find((s) => s.task === null);
    if (idle === undefined && this.queue.length >= this.options.maxQueue)
      return Promise.reject(new BusyError(Math.max(1, Math.ceil((this.queue.length / this.slots.length) * 0.5))));
    return new Promise((resolve, reject) => {
      const task: Task = { id: this.nextId++, kind, payload, resolve, reject };
      if (idle !== undefined) this.start(idle, task);
      else this.queue.push(task);
    });
  }

  private spawn(): Slot {
    const worker = new Worker(path.join(__dirname, 'worker-entry.cjs'), { workerData: this.options.market });
    const slot: Slot = { worker, task: null, timer: null };
    worker.on('message', (msg: { id: number; ok: boolean; result?: unknown; error?: Record<string, unknown> }) => {
      const task = slot.task;
      if (task === null || task.id !== msg.id) return;
      this.finish(slot);
      if (msg.ok) task.resolve(msg.result);
      else task.reject(rebuildError(msg.error ?? {}));
    });
    worker.on('error', (err) => this.replace(slot, err));
    worker.on('exit', (code) => {
      if (!this.closed && code !== 0) this.replace(slot, new Error(`analysis worker exited with code ${code}`));
    });
    return slot;
  }

  private start(slot: Slot, task: Task): void {
    slot.task = task;
    slot.timer = setTimeout(
      () => this.replace(slot, new TaskTimeoutError(this.options.taskTimeoutMs)),
      this.options.taskTimeoutMs,
    );
    slot.worker.postMessage({ id: task.id, kind: task.kind, payload: task.payload });
  }

  private finish(slot: Slot): void {
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
    const next = this.queue.shift();
    if (next !== undefined) this.start(slot, next);
  }

  /** A worker failed or ran too long: fail its task, start a fresh worker in its place. */
  private replace(slot: Slot, err: unknown): void {
    const task = slot.task;
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.task = null;
    slot.timer = null;
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    if (this.closed) return;
    const fresh = this.spawn();
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots[i] = fresh;
    task?.reject(err);
    const next = this.queue.shift();
    if (next !== undefined) this.start(fresh, next);
  }
}

function rebuildError(e: Record<string, unknown>): Error {
  if (e.name === 'InputError')
    return new InputError(e.code as never, String(e.reason), (e.location ?? {}) as never, (e.details ?? {}) as never);
  if (e.name === 'MarketDataUnavailableError')
    return new MarketDataUnavailableError(e.symbols as never, Number(e.retryAfterSeconds ?? 60));
  const err = new Error(String(e.message));
  err.name = String(e.name ?? 'Error');
  if (typeof e.stack === 'string') err.stack = e.stack;
  return err;
}
