import { expect } from 'chai';
import { AppError } from '../../../src/domain/errors.ts';
import { JobRunner, type JobHandler } from '../../../src/pipeline/job-runner.ts';
import type { JobRecord, JobRepository } from '../../../src/ports/repositories.ts';

/** An in-memory job table with the repository's semantics, recording every failure. */
const memoryJobs = () => {
  const jobs = new Map<string, JobRecord>();
  const failures: { id: string; error: string; retryAt: Date | null; countAttempt: boolean }[] = [];
  const repo = {
    async enqueue({ type, payload, runAt, maxAttempts }) {
      const j: JobRecord = {
        id: `j${jobs.size + 1}`,
        type,
        payload,
        state: 'queued',
        attempts: 0,
        maxAttempts,
        runAt,
        leaseOwner: null,
        leaseUntil: null,
        lastError: null,
      };
      jobs.set(j.id, j);
      return j;
    },
    async claim(owner, leaseMs, limit, now) {
      const due = [...jobs.values()].filter((j) => j.state === 'queued' && j.runAt <= now).slice(0, limit);
      for (const j of due) Object.assign(j, { state: 'running', leaseOwner: owner, leaseUntil: new Date(now.getTime() + leaseMs), attempts: j.attempts + 1 });
      return due.map((j) => ({ ...j }));
    },
    async complete(id, owner) {
      const j = jobs.get(id)!;
      if (j.leaseOwner !== owner) return false;
      Object.assign(j, { state: 'done', leaseOwner: null });
      return true;
    },
    async fail(id, _owner, error, retryAt, countAttempt) {
      const j = jobs.get(id)!;
      failures.push({ id, error, retryAt, countAttempt });
      Object.assign(j, {
        lastError: error,
        leaseOwner: null,
        state: retryAt ? 'queued' : 'failed',
        ...(retryAt ? { runAt: retryAt } : {}),
        attempts: countAttempt ? j.attempts : j.attempts - 1,
      });
      return true;
    },
    extendLease: async () => true,
    findById: async (id) => jobs.get(id) ?? null,
  } as Pick<JobRepository, 'enqueue' | 'claim' | 'complete' | 'fail' | 'extendLease' | 'findById'>;
  return { jobs, failures, repo: repo as JobRepository };
};

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

const run = async (handler: JobHandler, maxAttempts: number, steps: number) => {
  const m = memoryJobs();
  let now = new Date('2026-01-01T00:00:00Z');
  const runner = new JobRunner({
    jobs: m.repo,
    handlers: { 'fixity-run': handler },
    clock: { now: () => now },
    concurrency: 1,
    pollMs: 10,
    leaseMs: 60_000,
    log: quiet,
  });
  await m.repo.enqueue({ type: 'fixity-run', payload: { documentId: 'd1' }, runAt: now, maxAttempts });
  for (let i = 0; i < steps; i++) {
    await runner.drain();
    now = new Date(now.getTime() + 120_000); // past any retry time
  }
  return { ...m, job: m.jobs.get('j1')! };
};

describe('pipeline/job-runner', () => {
  it('retries an outage without spending attempts, with growing waits, then completes', async () => {
    let calls = 0;
    const { failures, job } = await run(
      {
        run: async () =>
          void (
            ++calls <= 4 &&
            (() => {
              throw new AppError('unavailable', 'search down', { backend: 'search' });
            })()
          ),
      },
      2,
      6,
    );
    expect(job.state).to.equal('done');
    expect(failures.map((f) => f.countAttempt)).to.deep.equal([false, false, false, false]);
    const waits = failures.map((f, i) => f.retryAt!.getTime() - (Date.parse('2026-01-01T00:00:00Z') + i * 120_000));
    expect(waits[3]!).to.be.greaterThan(waits[0]! * 2); // backs off instead of polling a dead backend
  });

  it('fails unreadable input at once, keeps the reason and calls onGiveUp', async () => {
    const gaveUp: string[] = [];
    const { failures, job } = await run(
      {
        run: async () => {
          throw new AppError('invalid', 'the PDF is encrypted');
        },
        onGiveUp: async (_p, reason) => void gaveUp.push(reason),
      },
      5,
      3,
    );
    expect(job.state).to.equal('failed');
    expect(failures).to.have.length(1);
    expect(failures[0]!.retryAt).to.equal(null);
    expect(gaveUp).to.deep.equal(['the PDF is encrypted']);
  });

  it('retries other errors with backoff up to the last attempt, then gives up with the reason', async () => {
    const gaveUp: string[] = [];
    const { failures, job } = await run(
      {
        run: async () => {
          throw new Error('worker crashed');
        },
        onGiveUp: async (_p, reason) => void gaveUp.push(reason),
      },
      3,
      5,
    );
    expect(job.state).to.equal('failed');
    expect(failures.map((f) => f.retryAt === null)).to.deep.equal([false, false, true]);
    expect(failures.every((f) => f.countAttempt)).to.equal(true);
    expect(gaveUp).to.deep.equal(['worker crashed']);
  });
});
