import type { Actor } from '../../domain/access.ts';
import { backupOverdue } from '../../domain/backup-schedule.ts';
import { AppError } from '../../domain/errors.ts';
import { failureKind } from '../../domain/failure-kinds.ts';
import { hasRole } from '../../domain/roles.ts';
import type { BackupRunRecord } from '../../ports/backup-repositories.ts';
import type { AppDeps } from '../deps.ts';

/** What the office is configured to do (no passphrase, ever). */
export interface BackupSettings {
  directory: string | null;
  intervalHours: number;
  keep: number;
  encrypted: boolean;
}

/** A run whose heartbeat stopped this long ago is shown as interrupted (its process is gone). */
const SILENT_MS = 2 * 60_000;

const present = (r: BackupRunRecord, now: Date) => ({
  id: r.id,
  trigger: r.trigger,
  state: r.state === 'running' && now.getTime() - r.heartbeatAt.getTime() > SILENT_MS ? ('interrupted' as const) : r.state,
  directory: r.directory,
  name: r.name,
  encrypted: r.encrypted,
  startedAt: r.startedAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
  durationMs: r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null,
  bytes: r.bytes,
  newBytes: r.newBytes,
  objects: r.objects,
  newObjects: r.newObjects,
  warnings: r.warnings,
  error: r.error,
  errorCode: failureKind(r.error),
});

/**
 * The latest backup runs (admin), newest first, with the schedule and whether the last good
 * backup is older than the interval (the admin home warns then).
 */
export const listBackups = async (deps: AppDeps, actor: Actor, page: number, limit: number) => {
  if (!hasRole(actor, 'admin')) throw new AppError('forbidden', 'only an admin may see the backups');
  const settings: BackupSettings = deps.backup ?? { directory: null, intervalHours: 24, keep: 7, encrypted: false };
  const now = deps.clock.now();
  const [{ items, total }, last] = await Promise.all([deps.db.backupRuns.list(page, limit), deps.db.backupRuns.lastSucceeded()]);
  return {
    items: items.map((r) => present(r, now)),
    total,
    page,
    limit,
    settings,
    lastSuccessAt: last?.startedAt.toISOString() ?? null,
    overdue: backupOverdue(last?.startedAt ?? null, now, settings.intervalHours * 3600_000),
  };
};
