import { verifyBackup, loadManifest } from '../../src/app/backup/verify-backup.ts';
import { loadConfig } from '../../src/config/config.ts';
import { schemaProblem } from '../../src/domain/backup-manifest.ts';
import { directoryVaults } from '../../src/infra/backup/directory.vault.ts';
import { MIGRATION_NAMES } from '../../src/infra/db/migrate.ts';
import { type Command, EXIT, UsageError } from './command.ts';

/** `backup:verify DIR [--backup NAME | --all]`: checks backups without restoring (no database needed). */
export const backupVerifyCommand: Command = {
  name: 'backup:verify',
  summary: [
    'Checks a backup without restoring it: reads every file its manifest names (decrypting with',
    'BACKUP_PASSPHRASE when encrypted) and compares sizes and SHA-256 sums. The newest backup in DIR by',
    'default. Exits 1 when anything is missing or damaged.',
  ].join('\n'),
  flags: {
    dir: { value: true, help: 'the backup directory' },
    backup: { value: true, help: 'the name of one backup in DIR (default: the newest)' },
    all: { value: false, help: 'check every backup in DIR' },
  },
  positional: 'dir',
  async run(flags, io) {
    if (typeof flags.dir !== 'string') throw new UsageError('the backup directory is required');
    if (flags.all && flags.backup) throw new UsageError('--all and --backup exclude each other');
    const passphrase = loadConfig(io.env).backup.passphrase;
    const vault = await directoryVaults().openForReading(flags.dir, passphrase);
    const names = flags.all ? await vault.backups() : [typeof flags.backup === 'string' ? flags.backup : undefined];
    if (names.length === 0) names.push(undefined);
    let bad = 0;
    for (const name of names) {
      const manifest = await loadManifest(vault, name);
      const problems = await verifyBackup(vault, manifest);
      const schema = schemaProblem(manifest.schema.migrations, MIGRATION_NAMES);
      if (problems.length) {
        bad++;
        io.err(`backup ${manifest.name} is DAMAGED (${problems.length} problem(s)):`);
        for (const p of problems) io.err(`  ${p}`);
        continue;
      }
      const files = manifest.database.tables.length + manifest.objects.length + manifest.secrets.length;
      io.out(
        `backup ${manifest.name}: intact (${files} files, ${manifest.counts.bytes} bytes; ${manifest.counts.documents} documents, audit head ${manifest.audit.seq}:${manifest.audit.hash}${manifest.encrypted ? '; encrypted' : ''})`,
      );
      if (manifest.missing.length) io.out(`  note: ${manifest.missing.length} stored file(s) were already missing in the office when it ran`);
      if (schema) io.out(`  note: ${schema}`);
    }
    return bad ? EXIT.failed : EXIT.ok;
  },
};
