import { randomUUID } from 'node:crypto';
import { type Actor, subtreeOf } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { type TransferRecord, transferProblem } from '../../domain/records.ts';
import { hasRole } from '../../domain/roles.ts';
import type { AppDeps } from '../deps.ts';
import { originalKey } from '../documents/keys.ts';
import { removeDerivedFiles } from '../documents/derived-files.ts';
import { enqueueReindex } from '../processing/index-document.ts';
import { minutesLine, sealMinutes } from './minutes.ts';
import { minutesNumberFor } from './minutes-number.ts';
import { actorOf } from './record-actor.ts';
import { recordsForAct, refuseUnfit, standingOf } from './record-access.ts';

export const presentTransfer = (t: TransferRecord, documentIds?: string[]) => ({
  id: t.id,
  status: t.status,
  unitCode: t.unitCode,
  recipient: t.recipient,
  createdBy: t.createdBy,
  createdAt: t.createdAt.toISOString(),
  confirmedBy: t.confirmedBy,
  confirmedAt: t.confirmedAt?.toISOString() ?? null,
  minutesDocumentId: t.minutesDocumentId,
  minutesNumber: t.minutesNumber,
  items: t.items,
  ...(documentIds ? { documentIds } : {}),
});

const requireArchivist = (actor: Actor, what: string): void => {
  if (!hasRole(actor, 'archivist')) throw new AppError('forbidden', `only an archivist ${what}`);
};

/** A transfer the caller may deal with: archivists of its unit or above; admins and auditors to read. */
export const visibleTransfer = async (deps: AppDeps, actor: Actor, id: string): Promise<TransferRecord> => {
  const t = await deps.db.transfers.findById(id);
  const units = await deps.db.units.all();
  const keeper = hasRole(actor, 'archivist') && subtreeOf(actor.unitCode, units).includes(t?.unitCode ?? '');
  if (!t || !(keeper || hasRole(actor, 'admin', 'auditor'))) throw new AppError('not_found', 'no such transfer');
  return t;
};

/** The minutes of transfer (berita acara penyerahan), written and sealed once; a crash before leaves them to the next call. */
export const ensureTransferMinutes = async (deps: AppDeps, t: TransferRecord): Promise<TransferRecord> => {
  if (t.minutesDocumentId) return t;
  const numbered = await minutesNumberFor(deps, 'transfer', t);
  const docs = await deps.db.documents.findManyByIds(await deps.db.transfers.items(t.id));
  const body = [
    `Pada hari ini ${t.unitCode} menyerahkan arsip statis (arsip yang menurut Jadwal Retensi Arsip berketerangan permanen) kepada ${t.recipient}, dalam satu paket BagIt yang memuat setiap arsip, metadata dan riwayat auditnya, beserta daftar SHA-256 untuk memeriksa keutuhannya.`,
    `Arsip yang diserahkan (${docs.length}):\n${docs.map((d, i) => minutesLine(i + 1, d)).join('\n')}`,
  ].join('\n\n');
  await sealMinutes(deps, {
    kind: 'transfer',
    actId: t.id,
    number: numbered.minutesNumber!,
    title: 'Berita Acara Penyerahan Arsip Statis',
    addressee: t.recipient,
    body,
    unitCode: t.unitCode,
    actor: await actorOf(deps, t.createdBy),
    inTx: async (tx, minutesDocumentId) => {
      if (!(await tx.transfers.setStatus(t.id, 'prepared', 'prepared', { minutesDocumentId }, deps.clock.now())))
        throw new AppError('conflict', 'this transfer was confirmed meanwhile');
    },
  });
  return (await deps.db.transfers.findById(t.id))!;
};

/**
 * An archivist prepares the transfer (penyerahan) of due records kept permanently to an archive
 * institution: 422 naming every record that is not due, held, not permanent or already in
 * another act. The sealed minutes of transfer are written at once; the package can be fetched
 * until the transfer is confirmed.
 */
export const createTransfer = async (deps: AppDeps, actor: Actor, input: { documentIds: string[]; recipient: string }) => {
  requireArchivist(actor, 'prepares a transfer');
  const docs = await recordsForAct(deps, actor, input.documentIds);
  refuseUnfit(docs, await standingOf(deps, docs), transferProblem, 'transferred');
  const now = deps.clock.now();
  const t: TransferRecord = {
    id: randomUUID(),
    status: 'prepared',
    unitCode: actor.unitCode,
    recipient: input.recipient,
    items: docs.length,
    createdBy: actor.id,
    createdAt: now,
    confirmedBy: null,
    confirmedAt: null,
    minutesDocumentId: null,
    minutesNumber: null,
  };
  await deps.db.transaction(async (tx) => {
    await tx.transfers.create(t, input.documentIds);
    await tx.audit.append({
      at: now,
      actorId: actor.id,
      action: 'transfer.prepare',
      targetType: 'transfer',
      targetId: t.id,
      details: { records: docs.length, recipient: t.recipient },
    });
    for (const d of docs)
      await tx.audit.append({
        at: now,
        actorId: actor.id,
        action: 'record.transfer_prepared',
        targetType: 'document',
        targetId: d.id,
        details: { transferId: t.id },
      });
  });
  return presentTransfer(await ensureTransferMinutes(deps, t), input.documentIds);
};

/**
 * The archive institution has the package: the records become `transferred`. Their originals
 * and text stay here, or (TRANSFER_KEEP_ORIGINALS=false) are removed like a disposal's, keeping
 * the description. Held records are never handed over: a hold placed since refuses it (409).
 */
export const confirmTransfer = async (deps: AppDeps, actor: Actor, id: string) => {
  requireArchivist(actor, 'confirms a transfer');
  const t = await visibleTransfer(deps, actor, id);
  if (t.status !== 'prepared') throw new AppError('conflict', 'this transfer was confirmed already');
  const ids = await deps.db.transfers.items(id);
  const held = [...(await deps.db.holds.openHoldsOf(ids))].filter(([, h]) => h.length > 0);
  if (held.length)
    throw new AppError('conflict', `${held.length} record(s) of this transfer were put under a legal hold since it was prepared: release the hold first`);
  const keep = deps.records.keepTransferredOriginals;
  const docs = await deps.db.documents.findManyByIds(ids);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    if (!(await tx.transfers.setStatus(id, 'prepared', 'confirmed', { confirmedBy: actor.id, confirmedAt: now }, now)))
      throw new AppError('conflict', 'this transfer was confirmed already');
    await tx.retention.markTransferred(ids, id, now, !keep);
    for (const d of docs) {
      if (!keep) await tx.pages.replace(d.id, []);
      await tx.audit.append({
        at: now,
        actorId: actor.id,
        action: 'record.transfer',
        targetType: 'document',
        targetId: d.id,
        details: { transferId: id, recipient: t.recipient, keptHere: keep },
      });
    }
    await tx.audit.append({
      at: now,
      actorId: actor.id,
      action: 'transfer.confirm',
      targetType: 'transfer',
      targetId: id,
      details: { records: ids.length, keptHere: keep },
    });
    if (keep) await enqueueReindex(deps, tx, ids);
  });
  // After the commit: a failure here leaves objects that reconcile reports (and removes) as orphans.
  if (!keep) {
    for (const d of docs) {
      await deps.blobs.delete(originalKey(d.sha256)).catch(() => undefined);
      await removeDerivedFiles(deps, d.id).catch(() => undefined);
      await deps.search.remove([d.id]).catch(() => undefined);
    }
  }
  return presentTransfer((await deps.db.transfers.findById(id))!, ids);
};

export const getTransfer = async (deps: AppDeps, actor: Actor, id: string) =>
  presentTransfer(await visibleTransfer(deps, actor, id), await deps.db.transfers.items(id));

export const listTransfers = async (deps: AppDeps, actor: Actor, filter: { status?: TransferRecord['status'] | undefined }, page: number, limit: number) => {
  if (!hasRole(actor, 'archivist', 'admin', 'auditor')) throw new AppError('forbidden', 'transfers are for archivists, admins and auditors');
  const unitCodes = hasRole(actor, 'admin', 'auditor') ? undefined : subtreeOf(actor.unitCode, await deps.db.units.all());
  const { items, total } = await deps.db.transfers.list({ ...filter, unitCodes }, page, limit);
  return { items: items.map((t) => presentTransfer(t)), total, page, limit };
};
