/**
 * A fixed-size pool of expensive workers (OCR engines, page readers) that survives its workers:
 * a job that times out, is aborted or fails kills its worker and a fresh one takes the slot, so a
 * hostile page fails only its own call. Workers are created lazily and recycled after
 * `recycleAfter` jobs.
 */
import { AppError } from '../../domain/errors.ts';

export interface PoolWorker {
  /** Stops the worker at once (it may be stuck in a job). */
  terminate(): Promise<unknown>;
  /** Lets a sound worker finish what it is doing and exit by itself; terminate() when absent. */
  close?(): Promise<unknown>;
}

/** How a worker leaves its slot: a sound one is let go, a failed one is stopped. */
const letGo = <W extends PoolWorker>(w: W, sound: boolean) => (sound && w.close ? w.close() : w.terminate());

export interface WorkerPoolOptions<W extends PoolWorker> {
  size: number;
  create: () => Promise<W>;
  /** Per-job limit; the worker is killed and replaced when it is exceeded. */
  jobTimeoutMs: number;
  /** Replace a worker after this many jobs (bounds slow memory growth in the engine). */
  recycleAfter: number;
  /** What one job is, for the timeout message; default 'OCR of one page'. */
  jobName?: string;
}

interface Slot<W> {
  worker: Promise<W> | null;
  jobs: number;
}

/** Thrown (as a plain Error, transient) when a job ran past its timeout. */
export class JobTimeoutError extends Error {
  constructor(ms: number, jobName = 'OCR of one page') {
    super(`${jobName} took longer than ${ms} ms; the worker was replaced`);
    this.name = 'JobTimeoutError';
  }
}

export class WorkerPool<W extends PoolWorker> {
  private readonly idle: Slot<W>[] = [];
  private readonly waiting: ((slot: Slot<W>) => void)[] = [];
  private closed = false;

  constructor(private readonly opts: WorkerPoolOptions<W>) {
    for (let i = 0; i < opts.size; i++) this.idle.push({ worker: null, jobs: 0 });
  }

  get size(): number {
    return this.opts.size;
  }

  /** Starts every idle slot's worker now instead of at its first job. */
  async warm(): Promise<void> {
    await Promise.all(this.idle.map((s) => this.workerOf(s)));
  }

  /** Starts one worker (the one the next job takes) ahead of the first job. */
  async warmOne(): Promise<void> {
    const slot = this.idle.at(-1);
    if (slot) await this.workerOf(slot);
  }

  /**
   * Runs `job` on a worker under the timeout and `signal`. An `urgent` job (someone is waiting
   * for it on a request) takes the next free worker ahead of the jobs already waiting.
   */
  async run<T>(job: (worker: W) => Promise<T>, signal?: AbortSignal, o: { urgent?: boolean } = {}): Promise<T> {
    signal?.throwIfAborted();
    const slot = await this.acquire(signal, o.urgent ?? false);
    let healthy = false;
    try {
      const worker = await this.workerOf(slot);
      const result = await this.guard(job(worker), signal);
      healthy = true;
      return result;
    } finally {
      slot.jobs++;
      if (!healthy || slot.jobs >= this.opts.recycleAfter) this.retire(slot, healthy);
      this.release(slot);
    }
  }

  /** Terminates every worker; running jobs fail. */
  async close(): Promise<void> {
    this.closed = true;
    const slots = this.idle.splice(0);
    for (const w of this.waiting.splice(0)) w({ worker: null, jobs: 0 });
    await Promise.all(slots.map((s) => s.worker?.then((w) => letGo(w, true)).catch(() => {})));
  }

  private workerOf(slot: Slot<W>): Promise<W> {
    if (!slot.worker) {
      slot.worker = this.opts.create();
      // A worker that failed to start must not stay in the slot: the next job tries again.
      slot.worker.catch(() => {
        slot.worker = null;
      });
    }
    return slot.worker;
  }

  private retire(slot: Slot<W>, sound: boolean): void {
    const old = slot.worker;
    slot.worker = null;
    slot.jobs = 0;
    void old?.then((w) => letGo(w, sound)).catch(() => {});
  }

  private acquire(signal: AbortSignal | undefined, urgent: boolean): Promise<Slot<W>> {
    if (this.closed) return Promise.reject(new AppError('unavailable', 'the worker pool is closed'));
    const slot = this.idle.pop();
    if (slot) return Promise.resolve(slot);
    return new Promise((resolve, reject) => {
      const take = (s: Slot<W>) => {
        signal?.removeEventListener('abort', onAbort);
        if (this.closed) reject(new AppError('unavailable', 'the worker pool is closed'));
        else resolve(s);
      };
      const onAbort = () => {
        this.waiting.splice(this.waiting.indexOf(take), 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      if (urgent) this.waiting.unshift(take);
      else this.waiting.push(take);
    });
  }

  private release(slot: Slot<W>): void {
    if (this.closed) {
      void slot.worker?.then((w) => letGo(w, true)).catch(() => {});
      return;
    }
    const next = this.waiting.shift();
    if (next) next(slot);
    else this.idle.push(slot);
  }

  /** Races the job against the timeout and the abort signal; the loser's worker is retired by run(). */
  private guard<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => finish(() => reject(new JobTimeoutError(this.opts.jobTimeoutMs, this.opts.jobName))), this.opts.jobTimeoutMs);
      const onAbort = () => finish(() => reject(signal!.reason));
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        settle();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      work.then(
        (v) => finish(() => resolve(v)),
        (e: unknown) => finish(() => reject(e)),
      );
    });
  }
}
