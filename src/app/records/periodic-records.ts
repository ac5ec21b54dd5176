import type { AppDeps } from '../deps.ts';
import { startFixity } from './fixity.ts';
import { RETENTION_PASS_JOB } from '../../domain/job-types.ts';

/** Job type: one daily retention pass (see dailyRetentionPass). */
const HOUR = 3600_000;

/**
 * The records lifecycle's periodic work, for a worker's timer: each task is claimed for its
 * period in the database, so of several workers exactly one starts it, and it runs as a job
 * (retried, resumed after a crash). Returns what was started.
 */
export const recordsTick = async (deps: AppDeps): Promise<string[]> => {
  const started: string[] = [];
  const now = deps.clock.now();
  const { retentionPassHours, fixityEveryHours } = deps.records;
  if (retentionPassHours > 0 && (await deps.db.schedules.claim('retention-pass', now, new Date(now.getTime() + retentionPassHours * HOUR)))) {
    await deps.db.jobs.enqueue({ type: RETENTION_PASS_JOB, payload: { day: now.toISOString().slice(0, 10) }, runAt: now, maxAttempts: deps.jobs.maxAttempts });
    deps.jobsEnqueued?.();
    started.push('retention-pass');
  }
  if (fixityEveryHours > 0 && (await deps.db.schedules.claim('fixity', now, new Date(now.getTime() + fixityEveryHours * HOUR)))) {
    await startFixity(deps, 'schedule', null);
    started.push('fixity');
  }
  return started;
};
