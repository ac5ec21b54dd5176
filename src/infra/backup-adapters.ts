import type { Config } from '../config/config.ts';
import { directoryVaults } from './backup/directory.vault.ts';
import { openSequelizeDatabase } from './db/sequelize.database.ts';
import { dataDirSecrets } from './secrets/secret-files.ts';
import { totpSealer } from './secrets/totp-secret-key.ts';
import { blobStoreFor } from './storage/blob-store-for.ts';

/**
 * Only what a backup reads and writes: the database with its snapshots, storage, the generated
 * secrets and backup directories. `npm run cli -- backup` opens these instead of every adapter,
 * so it does not load the PDF, OCR and signing libraries it never uses (seconds on a busy PC).
 */
export const openBackupAdapters = async (config: Config) => {
  // Opening may migrate, and a migration may seal second-factor secrets.
  const db = await openSequelizeDatabase(config.database, { totpSealer: () => totpSealer(config) });
  return {
    db,
    snapshots: db.snapshots,
    blobs: blobStoreFor(config.storage),
    secretFiles: dataDirSecrets(config.dataDir),
    vaults: directoryVaults(),
    close: () => db.close(),
  };
};
