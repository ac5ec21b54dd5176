import type pino from 'pino';
import type { AppDeps } from '../app/deps.ts';
import { sequenceLog } from '../app/public-log/sequence-log.ts';
import { signCheckpoint } from '../app/public-log/sign-checkpoint.ts';

/**
 * Appends queued leaves and publishes a checkpoint after each append, in this process. A signing
 * nudges it after its commit, so a letter is in a signed head within moments; a timer catches
 * leaves queued by a process that died before nudging, and by other processes. Runs never
 * overlap here; across processes the head row keeps them apart.
 */
export class LogSequencer {
  private running: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: AppDeps,
    private readonly log: pino.Logger,
  ) {}

  start(pollMs: number): void {
    this.timer = setInterval(() => this.nudge(), pollMs).unref();
    this.nudge();
  }

  /** Asks for a run now (or right after the current one). */
  nudge(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run()
      .catch((e: unknown) => this.log.warn({ err: (e as Error).message }, 'public log append failed; trying again'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.nudge();
        }
      });
  }

  /** Waits for the run in progress, if any (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.again = false;
    await this.idle();
  }

  private async run(): Promise<void> {
    let appended = false;
    while (await sequenceLog(this.deps)) appended = true;
    if (appended) await signCheckpoint(this.deps);
  }
}
