import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access.ts';
import type { DocumentRecord } from '../../domain/document.ts';
import { AppError } from '../../domain/errors.ts';
import { canHold, type HoldRecord } from '../../domain/records.ts';
import { type RetentionPhase, retentionOf } from '../../domain/retention.ts';
import type { Repositories } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { enqueueReindex } from '../processing/index-document.ts';
import { recordsForAct } from './record-access.ts';
import { loadScheme, officeToday } from './retention-scheme.ts';

const requireHolder = (actor: Actor): void => {
  if (!canHold(actor)) throw new AppError('forbidden', 'only archivists, admins and auditors place or release legal holds');
};

export const presentHold = (h: HoldRecord & { items?: number }, documentIds?: string[]) => ({
  id: h.id,
  name: h.name,
  reason: h.reason,
  createdBy: h.createdBy,
  createdAt: h.createdAt.toISOString(),
  open: h.releasedAt === null,
  releasedAt: h.releasedAt?.toISOString() ?? null,
  releasedBy: h.releasedBy,
  releaseReason: h.releaseReason,
  ...(h.items !== undefined ? { items: h.items } : {}),
  ...(documentIds ? { documentIds, items: documentIds.length } : {}),
});

/**
 * Places a legal hold (penahanan) on records the caller may see: they cannot be disposed of or
 * transferred until it is released. A destroyed or transferred record cannot be held. The
 * hold, the records' phase, an audit entry per record and their re-indexing commit together.
 */
export const createHold = async (deps: AppDeps, actor: Actor, input: { name: string; reason: string; documentIds: string[] }) => {
  requireHolder(actor);
  const docs = await recordsForAct(deps, actor, input.documentIds);
  const gone = docs.filter((d) => d.retention.phase === 'disposed' || d.retention.phase === 'transferred');
  if (gone.length)
    throw new AppError('invalid', `${gone.length} record(s) are no longer kept here`, {
      errors: gone.map((d) => ({ field: 'documentIds', message: `${d.id}: ${d.retention.phase}`, code: 'record_unfit' })),
    });
  const hold: HoldRecord = {
    id: randomUUID(),
    name: input.name,
    reason: input.reason,
    createdBy: actor.id,
    createdAt: deps.clock.now(),
    releasedAt: null,
    releasedBy: null,
    releaseReason: null,
  };
  await deps.db.transaction(async (tx) => {
    await tx.holds.create(hold, input.documentIds);
    await tx.retention.setPhase(input.documentIds, 'held');
    await tx.audit.append({
      at: hold.createdAt,
      actorId: actor.id,
      action: 'hold.create',
      targetType: 'hold',
      targetId: hold.id,
      details: { name: hold.name, records: input.documentIds.length },
    });
    for (const d of docs)
      await tx.audit.append({
        at: hold.createdAt,
        actorId: actor.id,
        action: 'record.hold',
        targetType: 'document',
        targetId: d.id,
        details: { holdId: hold.id, name: hold.name },
      });
    await enqueueReindex(deps, tx, input.documentIds);
  });
  return presentHold(hold, input.documentIds);
};

/** The phase records fall back to when nothing holds them any more. */
const unheldPhases = async (deps: AppDeps, tx: Repositories, docs: DocumentRecord[]): Promise<Map<RetentionPhase, string[]>> => {
  const scheme = await loadScheme(tx);
  const today = officeToday(deps);
  const out = new Map<RetentionPhase, string[]>();
  for (const d of docs) {
    const phase = retentionOf(
      { classificationCode: d.classificationCode, recordDate: d.retention.recordDate ?? today, permanent: d.kind === 'minutes' },
      scheme,
      today,
    ).phase;
    out.set(phase, [...(out.get(phase) ?? []), d.id]);
  }
  return out;
};

/** Releases a hold with a reason; records nothing else holds return to the phase their dates give. */
export const releaseHold = async (deps: AppDeps, actor: Actor, id: string, reason: string) => {
  requireHolder(actor);
  const hold = await deps.db.holds.findById(id);
  if (!hold) throw new AppError('not_found', 'no such hold');
  const now = deps.clock.now();
  const documentIds = await deps.db.holds.items(id);
  await deps.db.transaction(async (tx) => {
    if (!(await tx.holds.release(id, actor.id, reason, now))) throw new AppError('conflict', 'this hold was released already');
    const still = await tx.holds.openHoldsOf(documentIds);
    const freed = (await tx.documents.findManyByIds(documentIds.filter((d) => (still.get(d) ?? []).length === 0))).filter((d) => d.retention.phase === 'held');
    for (const [phase, ids] of await unheldPhases(deps, tx, freed)) await tx.retention.setPhase(ids, phase);
    await tx.audit.append({
      at: now,
      actorId: actor.id,
      action: 'hold.release',
      targetType: 'hold',
      targetId: id,
      details: { reason, records: documentIds.length, freed: freed.length },
    });
    for (const d of freed)
      await tx.audit.append({ at: now, actorId: actor.id, action: 'record.hold_release', targetType: 'document', targetId: d.id, details: { holdId: id } });
    await enqueueReindex(
      deps,
      tx,
      freed.map((d) => d.id),
    );
  });
  return presentHold({ ...hold, releasedAt: now, releasedBy: actor.id, releaseReason: reason }, documentIds);
};

export const listHolds = async (deps: AppDeps, actor: Actor, filter: { open?: boolean | undefined }, page: number, limit: number) => {
  requireHolder(actor);
  const { items, total } = await deps.db.holds.list(filter, page, limit);
  return { items: items.map((h) => presentHold(h)), total, page, limit };
};

export const getHold = async (deps: AppDeps, actor: Actor, id: string) => {
  requireHolder(actor);
  const hold = await deps.db.holds.findById(id);
  if (!hold) throw new AppError('not_found', 'no such hold');
  return presentHold(hold, await deps.db.holds.items(id));
};
