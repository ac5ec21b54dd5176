import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { AppError } from '../domain/errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { JobRecord, JobRepository } from '../ports/repositories.ts';
import { backoffMs } from './backoff.ts';

export interface JobHandler {
  run(payload: Record<string, unknown>, signal: AbortSignal): Promise<void>;
  /** Called once when the job fails for good, to leave its subject in a clear state. */
  onGiveUp?(payload: Record<string, unknown>, reason: string): Promise<void>;
}

export interface JobRunnerOptions {
  jobs: JobRepository;
  handlers: Record<string, JobHandler>;
  clock: Clock;
  concurrency: number;
  pollMs: number;
  leaseMs: number;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void; error(o: object, m: string): void };
}

/**
 * Claims jobs from the table and runs them: leases renewed while a job runs (a killed worker's
 * jobs are reclaimed once its lease lapses), retries with backoff and jitter, outages retried
 * without spending an attempt, unreadable input failed at once, and a bounded number of attempts.
 */
export class JobRunner {
  readonly owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private running = new Map<string, AbortController>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private wake: (() => void) | undefined;
  /** Set by nudge(); a nudge that lands while a claim is running must not be lost. */
  private nudged = false;
  /**
   * Consecutive outage failures per job. An outage gives the attempt back, so the attempt count
   * cannot pace the retries; this does, up to a minute apart, instead of polling a dead backend.
   */
  private outages = new Map<string, number>();

  constructor(private readonly o: JobRunnerOptions) {}

  start(): void {
    this.stopped = false;
    void this.loop();
  }

  /** Wakes the poller early (a job was just enqueued in this process, or a slot freed up). */
  nudge(): void {
    this.nudged = true;
    this.wake?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.nudge();
    for (const c of this.running.values()) c.abort();
    while (this.running.size) await new Promise((r) => setTimeout(r, 20));
  }

  /** Runs until no job is runnable now (for tests and the CLI). */
  async drain(): Promise<void> {
    while ((await this.tick()) > 0 || this.running.size) await new Promise((r) => setTimeout(r, 10));
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      this.nudged = false;
      let claimed = 0;
      try {
        claimed = await this.tick();
      } catch (e) {
        this.o.log.warn({ err: (e as Error).message }, 'job poll failed; retrying');
      }
      // Sleep only when there was nothing to claim and nobody asked for a look since this claim began.
      if (claimed === 0 && !this.nudged && !this.stopped) await new Promise<void>((r) => ((this.wake = r), (this.timer = setTimeout(r, this.o.pollMs))));
      this.wake = undefined;
      clearTimeout(this.timer);
    }
  }

  private async tick(): Promise<number> {
    const free = this.o.concurrency - this.running.size;
    if (free <= 0) return 0;
    const jobs = await this.o.jobs.claim(this.owner, this.o.leaseMs, free, this.o.clock.now(), Object.keys(this.o.handlers));
    for (const job of jobs) {
      if (job.state === 'failed') void this.giveUp(job);
      else void this.execute(job);
    }
    return jobs.length;
  }

  /** A job that died with its holder on the last attempt: settle its subject with the reason. */
  private async giveUp(job: JobRecord): Promise<void> {
    this.o.log.warn({ jobId: job.id, type: job.type, reason: job.lastError }, 'job failed for good');
    await this.o.handlers[job.type]
      ?.onGiveUp?.(job.payload, job.lastError ?? 'failed')
      .catch((e: unknown) => this.o.log.error({ jobId: job.id, err: (e as Error).message }, 'could not settle a failed job'));
  }

  private async execute(job: JobRecord): Promise<void> {
    const controller = new AbortController();
    this.running.set(job.id, controller);
    const renew = setInterval(
      () => {
        void this.o.jobs.extendLease(job.id, this.owner, new Date(this.o.clock.now().getTime() + this.o.leaseMs)).then(
          (held) => held || (this.o.log.warn({ jobId: job.id }, 'lease lost to another worker; stopping the job'), controller.abort()),
          (e: unknown) => this.o.log.warn({ jobId: job.id, err: (e as Error).message }, 'could not renew the job lease; will try again'),
        );
      },
      Math.max(1000, this.o.leaseMs / 3),
    );
    const handler = this.o.handlers[job.type]!;
    try {
      await handler.run(job.payload, controller.signal);
      this.outages.delete(job.id);
      await this.o.jobs.complete(job.id, this.owner);
    } catch (e) {
      await this.failed(job, handler, e).catch((err: unknown) =>
        this.o.log.error({ err: (err as Error).message, jobId: job.id }, 'could not record a job failure'),
      );
    } finally {
      clearInterval(renew);
      this.running.delete(job.id);
      this.nudge(); // a slot is free: a backlog drains at the speed of the work, not of the poll
    }
  }

  private async failed(job: JobRecord, handler: JobHandler, e: unknown): Promise<void> {
    const reason = e instanceof AppError ? e.detail : ((e as Error)?.message ?? String(e));
    const outage = e instanceof AppError && e.code === 'unavailable';
    const hopeless = e instanceof AppError && e.code !== 'unavailable';
    const last = hopeless || (!outage && job.attempts >= job.maxAttempts);
    const streak = outage ? (this.outages.get(job.id) ?? 0) + 1 : 0;
    if (outage && this.outages.size < 100_000) this.outages.set(job.id, streak);
    if (last) this.outages.delete(job.id);
    const retryAt = last ? null : new Date(this.o.clock.now().getTime() + (outage ? backoffMs(streak, 1000, 60_000) : backoffMs(job.attempts)));
    this.o.log.warn({ jobId: job.id, type: job.type, attempt: job.attempts, reason, retryAt }, last ? 'job failed for good' : 'job failed; will retry');
    if ((await this.o.jobs.fail(job.id, this.owner, reason, retryAt, !outage)) && last) await handler.onGiveUp?.(job.payload, reason);
  }
}
