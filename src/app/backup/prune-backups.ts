import { type BackupManifest, manifestObjects, manifestProblems } from '../../domain/backup-manifest.ts';
import type { BackupVault } from '../../ports/backup-vault.ts';

/**
 * Keeps the newest `keep` backups of a directory and removes the others' manifests, then every
 * object no kept manifest names (including what a killed run left behind). When a kept manifest
 * cannot be read, no object is removed: it might be one that manifest needs. Returns the names
 * removed.
 */
export const pruneBackups = async (vault: BackupVault, keep: number, say: (line: string) => void = () => undefined): Promise<string[]> => {
  const names = await vault.backups();
  const kept = names.slice(Math.max(0, names.length - keep));
  const removed = names.slice(0, names.length - kept.length);
  for (const name of removed) await vault.removeBackup(name);
  const needed = new Set<string>();
  for (const name of kept) {
    const manifest = await vault.readManifest(name).catch((e: unknown) => e as Error);
    const problems = manifest instanceof Error ? [manifest.message] : manifestProblems(manifest);
    if (problems.length) {
      say(`WARNING: backup ${name} cannot be read (${problems[0]}); no object is removed until it is repaired or removed`);
      return removed;
    }
    for (const ref of manifestObjects(manifest as BackupManifest)) needed.add(ref.sha256);
  }
  let objects = 0;
  for await (const sha of vault.objects()) {
    if (needed.has(sha)) continue;
    await vault.removeObject(sha);
    objects++;
  }
  if (removed.length || objects) say(`removed ${removed.length} older backup(s) and ${objects} file(s) no kept backup needs`);
  return removed;
};
