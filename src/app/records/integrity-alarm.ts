import type { AppDeps } from '../deps.ts';
import { notifyUsers, usersWithRole } from './records-notices.ts';

/**
 * A stored original found changed or missing (by a fixity run, or by a read that hashed it on
 * the way): an audit entry and a notice to every admin, once per `occasion` (a fixity run, or a
 * day of reads) and record.
 */
export const raiseIntegrityAlarm = async (
  deps: AppDeps,
  documentId: string,
  what: 'mismatch' | 'missing',
  occasion: { kind: 'fixity' | 'read'; id: string },
) => {
  const admins = await usersWithRole(deps.db, 'admin');
  await deps.db.transaction(async (tx) => {
    await tx.audit.append({
      at: deps.clock.now(),
      actorId: null,
      action: `fixity.${what}`,
      targetType: 'document',
      targetId: documentId,
      details: { found: occasion.kind, [occasion.kind === 'fixity' ? 'runId' : 'day']: occasion.id },
    });
    await notifyUsers(deps, tx, admins, {
      kind: 'fixity_alarm',
      dedupeKey: `fixity:${occasion.kind}:${occasion.id}:${documentId}`,
      subjectType: 'document',
      subjectId: documentId,
      message:
        what === 'mismatch'
          ? `Pemeriksaan keutuhan: isi arsip ${documentId} berubah sejak diarsipkan (SHA-256 berbeda). Pulihkan dari cadangan. — Fixity: the stored bytes of record ${documentId} changed since it was archived; restore it from a backup.`
          : `Pemeriksaan keutuhan: berkas asli arsip ${documentId} hilang dari penyimpanan. Pulihkan dari cadangan. — Fixity: the original of record ${documentId} is missing from storage; restore it from a backup.`,
    });
  });
};
