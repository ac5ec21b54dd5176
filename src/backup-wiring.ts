import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { BackupSettings } from './app/backup/list-backups.ts';
import type { BackupDeps } from './app/backup/create-backup.ts';
import { type BackupPolicy, runScheduledBackup } from './app/backup/scheduled-backup.ts';
import type { Config } from './config/config.ts';
import type { Adapters } from './infra/adapters.ts';
import { productVersion } from './infra/product-version.ts';
import type { BackupVaults } from './ports/backup-vault.ts';
import type { Clock } from './ports/clock.ts';

/** What a backup needs, from the server's adapters (main.ts's worker) or the command's few (see openBackupAdapters). */
export const backupDepsOf = (
  adapters: Pick<Adapters, 'db' | 'snapshots' | 'blobs' | 'secretFiles' | 'vaults'>,
  config: Config,
  clock: Clock,
): BackupDeps & { vaults: BackupVaults } => ({
  db: adapters.db,
  snapshots: adapters.snapshots,
  blobs: adapters.blobs,
  secrets: adapters.secretFiles,
  vaults: adapters.vaults,
  clock,
  productVersion: productVersion(),
  source: { database: config.database.dialect, storage: config.storage.driver },
});

/** The backup settings the admin page shows (never the passphrase). */
export const backupSettingsOf = (config: Config): BackupSettings => ({
  directory: config.backup.dir ?? null,
  intervalHours: config.backup.intervalHours,
  keep: config.backup.keep,
  encrypted: config.backup.passphrase !== undefined,
});

/** The periodic backup, when BACKUP_DIR is set. */
export const backupPolicyOf = (config: Config): BackupPolicy | null =>
  config.backup.dir
    ? {
        dir: config.backup.dir,
        intervalHours: config.backup.intervalHours,
        keep: config.backup.keep,
        ...(config.backup.passphrase ? { passphrase: config.backup.passphrase } : {}),
      }
    : null;

/**
 * The worker's backup timer: every process looks now and then whether the periodic backup is
 * due; the database's lease lets one of them run it. `stop` waits for a run in progress.
 */
export const startBackupSchedule = (
  adapters: Adapters,
  config: Config,
  clock: Clock,
  log: { info(o: object, m: string): void; warn(o: object, m: string): void },
): { stop(): Promise<void> } => {
  const policy = backupPolicyOf(config);
  if (!policy) return { stop: async () => undefined };
  const owner = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const deps = backupDepsOf(adapters, config, clock);
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    running = runScheduledBackup(deps, policy, owner)
      .then((r) => {
        if (typeof r === 'object')
          log.info({ name: r.name, bytes: r.bytes, newBytes: r.newBytes, durationMs: r.durationMs, missing: r.manifest.missing.length }, 'backup written');
      })
      .catch((e: unknown) => log.warn({ err: (e as Error).message }, 'backup failed; trying again later'))
      .finally(() => (running = undefined));
  };
  // Often enough to keep short intervals, rarely enough to cost nothing: at most once a minute.
  const timer = setInterval(tick, Math.min(60_000, Math.max(1000, (policy.intervalHours * 3600_000) / 4))).unref();
  const first = setTimeout(tick, 5000).unref();
  return {
    async stop() {
      clearInterval(timer);
      clearTimeout(first);
      await running;
    },
  };
};
