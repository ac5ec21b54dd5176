import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import type { AuditCheckpoint } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { requireAuditor } from './audit-access.ts';
import { presentCheckpoint, type CheckpointView } from './present-audit.ts';

/**
 * Records the chain head as a checkpoint, on request (`actor` null is the shell). The request
 * is itself an audit entry, appended first and in the same transaction, so the checkpoint
 * names that entry: a real seq whose hash covers everything before it, including who asked.
 */
export const recordCheckpoint = async (deps: AppDeps, actor: Actor | null): Promise<CheckpointView> => {
  requireAuditor(actor);
  const at = deps.clock.now();
  const checkpoint = await deps.db.transaction(async (tx) => {
    await tx.audit.append({ at, actorId: actor?.id ?? null, action: 'audit.checkpoint', targetType: 'audit', targetId: null, details: {} });
    const head = await tx.audit.head();
    const c: AuditCheckpoint = { seq: head.seq, hash: head.hash, at };
    await tx.audit.addCheckpoint(c);
    return c;
  });
  return presentCheckpoint(checkpoint);
};

/**
 * The periodic checkpoint: records the head when it moved since the last checkpoint; null when
 * it did not. It appends no entry of its own — that would move the head it records, and every
 * worker would add one; as it is, workers racing on the same head make one row (same seq).
 */
export const recordScheduledCheckpoint = async (deps: AppDeps): Promise<CheckpointView | null> => {
  const head = await deps.db.audit.head();
  const latest = (await deps.db.audit.checkpoints(1, 1)).items[0];
  if (head.seq === 0 || (latest && latest.seq >= head.seq)) return null;
  const c: AuditCheckpoint = { seq: head.seq, hash: head.hash, at: deps.clock.now() };
  await deps.db.audit.addCheckpoint(c);
  return presentCheckpoint(c);
};

/** Recorded checkpoints, newest first (auditor or admin). */
export const listCheckpoints = async (deps: AppDeps, actor: Actor, page: number, limit: number) => {
  requireAuditor(actor);
  const { items, total } = await deps.db.audit.checkpoints(page, limit);
  return { items: items.map(presentCheckpoint), total, page, limit };
};

/** The newest checkpoint (auditor or admin); 404 when none was recorded yet. */
export const latestCheckpoint = async (deps: AppDeps, actor: Actor): Promise<CheckpointView> => {
  requireAuditor(actor);
  const latest = (await deps.db.audit.checkpoints(1, 1)).items[0];
  if (!latest) throw new AppError('not_found', 'no checkpoint has been recorded yet');
  return presentCheckpoint(latest);
};
