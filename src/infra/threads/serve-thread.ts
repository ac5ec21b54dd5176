/**
 * The thread side of thread-pool.ts: answers each request with its handler's result, or with
 * the error (an AppError keeps its code and detail; anything else only its message).
 */
import { parentPort } from 'node:worker_threads';
import { isAppError } from '../../domain/errors.ts';
import { EXIT, type ThreadOps, type ThreadReply, type ThreadRequest } from './thread-protocol.ts';

export const serveThread = (ops: ThreadOps, o: { onExit?: () => Promise<void> } = {}): void => {
  const port = parentPort!;
  port.on('message', (req: ThreadRequest | typeof EXIT) => {
    if (req === EXIT) {
      // The thread ends once its pending work is done and what it holds open is closed.
      void (o.onExit?.() ?? Promise.resolve()).finally(() => port.close());
      return;
    }
    const handler = ops[req.op] as ((args: unknown) => Promise<unknown>) | undefined;
    (handler ? handler(req.args) : Promise.reject(new Error(`no handler for ${req.op}`))).then(
      (result) => port.postMessage({ id: req.id, result } satisfies ThreadReply),
      (err: unknown) =>
        port.postMessage({
          id: req.id,
          error: isAppError(err) ? { code: err.code, detail: err.detail } : { message: err instanceof Error ? err.message : String(err) },
        } satisfies ThreadReply),
    );
  });
  port.postMessage('ready');
};
