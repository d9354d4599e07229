import { parentPort } from 'node:worker_threads';
import { reviveError, serialiseError } from '../errors';
import type { FromWorker, ToWorker } from './thread-pool';

type Handler = (payload: never) => unknown;

let currentTask = 0;
let nextRequest = 1;
const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();

/**
 * The thread side of a ThreadPool: runs each task with the handler of its kind and answers with its
 * result or its error (an AppError crosses intact; anything else becomes an internal error).
 */
export function serveTasks(handlers: Record<string, Handler>): void {
  const port = parentPort!;
  port.on('message', async (msg: ToWorker) => {
    if (msg.type === 'response') {
      const pending = waiting.get(msg.rid);
      waiting.delete(msg.rid);
      if (msg.ok) pending?.resolve(msg.result);
      else pending?.reject(reviveError(msg.error!));
      return;
    }
    currentTask = msg.id;
    let reply: FromWorker;
    try {
      const handler = handlers[msg.kind];
      if (handler === undefined) throw new Error(`no handler for ${msg.kind} tasks`);
      reply = { type: 'result', id: msg.id, ok: true, result: await handler(msg.payload as never) };
    } catch (err) {
      reply = { type: 'result', id: msg.id, ok: false, error: serialiseError(err) };
    }
    port.postMessage(reply);
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker);
}

/** Asks the thread that owns the pool (it has the market data); the task's time limit waits meanwhile. */
export function askMain<T>(kind: string, payload: unknown): Promise<T> {
  const rid = nextRequest++;
  const message: FromWorker = { type: 'request', id: currentTask, rid, kind, payload };
  return new Promise<T>((resolve, reject) => {
    waiting.set(rid, { resolve: resolve as (v: unknown) => void, reject });
    parentPort!.postMessage(message);
  });
}
