import { type BackupManifest, manifestProblems, type ObjectRef } from '../../domain/backup-manifest.ts';
import type { BackupVault } from '../../ports/backup-vault.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import { searchableKey } from '../documents/keys.ts';
import { type CopyTally, copyObjects, eachLimit, type StoredObject } from './copy-objects.ts';

/**
 * The searchable copies of the snapshot's scans (issue 14), though they derive from the
 * originals: making one again means reading every page by OCR once more, hours for a large
 * archive, and a restored office's scans would have none meanwhile. Thumbnails and page images
 * are quick to draw again and stay out.
 *
 * The database does not record a copy's digest, so a copy the newest earlier backup of this
 * directory holds with the same size is taken as that object (a copy is written once, when its
 * scan is read, and never changed): a second backup reads only new copies. A copy missing in
 * storage is not a loss to report (a scan too large for one has none).
 */
export const copySearchableCopies = async (
  blobs: BlobStore,
  vault: BackupVault,
  scannedDocumentIds: readonly string[],
  tally: CopyTally,
): Promise<Pick<BackupManifest, 'objects' | 'missing'>> => {
  const earlier = await earlierObjects(vault);
  const wanted: StoredObject[] = [];
  await eachLimit(scannedDocumentIds, 8, async (id) => {
    const key = searchableKey(id);
    const stat = await blobs.stat(key);
    if (!stat) return;
    const known = earlier.get(key);
    wanted.push(known && known.size === stat.size && (await vault.has(known)) ? { key, expected: known } : { key });
  });
  const copied = await copyObjects(blobs, vault, wanted, { copied: new Map(), tally });
  return { objects: copied.objects, missing: copied.missing.filter((m) => !m.reason.startsWith('not in storage')) };
};

/** Objects of the newest readable earlier backup in this directory, by storage key. */
const earlierObjects = async (vault: BackupVault): Promise<Map<string, ObjectRef>> => {
  for (const name of (await vault.backups()).reverse()) {
    const manifest = await vault.readManifest(name).catch(() => null);
    if (manifest && manifestProblems(manifest).length === 0) return new Map((manifest as BackupManifest).objects.map((o) => [o.key, o.object]));
  }
  return new Map();
};
