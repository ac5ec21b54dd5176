/**
 * Runs untrusted-input work (parsing, decoding, verifying files) off the event loop: a pool of
 * worker threads, each under a heap limit, each call under a time limit. A call that runs too
 * long or exhausts its thread's heap fails with AppError `invalid` (the file's doing, not a
 * passing outage) and the thread is replaced; the event loop that answers HTTP only ever moves
 * messages. The thread side is serve-thread.ts.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../domain/errors.ts';
import { EXIT, type ThreadOps, type ThreadReply, type ThreadRequest } from './thread-protocol.ts';
import { threadModule } from './thread-module.ts';
import { JobTimeoutError, WorkerPool } from './worker-pool.ts';

export type { ThreadOps } from './thread-protocol.ts';

export interface ThreadPoolOptions {
  /** The thread module beside `base` (an import.meta.url), without extension: './x.worker'. */
  module: { base: string; file: string };
  /** Passed to every thread as workerData. */
  settings?: unknown;
  /** Threads; default os.availableParallelism(). Each starts at its first call. */
  threads?: number;
  /** Per-call limit; default 60 s. */
  timeoutMs?: number;
  /** Heap of one thread; default 256 MB. */
  maxHeapMb?: number;
  /** What a call is, for messages: 'reading the file'. */
  what: string;
}

export interface ThreadPool<Ops extends ThreadOps> {
  call<K extends keyof Ops & string>(op: K, args: Parameters<Ops[K]>[0], signal?: AbortSignal): Promise<Awaited<ReturnType<Ops[K]>>>;
  /** Starts one thread ahead of the first call. */
  warm(): Promise<void>;
  close(): Promise<void>;
}

/** One thread: calls by id, every pending call failed when the thread dies. */
class Thread {
  private readonly pending = new Map<number, { resolve: (r: ThreadReply) => void; reject: (e: unknown) => void }>();
  private next = 1;
  private dead: unknown = null;
  private readonly worker: Worker;
  readonly ready: Promise<void>;

  constructor(opts: ThreadPoolOptions, module: URL, maxHeapMb: number) {
    this.worker = new Worker(module, {
      workerData: opts.settings,
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: Math.min(64, maxHeapMb / 4) },
    });
    let started = () => {};
    this.ready = new Promise((resolve) => (started = resolve));
    this.worker.on('message', (reply: ThreadReply | 'ready') => {
      if (reply === 'ready') return started();
      const p = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      p?.resolve(reply);
    });
    const die = (err: unknown) => {
      this.dead ??= err;
      started();
      for (const p of this.pending.values()) p.reject(this.dead);
      this.pending.clear();
    };
    this.worker.on('error', (err: Error & { code?: string }) =>
      die(
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new AppError('invalid', `${opts.what} needs more than ${maxHeapMb} MB of memory; such a file cannot be handled safely`, { cause: err })
          : err,
      ),
    );
    this.worker.on('exit', (code) => die(new Error(`a thread for ${opts.what} stopped (exit code ${code})`)));
  }

  call(op: string, args: unknown): Promise<ThreadReply> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, args } satisfies ThreadRequest);
    });
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }

  /**
   * Asks the thread to exit once what it is doing is done. Terminating a thread interrupts it
   * anywhere, and Node 20 aborts the whole process when that lands between making a zlib stream
   * and initialising it ("close before init"): a sound thread is never terminated. One that has
   * not left after a few seconds is, all the same.
   */
  async close(): Promise<void> {
    if (this.dead) return;
    const gone = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage(EXIT);
    const timer = setTimeout(() => void this.worker.terminate(), 5000);
    await gone;
    clearTimeout(timer);
  }
}

export const createThreadPool = <Ops extends ThreadOps>(opts: ThreadPoolOptions): ThreadPool<Ops> => {
  const maxHeapMb = opts.maxHeapMb ?? 256;
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const pool = new WorkerPool<Thread>({
    size: Math.max(1, opts.threads ?? os.availableParallelism()),
    create: async () => {
      const t = new Thread(opts, await threadModule(opts.module.base, opts.module.file), maxHeapMb);
      await t.ready;
      return t;
    },
    jobTimeoutMs: timeoutMs,
    jobName: opts.what,
    recycleAfter: 10_000,
  });
  return {
    async call<K extends keyof Ops & string>(op: K, args: Parameters<Ops[K]>[0], signal?: AbortSignal): Promise<Awaited<ReturnType<Ops[K]>>> {
      // A refused input is a reply (its thread stays); a timeout, crash or exhausted heap throws
      // inside the pool's job, and the pool replaces the thread.
      let reply: ThreadReply;
      try {
        reply = await pool.run((t) => t.call(op, args), signal);
      } catch (err) {
        if (err instanceof JobTimeoutError)
          throw new AppError('invalid', `${opts.what} takes longer than ${Math.round(timeoutMs / 1000)} s; such a file cannot be handled safely`, {
            cause: err,
          });
        throw err;
      }
      if (reply.error) throw 'code' in reply.error ? new AppError(reply.error.code, reply.error.detail) : new Error(reply.error.message);
      return reply.result as Awaited<ReturnType<Ops[K]>>;
    },
    warm: () => pool.warmOne(),
    close: () => pool.close(),
  };
};
