import { randomUUID } from 'node:crypto';
import { type Actor, subtreeOf } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { type DisposalRecord, disposalProblem, type RecordItemState } from '../../domain/records.ts';
import { hasRole } from '../../domain/roles.ts';
import type { AppDeps } from '../deps.ts';
import { recordsForAct, refuseUnfit, standingOf } from './record-access.ts';
import { notifyUsers, usersWithRole } from './records-notices.ts';
import { EXECUTE_DISPOSAL_JOB } from '../../domain/job-types.ts';

/** Job type: carries out an approved disposal (resumable: see runDisposal). */

export const presentDisposal = (d: DisposalRecord, items?: { documentId: string; state: RecordItemState; doneAt: Date | null }[]) => ({
  id: d.id,
  status: d.status,
  reason: d.reason,
  unitCode: d.unitCode,
  proposedBy: d.proposedBy,
  proposedAt: d.proposedAt.toISOString(),
  decidedBy: d.decidedBy,
  decidedAt: d.decidedAt?.toISOString() ?? null,
  decisionNote: d.decisionNote,
  executedBy: d.executedBy,
  executedAt: d.executedAt?.toISOString() ?? null,
  minutesDocumentId: d.minutesDocumentId,
  minutesNumber: d.minutesNumber,
  ...(items ? { items: items.map((i) => ({ documentId: i.documentId, state: i.state, doneAt: i.doneAt?.toISOString() ?? null })) } : { items: d.items }),
});

const requireArchivist = (actor: Actor, what: string): void => {
  if (!hasRole(actor, 'archivist')) throw new AppError('forbidden', `only an archivist ${what}`);
};

/** A disposal the caller may deal with: archivists and officials of its unit or above, admins and auditors to read. */
const visibleDisposal = async (deps: AppDeps, actor: Actor, id: string): Promise<DisposalRecord> => {
  const d = await deps.db.disposals.findById(id);
  const units = await deps.db.units.all();
  const keeper = hasRole(actor, 'archivist', 'official') && subtreeOf(actor.unitCode, units).includes(d?.unitCode ?? '');
  if (!d || !(keeper || hasRole(actor, 'admin', 'auditor'))) throw new AppError('not_found', 'no such disposal');
  return d;
};

/**
 * An archivist proposes the disposal (pemusnahan) of due records whose schedule says destroy:
 * 422 naming every record that is not due, held, kept permanently or already in another act.
 * The heads of the unit are told it waits for their approval.
 */
export const proposeDisposal = async (deps: AppDeps, actor: Actor, input: { documentIds: string[]; reason: string }) => {
  requireArchivist(actor, 'proposes a disposal');
  const docs = await recordsForAct(deps, actor, input.documentIds);
  refuseUnfit(docs, await standingOf(deps, docs), disposalProblem, 'proposed for disposal');
  const now = deps.clock.now();
  const d: DisposalRecord = {
    id: randomUUID(),
    status: 'proposed',
    reason: input.reason,
    unitCode: actor.unitCode,
    items: docs.length,
    proposedBy: actor.id,
    proposedAt: now,
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
    executedBy: null,
    executedAt: null,
    minutesDocumentId: null,
    minutesNumber: null,
  };
  const units = await deps.db.units.all();
  const heads = (await usersWithRole(deps.db, 'official')).filter((o) => subtreeOf(o.unitCode, units).includes(d.unitCode));
  await deps.db.transaction(async (tx) => {
    await tx.disposals.create(d, input.documentIds);
    await tx.audit.append({
      at: now,
      actorId: actor.id,
      action: 'disposal.propose',
      targetType: 'disposal',
      targetId: d.id,
      details: { records: docs.length, reason: d.reason },
    });
    for (const doc of docs)
      await tx.audit.append({
        at: now,
        actorId: actor.id,
        action: 'record.disposal_proposed',
        targetType: 'document',
        targetId: doc.id,
        details: { disposalId: d.id },
      });
    await notifyUsers(deps, tx, heads, {
      kind: 'disposal_approval',
      dedupeKey: `disposal:${d.id}:approve`,
      subjectType: 'disposal',
      subjectId: d.id,
      message: `Usulan pemusnahan ${docs.length} arsip menunggu persetujuan Anda. — A proposed disposal of ${docs.length} records waits for your approval.`,
    });
  });
  return presentDisposal(d);
};

/**
 * The head of the unit (an official whose unit is the disposal's or above it, never the
 * proposer) approves or rejects a proposed disposal, once.
 */
export const decideDisposal = async (deps: AppDeps, actor: Actor, id: string, decision: 'approved' | 'rejected', note: string | null) => {
  const d = await visibleDisposal(deps, actor, id);
  if (!hasRole(actor, 'official')) throw new AppError('forbidden', 'only an official (the head of the unit) approves or rejects a disposal');
  if (d.proposedBy === actor.id) throw new AppError('forbidden', 'the proposer of a disposal may not decide on it; another official does');
  const units = await deps.db.units.all();
  if (!subtreeOf(actor.unitCode, units).includes(d.unitCode))
    throw new AppError('forbidden', "only the head of the disposal's unit, or of a unit above it, decides on it");
  const now = deps.clock.now();
  const proposer = await deps.db.users.findById(d.proposedBy);
  await deps.db.transaction(async (tx) => {
    if (!(await tx.disposals.setStatus(id, 'proposed', decision, { decidedBy: actor.id, decidedAt: now, decisionNote: note }, now))) {
      throw new AppError('conflict', `this disposal is ${(await tx.disposals.findById(id))?.status ?? 'gone'}, no longer waiting for a decision`);
    }
    await tx.audit.append({
      at: now,
      actorId: actor.id,
      action: decision === 'approved' ? 'disposal.approve' : 'disposal.reject',
      targetType: 'disposal',
      targetId: id,
      details: { note },
    });
    if (proposer) {
      await notifyUsers(deps, tx, [proposer], {
        kind: 'disposal_decided',
        dedupeKey: `disposal:${id}:decided`,
        subjectType: 'disposal',
        subjectId: id,
        message:
          decision === 'approved'
            ? 'Usulan pemusnahan arsip Anda disetujui; silakan laksanakan. — Your proposed disposal was approved; carry it out.'
            : 'Usulan pemusnahan arsip Anda ditolak. — Your proposed disposal was rejected.',
      });
    }
  });
  return presentDisposal((await deps.db.disposals.findById(id))!);
};

/**
 * An archivist of the unit carries out an approved disposal: approved → executing and the
 * execution job commit together (a second request at the same moment gets 409), then the job
 * destroys the records and writes the minutes. The answer waits for it a while: 200 when done,
 * else 202 (still executing; it finishes by itself, after a restart too).
 */
export const executeDisposal = async (deps: AppDeps, actor: Actor, id: string, o: { waitMs?: number } = {}) => {
  requireArchivist(actor, 'carries out a disposal');
  const d = await visibleDisposal(deps, actor, id);
  if (d.status !== 'approved') throw new AppError('conflict', d.status === 'proposed' ? 'this disposal is not approved yet' : `this disposal is ${d.status}`);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    if (!(await tx.disposals.setStatus(id, 'approved', 'executing', { executedBy: actor.id }, now)))
      throw new AppError('conflict', 'this disposal is being carried out already');
    await tx.audit.append({ at: now, actorId: actor.id, action: 'disposal.execute', targetType: 'disposal', targetId: id, details: { records: d.items } });
    await tx.jobs.enqueue({ type: EXECUTE_DISPOSAL_JOB, payload: { disposalId: id }, runAt: now, maxAttempts: 100 });
  });
  deps.jobsEnqueued?.();
  const until = Date.now() + (o.waitMs ?? 30_000);
  for (;;) {
    const cur = (await deps.db.disposals.findById(id))!;
    if (cur.status === 'executed' || Date.now() >= until) return presentDisposal(cur);
    await new Promise((r) => setTimeout(r, 100));
  }
};

export const getDisposal = async (deps: AppDeps, actor: Actor, id: string) =>
  presentDisposal(await visibleDisposal(deps, actor, id), await deps.db.disposals.items(id));

export const listDisposals = async (deps: AppDeps, actor: Actor, filter: { status?: DisposalRecord['status'] | undefined }, page: number, limit: number) => {
  if (!hasRole(actor, 'archivist', 'official', 'admin', 'auditor'))
    throw new AppError('forbidden', 'disposals are for archivists, officials, admins and auditors');
  const unitCodes = hasRole(actor, 'admin', 'auditor') ? undefined : subtreeOf(actor.unitCode, await deps.db.units.all());
  const { items, total } = await deps.db.disposals.list({ ...filter, unitCodes }, page, limit);
  return { items: items.map((d) => presentDisposal(d)), total, page, limit };
};
