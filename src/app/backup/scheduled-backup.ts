import { backupDue } from '../../domain/backup-schedule.ts';
import type { BackupVaults } from '../../ports/backup-vault.ts';
import { type BackupDeps, type BackupReport, createBackup } from './create-backup.ts';

/** The configured periodic backup (BACKUP_DIR and friends). */
export interface BackupPolicy {
  dir: string;
  intervalHours: number;
  keep: number;
  passphrase?: string;
}

/** How long a worker's claim on the schedule lasts without renewal: a killed worker's turn passes on after it. */
const LEASE_MS = 2 * 60_000;

/**
 * The periodic backup, tried by every worker process now and then: when one is due (see
 * backupDue), the first process to take the schedule's lease by compare-and-set in the database
 * runs it, renewing the lease meanwhile; the others see it taken. Returns the report, or why
 * nothing ran. A failed run is recorded and tried again after a pause.
 */
export const runScheduledBackup = async (
  deps: BackupDeps & { vaults: BackupVaults },
  policy: BackupPolicy,
  owner: string,
  o: { onProgress?: (line: string) => void } = {},
): Promise<BackupReport | 'not-due' | 'taken'> => {
  const now = deps.clock.now();
  const [schedule, last] = await Promise.all([deps.db.backupSchedule.state(), deps.db.backupRuns.lastSucceeded()]);
  const intervalMs = policy.intervalHours * 3600_000;
  if (!backupDue({ now, intervalMs, lastSuccessAt: last?.startedAt ?? null, lastAttemptAt: schedule.lastAttemptAt })) return 'not-due';
  if (!(await deps.db.backupSchedule.claim(owner, now, new Date(now.getTime() + LEASE_MS), schedule.lastAttemptAt))) return 'taken';
  const renew = setInterval(
    () => void deps.db.backupSchedule.renew(owner, new Date(deps.clock.now().getTime() + LEASE_MS)).catch(() => undefined),
    LEASE_MS / 4,
  ).unref();
  try {
    return await createBackup(deps, () => deps.vaults.openForWriting(policy.dir, policy.passphrase), {
      trigger: 'schedule',
      directory: policy.dir,
      encrypted: policy.passphrase !== undefined,
      keep: policy.keep,
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    });
  } finally {
    clearInterval(renew);
    await deps.db.backupSchedule.release(owner).catch(() => undefined);
  }
};
