import path from 'node:path';
import { loadConfig } from '../../src/config/config.ts';
import { withCommandApp } from './app-context.ts';
import { type Command, EXIT, UsageError } from './command.ts';

/** `restore --from DIR [--backup NAME]`: brings back an identical office into an empty one. */
export const restoreCommand: Command = {
  name: 'restore',
  summary: [
    'Restores a backup into an empty office: an empty DATA_DIR (embedded), or an empty database and bucket',
    '(DATABASE_URL, STORAGE_DRIVER=s3, ...), either profile whatever the backup came from. Checks the manifest,',
    'the schema version and the SHA-256 of every file first and writes nothing when anything is wrong; then',
    'copies the files, the secrets and the database back, rebuilds the search index and verifies the audit',
    'chain against the backup. Do not start the server on the target before it has finished.',
  ].join('\n'),
  flags: {
    from: { value: true, required: true, help: 'the backup directory' },
    backup: { value: true, help: 'the name of one backup in DIR (default: the newest)' },
  },
  async run(flags, io) {
    if (typeof flags.from !== 'string') throw new UsageError('--from needs a directory');
    const config = loadConfig(io.env);
    // Loaded here, not at the top: the other commands' help and usage errors stay quick.
    const [
      { restoreBackup },
      { settleRestore },
      { blobStoreFor },
      { directoryVaults },
      { openRestoreTarget },
      { storedOfficeCaSecret },
      { dataDirSecrets },
      { createLocalStagingArea },
      { storedTotpSealer, totpSealer },
    ] = await Promise.all([
      import('../../src/app/backup/restore-backup.ts'),
      import('../../src/app/backup/settle-restore.ts'),
      import('../../src/infra/adapters.ts'),
      import('../../src/infra/backup/directory.vault.ts'),
      import('../../src/infra/db/backup/restore-target.ts'),
      import('../../src/infra/secrets/office-ca-secret.ts'),
      import('../../src/infra/secrets/secret-files.ts'),
      import('../../src/infra/staging/local.staging-area.ts'),
      import('../../src/infra/secrets/totp-secret-key.ts'),
    ]);
    const vault = await directoryVaults().openForReading(flags.from, config.backup.passphrase);
    const blobs = blobStoreFor(config.storage);
    // A backup from before second-factor secrets were sealed is sealed on the way in.
    const database = openRestoreTarget(config.database, { totpSealer: () => totpSealer(config) });
    let restored;
    try {
      restored = await restoreBackup(
        {
          vault,
          database,
          blobs,
          prepareStorage: () => blobs.init(),
          staging: createLocalStagingArea({ dir: path.join(config.dataDir, 'tmp') }),
          secrets: dataDirSecrets(config.dataDir),
        },
        { ...(typeof flags.backup === 'string' ? { name: flags.backup } : {}), onProgress: io.out },
      );
    } finally {
      await database.close();
    }
    const m = restored.manifest;
    io.out(
      `loaded ${restored.rows} rows in ${restored.tables} tables and ${restored.objects} stored files${restored.migrated.length ? `; migrated on: ${restored.migrated.join(', ')}` : ''}`,
    );
    // The keys the backup carried, now in DATA_DIR/secrets; this server may use others from its environment.
    const previousCaSecret = await storedOfficeCaSecret(config.dataDir);
    const previousTotpSealer = await storedTotpSealer(config.dataDir);
    const settled = await withCommandApp(io.env, async ({ deps, adapters }) => {
      await adapters.search.init();
      return settleRestore(deps, m, { previousCaSecret, previousTotpSealer, onProgress: io.out });
    });
    io.out(
      `search index rebuilt: ${settled.reindexed.indexed} documents${settled.reindexed.skipped ? ` (${settled.reindexed.skipped} still processing: the workers finish them)` : ''}`,
    );
    if (settled.previewsQueued)
      io.out(`thumbnails and page images of ${settled.previewsQueued} documents queued: the workers draw them again from the originals`);
    if (settled.ca === 'relocked') io.out("the office CA's key is now locked under this server's CA_KEY_PASSPHRASE");
    if (settled.totp === 'resealed') io.out("second-factor secrets are now encrypted under this server's TOTP_SECRET_KEY");
    let code: number = EXIT.ok;
    if (settled.totp === 'sealed-elsewhere') {
      io.err('some second-factor secrets do not open here: set TOTP_SECRET_KEY to the key the backed-up office used (those people cannot log in until then)');
      code = EXIT.failed;
    }
    if (settled.ca === 'locked-elsewhere') {
      io.err(
        "the office CA's key does not open here: set CA_KEY_PASSPHRASE to the passphrase the backed-up office used (certificates cannot be issued until then)",
      );
      code = EXIT.failed;
    }
    if (!settled.audit.matchesBackup) {
      io.err(
        `the audit chain does not verify to the backup's head ${m.audit.seq}:${m.audit.hash} (got ${settled.audit.head ? `${settled.audit.head.seq}:${settled.audit.head.hash}` : 'a broken chain'})`,
      );
      code = EXIT.failed;
    } else io.out(`audit chain verified: head ${m.audit.seq}:${m.audit.hash}, as in the backup`);
    io.out(
      code === EXIT.ok
        ? `backup ${m.name} restored: ${m.counts.documents} documents, ${m.counts.users} users. Start the server now.`
        : `backup ${m.name} restored, with the problems above`,
    );
    return code;
  },
};
