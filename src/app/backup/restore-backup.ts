import { type BackupManifest, schemaProblem } from '../../domain/backup-manifest.ts';
import { AppError } from '../../domain/errors.ts';
import type { BackupVault } from '../../ports/backup-vault.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { DatabaseRestoreTarget, TableDump } from '../../ports/database-snapshot.ts';
import type { SecretFiles } from '../../ports/secret-files.ts';
import type { StagingArea } from '../../ports/staging-area.ts';
import { INBOX_PREFIX, ORIGINALS_PREFIX } from '../documents/keys.ts';
import { keepStaged } from '../documents/keep-staged.ts';
import { eachLimit } from './copy-objects.ts';
import { readTableLines } from './table-lines.ts';
import { loadManifest, verifyBackup } from './verify-backup.ts';

/** Where a restore reads from and what it fills. */
export interface RestoreDeps {
  vault: BackupVault;
  database: DatabaseRestoreTarget;
  blobs: BlobStore;
  /** Makes storage ready (creates the bucket); called only once the backup proved sound. */
  prepareStorage(): Promise<void>;
  staging: StagingArea;
  secrets: SecretFiles;
}

export interface RestoreReport {
  manifest: BackupManifest;
  tables: number;
  rows: number;
  objects: number;
  /** Migrations applied after the rows were loaded (the backup came from an older version). */
  migrated: string[];
}

const refuse = (detail: string) => new AppError('invalid', detail);

/**
 * Storage keys already in the target that this backup does not hold with those sizes. None means
 * storage is empty, or holds only what an interrupted restore of this very backup copied.
 */
const foreignObjects = async (blobs: BlobStore, manifest: BackupManifest): Promise<string[]> => {
  const ours = new Map(manifest.objects.map((o) => [o.key, o.object.size]));
  const foreign: string[] = [];
  for (const prefix of [ORIGINALS_PREFIX, INBOX_PREFIX]) {
    for await (const key of blobs.list(prefix)) {
      const size = ours.get(key);
      if (size === undefined || (await blobs.stat(key))?.size !== size) foreign.push(key);
      if (foreign.length >= 3) return foreign;
    }
  }
  return foreign;
};

async function* tablesOf(vault: BackupVault, manifest: BackupManifest): AsyncGenerator<TableDump> {
  for (const t of manifest.database.tables) yield await readTableLines(await vault.read(t.object.sha256), t.name);
}

/**
 * Copies the stored objects into storage, each through a temp file whose SHA-256 is checked
 * again. Each store is durable (several fsyncs): sixteen at once keep the disk busy.
 */
const copyObjectsBack = async (deps: RestoreDeps, manifest: BackupManifest, say: (l: string) => void): Promise<number> => {
  let done = 0;
  await eachLimit(manifest.objects, 16, async ({ key, object }) => {
    if ((await deps.blobs.stat(key))?.size !== object.size) {
      const staged = await deps.staging.write(await deps.vault.read(object.sha256), { maxBytes: Number.MAX_SAFE_INTEGER });
      try {
        if (staged.sha256 !== object.sha256) throw refuse(`object ${object.sha256} changed while it was restored`);
        await keepStaged(deps.blobs, key, staged, 'application/octet-stream');
      } finally {
        await deps.staging.discard(staged.path);
      }
    }
    if (++done % 1000 === 0) say(`  ${done} of ${manifest.objects.length} objects`);
  });
  return done;
};

/**
 * Restores backup `name` (the newest when absent) into an empty office. Checks first and writes
 * nothing when anything is wrong: the manifest, the schema version (a backup from a newer Naskah
 * is refused), the size and SHA-256 of every file, and that database and storage are empty.
 * Then copies the objects back, puts the secrets in place and loads the database in one
 * transaction (migrating it on when the backup is older). The search index is rebuilt after,
 * with the office open (see settleRestore).
 */
export const restoreBackup = async (deps: RestoreDeps, o: { name?: string; onProgress?: (line: string) => void } = {}): Promise<RestoreReport> => {
  const say = o.onProgress ?? (() => undefined);
  const manifest = await loadManifest(deps.vault, o.name);
  const schema = schemaProblem(manifest.schema.migrations, deps.database.knownMigrations);
  if (schema) throw refuse(`backup ${manifest.name} cannot be restored: ${schema}`);
  say(`checking backup ${manifest.name} (${manifest.counts.documents} documents, ${manifest.counts.bytes} bytes)`);
  const problems = await verifyBackup(deps.vault, manifest);
  if (problems.length)
    throw refuse(
      `backup ${manifest.name} is damaged, nothing was restored: ${problems.slice(0, 10).join('; ')}${problems.length > 10 ? `; and ${problems.length - 10} more` : ''}`,
    );
  const notEmpty = await deps.database.whyNotEmpty();
  if (notEmpty) throw refuse(`nothing was restored: ${notEmpty}`);
  await deps.prepareStorage();
  const foreign = await foreignObjects(deps.blobs, manifest);
  if (foreign.length)
    throw refuse(
      `nothing was restored: storage already holds objects that are not this backup's (${foreign.join(', ')}): restore only into empty storage (a new DATA_DIR, or an empty bucket)`,
    );

  say(`restoring ${manifest.objects.length} stored objects`);
  const objects = await copyObjectsBack(deps, manifest, say);
  for (const s of manifest.secrets) {
    const chunks: Buffer[] = [];
    for await (const c of await deps.vault.read(s.object.sha256)) chunks.push(c as Buffer);
    await deps.secrets.write(s.path, Buffer.concat(chunks));
  }
  say(`loading ${manifest.database.tables.length} tables`);
  const loaded = await deps.database.load(manifest.schema.migrations, tablesOf(deps.vault, manifest));
  return { manifest, tables: loaded.tables, rows: loaded.rows, objects, migrated: loaded.migrated };
};
