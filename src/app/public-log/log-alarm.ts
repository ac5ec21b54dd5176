import type { AppDeps } from '../deps.ts';
import { notifyUsers, usersWithRole } from '../records/records-notices.ts';

export type LogAlarmKind = 'split-view' | 'rewritten' | 'rolled-back';

const WHAT: Record<LogAlarmKind, string> = {
  'split-view': 'menunjukkan dua kepala pohon berbeda untuk satu ukuran (split view)',
  rewritten: 'telah ditulis ulang (daun diubah, dihapus atau diurutkan ulang)',
  'rolled-back': 'mundur ke ukuran yang lebih kecil',
};

/**
 * A public log (this office's or one it witnesses) found rewritten or showing a split view: the
 * same alarm as fixity's (an audit entry and a notice to every admin), once per log, kind and
 * position.
 */
export const raiseLogAlarm = async (deps: AppDeps, a: { origin: string; kind: LogAlarmKind; position: number; detail: string }): Promise<void> => {
  const admins = await usersWithRole(deps.db, 'admin');
  await deps.db.transaction(async (tx) => {
    await tx.audit.append({
      at: deps.clock.now(),
      actorId: null,
      action: `public_log.${a.kind}`,
      targetType: 'public_log',
      targetId: a.origin,
      details: { position: a.position, detail: a.detail },
    });
    await notifyUsers(deps, tx, admins, {
      kind: 'log_alarm',
      dedupeKey: `log:${a.origin}:${a.kind}:${a.position}`,
      subjectType: 'public_log',
      subjectId: a.origin,
      message: `Log publik ${a.origin} ${WHAT[a.kind]} pada posisi ${a.position}. — Public log ${a.origin}: ${a.kind} at position ${a.position}: ${a.detail}`,
    });
  });
};
