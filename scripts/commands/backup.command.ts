import path from 'node:path';
import { loadConfig } from '../../src/config/config.ts';
import { type Command, EXIT, UsageError } from './command.ts';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** `backup --to DIR [--keep N]`: one consistent backup of the office while it works. */
export const backupCommand: Command = {
  name: 'backup',
  summary: [
    'Writes one consistent backup of the office into DIR while web and workers keep running: the database',
    '(a snapshot), every stored original and signed letter, the generated secrets, and a manifest with the',
    'SHA-256 of every file and the audit chain head. Files already in DIR are not copied again (incremental).',
    'Encrypted when BACKUP_PASSPHRASE is set. Exits 1 when it failed, or when storage lacked a file the',
    'database names (the backup is still written, and says which).',
  ].join('\n'),
  flags: {
    to: { value: true, help: 'the backup directory (default: BACKUP_DIR)' },
    keep: { value: true, help: 'afterwards keep only the newest N backups in DIR, and the files they need' },
  },
  async run(flags, io) {
    const keep = flags.keep === undefined ? undefined : Number(flags.keep);
    if (keep !== undefined && (!Number.isInteger(keep) || keep < 1)) throw new UsageError('--keep must be a whole number of at least 1');
    const config = loadConfig(io.env);
    const dir = typeof flags.to === 'string' ? path.resolve(flags.to) : config.backup.dir;
    if (!dir) throw new UsageError('--to is required (or set BACKUP_DIR)');
    // Loaded here, not at the top: help and usage errors answer at once.
    const [{ createBackup }, { backupDepsOf }, { openBackupAdapters }] = await Promise.all([
      import('../../src/app/backup/create-backup.ts'),
      import('../../src/backup-wiring.ts'),
      import('../../src/infra/backup-adapters.ts'),
    ]);
    const adapters = await openBackupAdapters(config);
    let report;
    try {
      await adapters.blobs.init();
      const deps = backupDepsOf(adapters, config, { now: () => new Date() });
      const passphrase = config.backup.passphrase;
      report = await createBackup(deps, () => deps.vaults.openForWriting(dir, passphrase), {
        trigger: 'command',
        directory: dir,
        encrypted: passphrase !== undefined,
        ...(keep ? { keep } : {}),
        onProgress: io.out,
      });
    } finally {
      await adapters.close();
    }
    const m = report.manifest;
    io.out(
      `done in ${(report.durationMs / 1000).toFixed(1)} s: ${m.counts.documents} documents, ${m.counts.users} users, audit head ${m.audit.seq}:${m.audit.hash}`,
    );
    io.out(
      `${report.objects} files, ${mb(report.bytes)}; this run wrote ${report.newObjects} new files, ${mb(report.newBytes)}${m.encrypted ? ' (encrypted)' : ''}`,
    );
    if (m.missing.length) io.err(`${m.missing.length} stored file(s) could not be backed up (see the warnings above); run npm run cli -- reconcile`);
    return m.missing.length ? EXIT.failed : EXIT.ok;
  },
};
