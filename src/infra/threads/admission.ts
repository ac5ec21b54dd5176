/**
 * A bounded share of a pool for work someone waits for on a request: at most `running` at once,
 * at most `queued` waiting behind them, and everyone after that refused at once (429 with a
 * Retry-After) rather than left to wait without end. Many clerks dropping files at the same
 * moment then cost the pipeline at most `running` workers, and each of them gets an answer.
 */
import { AppError } from '../../domain/errors.ts';

export interface AdmissionOptions {
  running: number;
  queued: number;
  /** What a refusal says, and when to try again. */
  busy: { detail: string; retryAfterSeconds: number };
}

export class Admission {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly opts: AdmissionOptions) {}

  /** Runs `work` once admitted; throws `rate_limited` (reading-busy) when the queue is full. */
  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    if (this.active >= this.opts.running) await this.wait(signal);
    else this.active++;
    try {
      return await work();
    } finally {
      // The freed place passes straight to the next in line, so `active` never dips between them.
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }

  private wait(signal?: AbortSignal): Promise<void> {
    if (this.waiting.length >= this.opts.queued) {
      const { detail, retryAfterSeconds } = this.opts.busy;
      return Promise.reject(new AppError('rate_limited', detail, { problemType: 'reading-busy', retryAfterSeconds }));
    }
    return new Promise((resolve, reject) => {
      const admit = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        this.waiting.splice(this.waiting.indexOf(admit), 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(admit);
    });
  }
}
