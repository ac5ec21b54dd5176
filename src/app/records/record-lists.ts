import type { Actor } from '../../domain/access.ts';
import type { FinalDisposition } from '../../domain/classification.ts';
import { AppError } from '../../domain/errors.ts';
import { canManageRecords } from '../../domain/records.ts';
import type { AppDeps } from '../deps.ts';
import { presentDocument } from '../documents/present-document.ts';
import { documentVisibility } from '../documents/read-documents.ts';
import { RETENTION_PASS_JOB } from '../../domain/job-types.ts';

const requireKeeper = (actor: Actor): void => {
  if (!canManageRecords(actor)) throw new AppError('forbidden', 'the records lists are for archivists and admins');
};

export interface RecordListQuery {
  unitCode?: string | undefined;
  finalDisposition?: FinalDisposition | undefined;
}

/** Records whose retention has ended and that no hold keeps, oldest first, within the caller's sight. */
export const listDue = async (deps: AppDeps, actor: Actor, q: RecordListQuery, page: number, limit: number) => {
  requireKeeper(actor);
  const { items, total } = await deps.db.retention.due({ visibility: await documentVisibility(deps, actor), ...q }, page, limit);
  return { items: items.map((d) => presentDocument(d)), total, page, limit };
};

/** Records without a (known) classification code, waiting for an archivist to classify them. */
export const listUnclassified = async (deps: AppDeps, actor: Actor, q: RecordListQuery, page: number, limit: number) => {
  requireKeeper(actor);
  const { items, total } = await deps.db.retention.unclassified({ visibility: await documentVisibility(deps, actor), ...q }, page, limit);
  return { items: items.map((d) => presentDocument(d)), total, page, limit };
};

/** The archivist's overview: how many records stand where, per unit and final disposition. */
export const recordsSummary = async (deps: AppDeps, actor: Actor) => {
  requireKeeper(actor);
  return { counts: await deps.db.retention.counts(await documentVisibility(deps, actor)) };
};

/** Runs the retention pass now (a job; its effects show within seconds). */
export const runRetentionPassNow = async (deps: AppDeps, actor: Actor) => {
  requireKeeper(actor);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.jobs.enqueue({ type: RETENTION_PASS_JOB, payload: { requestedBy: actor.id }, runAt: now, maxAttempts: deps.jobs.maxAttempts });
    await tx.audit.append({ at: now, actorId: actor.id, action: 'records.retention_pass', targetType: 'records', targetId: 'retention', details: {} });
  });
  deps.jobsEnqueued?.();
  return { status: 'queued' as const };
};
