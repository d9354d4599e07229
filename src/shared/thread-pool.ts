import { Worker } from 'node:worker_threads';
import { AppError, reviveError, serialiseError, type SerialisedError } from '../errors';

/** Messages between a pool and its threads (see thread-worker.ts for the other side). */
export type ToWorker =
  | { type: 'task'; id: number; kind: string; payload: unknown }
  | { type: 'response'; rid: number; ok: boolean; result?: unknown; error?: SerialisedError };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; id: number; ok: boolean; result?: unknown; error?: SerialisedError }
  | { type: 'request'; id: number; rid: number; kind: string; payload: unknown };

export interface ThreadPoolOptions {
  /** The thread's entry (a .cjs file that loads the TypeScript worker). */
  script: string;
  workerData?: unknown;
  threads: number;
  /** Tasks waiting beyond the running ones; one more is refused with an AppError `busy`. Default: no bound. */
  maxQueue?: number;
  /** Time limit of a task unless the task sets its own; past it the thread is replaced. */
  taskTimeoutMs: number;
  /** The error a task past its limit fails with. */
  timeoutError: (timeoutMs: number) => AppError;
  /**
   * Answers a thread's request (an ISIN look-up on this thread's market data, say). The task's time
   * limit is paused while its request is answered: it measures the thread's own work, not the network.
   */
  onRequest?: (kind: string, payload: unknown) => Promise<unknown>;
}

export interface TaskOptions {
  timeoutMs?: number;
  timeoutError?: (timeoutMs: number) => AppError;
  /** Buffers moved to the thread rather than copied. */
  transfer?: ArrayBuffer[];
}

interface Task {
  id: number;
  kind: string;
  payload: unknown;
  options: TaskOptions;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
  /** Time the task has run, not counting the time its requests waited for an answer. */
  budgetLeftMs: number;
}

interface Slot {
  worker: Worker;
  /** Loaded and listening: a task's time limit starts only then, never during the thread's start-up. */
  ready: boolean;
  task: Task | null;
  timer: NodeJS.Timeout | null;
  startedAt: number;
  pendingRequests: number;
}

/**
 * CPU work off the event loop, on a fixed set of worker threads: a bounded queue refuses work it
 * could not start soon (instead of slowing everyone down), and a task past its time limit has its
 * thread terminated and replaced, so a hostile input costs at most its limit. Errors cross as
 * AppErrors (serialised and revived intact); anything else is an internal error.
 */
export class ThreadPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: ThreadPoolOptions) {
    for (let i = 0; i < Math.max(1, options.threads); i++) this.slots.push(this.spawn());
  }

  run<T>(kind: string, payload: unknown, options: TaskOptions = {}): Promise<T> {
    if (this.closed) return Promise.reject(busy(5));
    const idle = this.slots.find((s) => s.task === null && s.ready) ?? this.slots.find((s) => s.task === null);
    if (idle === undefined && this.queue.length >= (this.options.maxQueue ?? Number.POSITIVE_INFINITY))
      return Promise.reject(busy(Math.max(1, Math.ceil((this.queue.length / this.slots.length) * 0.5))));
    return new Promise<T>((resolve, reject) => {
      const task: Task = {
        id: this.nextId++,
        kind,
        payload,
        options,
        resolve: resolve as (v: unknown) => void,
        reject,
        budgetLeftMs: options.timeoutMs ?? this.options.taskTimeoutMs,
      };
      if (idle !== undefined) this.start(idle, task);
      else this.queue.push(task);
    });
  }

  get stats(): { threads: number; busy: number; queued: number } {
    return {
      threads: this.slots.length,
      busy: this.slots.filter((s) => s.task !== null).length,
      queued: this.queue.length,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.queue.splice(0)) t.reject(busy(5));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const worker = new Worker(this.options.script, { workerData: this.options.workerData });
    const slot: Slot = { worker, ready: false, task: null, timer: null, startedAt: 0, pendingRequests: 0 };
    worker.on('message', (msg: FromWorker) => {
      if (msg.type === 'ready') {
        slot.ready = true;
        if (slot.task !== null && slot.pendingRequests === 0) this.arm(slot);
      } else if (msg.type === 'request') void this.answer(slot, msg);
      else this.settle(slot, msg);
    });
    worker.on('error', (err) => this.replace(slot, internal(err)));
    worker.on('exit', (code) => {
      if (!this.closed && code !== 0) this.replace(slot, internal(new Error(`worker thread exited with code ${code}`)));
    });
    return slot;
  }

  private start(slot: Slot, task: Task): void {
    slot.task = task;
    slot.pendingRequests = 0;
    if (slot.ready) this.arm(slot);
    const message: ToWorker = { type: 'task', id: task.id, kind: task.kind, payload: task.payload };
    slot.worker.postMessage(message, task.options.transfer ?? []);
  }

  private arm(slot: Slot): void {
    const task = slot.task!;
    slot.startedAt = Date.now();
    slot.timer = setTimeout(() => {
      const limit = task.options.timeoutMs ?? this.options.taskTimeoutMs;
      this.replace(slot, (task.options.timeoutError ?? this.options.timeoutError)(limit));
    }, task.budgetLeftMs);
  }

  private pause(slot: Slot): void {
    if (slot.timer === null || slot.task === null) return;
    clearTimeout(slot.timer);
    slot.timer = null;
    slot.task.budgetLeftMs = Math.max(0, slot.task.budgetLeftMs - (Date.now() - slot.startedAt));
  }

  private async answer(slot: Slot, msg: Extract<FromWorker, { type: 'request' }>): Promise<void> {
    if (slot.task?.id !== msg.id || this.options.onRequest === undefined) return;
    if (slot.pendingRequests++ === 0) this.pause(slot);
    let reply: ToWorker;
    try {
      reply = { type: 'response', rid: msg.rid, ok: true, result: await this.options.onRequest(msg.kind, msg.payload) };
    } catch (err) {
      reply = { type: 'response', rid: msg.rid, ok: false, error: serialiseError(err) };
    }
    if (slot.task?.id !== msg.id) return; // replaced meanwhile
    if (--slot.pendingRequests === 0 && slot.ready) this.arm(slot);
    slot.worker.postMessage(reply);
  }

  private settle(slot: Slot, msg: Extract<FromWorker, { type: 'result' }>): void {
    const task = slot.task;
    if (task === null || task.id !== msg.id) return;
    this.release(slot);
    if (msg.ok) task.resolve(msg.result);
    else task.reject(reviveError(msg.error ?? serialiseError(new Error('worker failed without an error'))));
    this.next(slot);
  }

  private release(slot: Slot): void {
    if (slot.timer !== null) clearTimeout(slot.timer);
    slot.timer = null;
    slot.task = null;
  }

  private next(slot: Slot): void {
    const next = this.queue.shift();
    if (next !== undefined) this.start(slot, next);
  }

  /** A thread failed or ran too long: its task fails, a fresh thread takes its place. */
  private replace(slot: Slot, err: AppError): void {
    const task = slot.task;
    this.release(slot);
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    if (this.closed) return;
    const fresh = this.spawn();
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots[i] = fresh;
    task?.reject(err);
    this.next(fresh);
  }
}

function busy(retryAfter: number): AppError {
  return new AppError('busy', 'busy', { retryAfter });
}

/** A thread that crashed: an internal error (logged with its cause, never shown). */
function internal(cause: Error): AppError {
  return new AppError('internal', 'internal', { details: { cause: cause.message, stack: cause.stack } });
}
