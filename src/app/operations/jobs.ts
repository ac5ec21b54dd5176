import { canRead, type Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { failureKind } from '../../domain/failure-kinds.ts';
import { hasRole } from '../../domain/roles.ts';
import type { JobListing, JobState } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { scopeOf } from '../documents/read-documents.ts';
import { GAVE_UP_PREFIX } from '../processing/gave-up.ts';
import { BATCH_JOB } from '../../domain/job-types.ts';

const requireAdmin = (actor: Actor): void => {
  if (!hasRole(actor, 'admin')) throw new AppError('forbidden', 'only an admin may see and retry background jobs');
};

const documentOf = (job: { payload: Record<string, unknown> }): string | null => (typeof job.payload.documentId === 'string' ? job.payload.documentId : null);

/**
 * The background jobs (failed ones by default), newest change first, each with what it works on:
 * a document (its title only when the admin may read it), an import or a notification's email.
 */
export const listJobs = async (deps: AppDeps, actor: Actor, state: JobState, page: number, limit: number) => {
  requireAdmin(actor);
  const [{ items, total }, counts, scope] = await Promise.all([deps.db.jobs.list({ state }, page, limit), deps.db.jobs.countByState(), scopeOf(deps, actor)]);
  const docs = new Map((await deps.db.documents.findManyByIds(items.map(documentOf).filter((d): d is string => d !== null))).map((d) => [d.id, d]));
  const subject = (job: JobListing) => {
    const documentId = documentOf(job);
    if (documentId) {
      const doc = docs.get(documentId);
      return { kind: 'document' as const, id: documentId, title: doc && canRead(scope, doc) ? doc.title : null, exists: doc !== undefined };
    }
    if (typeof job.payload.notificationId === 'string') return { kind: 'email' as const, id: job.payload.notificationId };
    return typeof job.payload.batchId === 'string' ? { kind: 'batch' as const, id: job.payload.batchId } : null;
  };
  return { items: items.map((j) => ({ ...present(j), subject: subject(j) })), total, page, limit, counts };
};

const present = (j: JobListing) => ({
  id: j.id,
  type: j.type,
  state: j.state,
  attempts: j.attempts,
  maxAttempts: j.maxAttempts,
  lastError: j.lastError,
  lastErrorCode: failureKind(j.lastError),
  runAt: j.runAt.toISOString(),
  createdAt: j.createdAt.toISOString(),
  updatedAt: j.updatedAt.toISOString(),
  // An import that gave up has already reported its waiting files rejected and removed them.
  retryable: j.state === 'failed' && j.type !== BATCH_JOB,
});

/**
 * Puts a failed job back in the queue with fresh attempts (admin). A document the job's give-up
 * had failed goes back to `processing` in the same transaction; a file that failed on its own
 * (unreadable) stays failed. Two admins retrying at once: one 200, one 409.
 */
export const retryJob = async (deps: AppDeps, actor: Actor, id: string) => {
  requireAdmin(actor);
  const job = await deps.db.jobs.findById(id);
  if (!job) throw new AppError('not_found', 'no such job');
  if (job.state !== 'failed') throw new AppError('conflict', `only a failed job can be retried; this one is ${job.state}`);
  if (job.type === BATCH_JOB)
    throw new AppError('conflict', 'an import that gave up reported its waiting files as rejected and removed them: import those files again');
  const now = deps.clock.now();
  const documentId = documentOf(job);
  await deps.db.transaction(async (tx) => {
    if (!(await tx.jobs.retry(id, now))) throw new AppError('conflict', 'the job was retried or changed meanwhile');
    const doc = documentId ? await tx.documents.findById(documentId) : null;
    const prefix = GAVE_UP_PREFIX[job.type];
    if (doc?.status === 'failed' && prefix && doc.error?.startsWith(prefix)) await tx.documents.setStatus(doc.id, 'processing', { error: null }, now);
    await tx.audit.append({
      at: now,
      actorId: actor.id,
      action: 'admin.job_retry',
      // About a document, the entry follows the document's visibility in the trail.
      targetType: documentId ? 'document' : 'job',
      targetId: documentId ?? id,
      details: { jobId: id, type: job.type, attempts: job.attempts, lastError: job.lastError },
    });
  });
  deps.jobsEnqueued?.();
  // A worker may have claimed it already: report what it is now.
  return present((await deps.db.jobs.findById(id))!);
};
