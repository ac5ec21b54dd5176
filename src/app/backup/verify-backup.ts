import { type BackupManifest, manifestObjects, manifestProblems } from '../../domain/backup-manifest.ts';
import { AppError } from '../../domain/errors.ts';
import type { BackupVault } from '../../ports/backup-vault.ts';
import { eachLimit } from './copy-objects.ts';

/**
 * The manifest of backup `name` (the newest when absent), parsed and checked for shape; AppError
 * `invalid` with the reason when there is none or it is damaged.
 */
export const loadManifest = async (vault: BackupVault, name?: string): Promise<BackupManifest> => {
  const chosen = name ?? (await vault.backups()).at(-1);
  if (!chosen) throw new AppError('invalid', `${vault.dir} holds no finished backup (no manifest was ever written)`);
  const parsed = await vault.readManifest(chosen);
  const problems = manifestProblems(parsed);
  if (problems.length) throw new AppError('invalid', `the manifest of backup ${chosen} is damaged: ${problems.slice(0, 5).join('; ')}`);
  return parsed as BackupManifest;
};

export interface VerifyOptions {
  concurrency?: number;
  onChecked?: (done: number, total: number) => void;
}

/**
 * Reads every file a backup's manifest names (decrypting it when sealed) and compares its size
 * and SHA-256 with the manifest. Returns the problems found, one sentence each; none means the
 * backup holds exactly what it says.
 */
export const verifyBackup = async (vault: BackupVault, manifest: BackupManifest, o: VerifyOptions = {}): Promise<string[]> => {
  const problems: string[] = [];
  if (manifest.encrypted !== vault.encrypted)
    problems.push(`the manifest says the backup is ${manifest.encrypted ? '' : 'not '}encrypted, its directory says otherwise`);
  const refs = manifestObjects(manifest);
  const names = new Map<string, string>();
  for (const t of manifest.database.tables) names.set(t.object.sha256, `the dump of table ${t.name}`);
  for (const s of manifest.secrets) names.set(s.object.sha256, `the secret ${s.path}`);
  for (const x of manifest.objects) if (!names.has(x.object.sha256)) names.set(x.object.sha256, `the stored object ${x.key}`);
  let done = 0;
  await eachLimit(refs, o.concurrency ?? 8, async (ref) => {
    const problem = await vault.check(ref);
    if (problem) problems.push(`${names.get(ref.sha256) ?? 'a file'}: ${problem}`);
    o.onChecked?.(++done, refs.length);
  });
  return problems.sort();
};
