import { AppError } from '../../domain/errors.ts';
import type { DisposalRecord } from '../../domain/records.ts';
import type { AppDeps } from '../deps.ts';
import { originalKey } from '../documents/keys.ts';
import { removeDerivedFiles } from '../documents/derived-files.ts';
import { actorOf } from './record-actor.ts';
import { minutesLine, sealMinutes } from './minutes.ts';
import { minutesNumberFor } from './minutes-number.ts';
import { notifyUsers } from './records-notices.ts';

/**
 * Destroys one record of a disposal, so that it can be done again after a crash at any point:
 * first, in one transaction, the record becomes a stub (compare-and-set from `due`: a record a
 * hold reached meanwhile is skipped, never destroyed) and its text goes; then its object and
 * index entry are deleted (the object's key follows from its SHA-256, so a resumed run finds
 * it); only then is the item marked destroyed.
 */
const destroyOne = async (deps: AppDeps, d: DisposalRecord, documentId: string): Promise<void> => {
  const doc = await deps.db.documents.findById(documentId);
  if (!doc) throw new AppError('invalid', `record ${documentId} of disposal ${d.id} is missing from the database`);
  const now = deps.clock.now();
  if (doc.retention.phase !== 'disposed') {
    const done = await deps.db.transaction(async (tx) => {
      if (!(await tx.retention.markDisposed(documentId, d.id, now))) {
        await tx.disposals.markItem(d.id, documentId, 'skipped', now);
        await tx.audit.append({
          at: now,
          actorId: d.executedBy,
          action: 'record.destroy_skipped',
          targetType: 'document',
          targetId: documentId,
          details: { disposalId: d.id, phase: doc.retention.phase },
        });
        return false;
      }
      await tx.pages.replace(documentId, []);
      await tx.audit.append({
        at: now,
        actorId: d.executedBy,
        action: 'record.destroy',
        targetType: 'document',
        targetId: documentId,
        details: {
          disposalId: d.id,
          sha256: doc.sha256,
          title: doc.title,
          classificationCode: doc.classificationCode,
          approvedBy: d.decidedBy,
          approvedAt: d.decidedAt?.toISOString() ?? null,
        },
      });
      return true;
    });
    if (!done) return;
  } else if (doc.retention.disposalId !== d.id) {
    throw new AppError('invalid', `record ${documentId} was destroyed by another disposal`);
  }
  await deps.blobs.delete(originalKey(doc.sha256));
  await removeDerivedFiles(deps, documentId);
  await deps.search.remove([documentId]);
  await deps.db.disposals.markItem(d.id, documentId, 'destroyed', deps.clock.now());
};

/**
 * Job: carries out an executing disposal to its end. Resumable at every step: pending items
 * are destroyed one by one (see destroyOne), then the minutes (berita acara pemusnahan) are
 * written, sealed and archived, and the disposal becomes executed in their transaction.
 */
export const runDisposal = async (deps: AppDeps, payload: { disposalId: string }, signal?: AbortSignal): Promise<void> => {
  const id = payload.disposalId;
  let d = await deps.db.disposals.findById(id);
  if (d?.status !== 'executing') return; // finished already, or never started
  for (const item of (await deps.db.disposals.items(id)).filter((i) => i.state === 'pending')) {
    signal?.throwIfAborted();
    await destroyOne(deps, d, item.documentId);
  }
  d = await minutesNumberFor(deps, 'disposal', d);
  const items = await deps.db.disposals.items(id);
  const docs = new Map((await deps.db.documents.findManyByIds(items.map((i) => i.documentId))).map((doc) => [doc.id, doc]));
  const destroyed = items.filter((i) => i.state === 'destroyed').map((i) => docs.get(i.documentId)!);
  const skipped = items.filter((i) => i.state === 'skipped').map((i) => docs.get(i.documentId)!);
  const approver = d.decidedBy ? await deps.db.users.findById(d.decidedBy) : null;
  const body = [
    `Pada hari ini telah dilaksanakan pemusnahan arsip yang telah habis masa retensinya dan berketerangan musnah menurut Jadwal Retensi Arsip, dengan alasan: ${d.reason}`,
    `Usulan: ${d.proposedAt.toISOString().slice(0, 10)}. Disetujui oleh ${approver?.name ?? d.decidedBy ?? '-'} pada ${d.decidedAt?.toISOString().slice(0, 10) ?? '-'}${d.decisionNote ? ` (${d.decisionNote})` : ''}.`,
    `Arsip yang dimusnahkan (${destroyed.length}):\n${destroyed.map((doc, i) => minutesLine(i + 1, doc)).join('\n') || '-'}`,
    ...(skipped.length ? [`Tidak dimusnahkan karena sedang ditahan (${skipped.length}):\n${skipped.map((doc, i) => minutesLine(i + 1, doc)).join('\n')}`] : []),
    'Metadata setiap arsip (judul, kode klasifikasi, tanggal, SHA-256) tetap disimpan sebagai bukti pemusnahan.',
  ].join('\n\n');
  const executor = await actorOf(deps, d.executedBy!);
  const disposal = d;
  await sealMinutes(deps, {
    kind: 'disposal',
    actId: id,
    number: disposal.minutesNumber!,
    title: 'Berita Acara Pemusnahan Arsip',
    addressee: `Arsip ${disposal.unitCode}`,
    body,
    unitCode: disposal.unitCode,
    actor: executor,
    inTx: async (tx, minutesDocumentId) => {
      const at = deps.clock.now();
      if (!(await tx.disposals.setStatus(id, 'executing', 'executed', { minutesDocumentId, executedAt: at }, at)))
        throw new AppError('conflict', 'this disposal was finished meanwhile');
      await tx.audit.append({
        at,
        actorId: disposal.executedBy,
        action: 'disposal.executed',
        targetType: 'disposal',
        targetId: id,
        details: { destroyed: destroyed.length, skipped: skipped.length, minutesDocumentId, minutesNumber: disposal.minutesNumber },
      });
      const told = await Promise.all([disposal.proposedBy, disposal.decidedBy].filter((u): u is string => u !== null).map((u) => tx.users.findById(u)));
      await notifyUsers(
        deps,
        tx,
        told.filter((u) => u !== null),
        {
          kind: 'disposal_executed',
          dedupeKey: `disposal:${id}:executed`,
          subjectType: 'disposal',
          subjectId: id,
          message: `Pemusnahan ${destroyed.length} arsip telah dilaksanakan; berita acara ${disposal.minutesNumber}. — The disposal of ${destroyed.length} records was carried out; minutes ${disposal.minutesNumber}.`,
        },
      );
    },
  });
};
