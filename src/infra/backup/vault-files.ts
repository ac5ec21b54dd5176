import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../domain/errors.ts';
import type { KdfParams } from './vault-crypto.ts';

/**
 * The layout of a backup directory:
 *   naskah-backup.json          what this directory is, and its encryption parameters
 *   objects/ab/<sha256>         every file of every backup, named by the SHA-256 of its plain bytes
 *   backups/<name>/manifest.json one per backup, written last
 *   .tmp/                       files being written (swept by the next writer)
 *   .lock                       the writer's lock
 */
export const PARAMS_FILE = 'naskah-backup.json';
export const LOCK_FILE = '.lock';
const TMP = '.tmp';
const SHA = /^[0-9a-f]{64}$/;

export interface DirParams {
  format: 'naskah-backup-dir';
  version: 1;
  /** Null: objects are stored as they are. */
  encryption: KdfParams | null;
}

/** The paths of one backup directory. */
export const vaultPaths = (dir: string) => ({
  params: path.join(dir, PARAMS_FILE),
  lock: path.join(dir, LOCK_FILE),
  tmp: path.join(dir, TMP),
  object: (sha: string) => path.join(dir, 'objects', sha.slice(0, 2), sha),
  objectsRoot: path.join(dir, 'objects'),
  backupsRoot: path.join(dir, 'backups'),
  manifest: (name: string) => path.join(dir, 'backups', name, 'manifest.json'),
  newTemp: () => path.join(dir, TMP, `${randomUUID()}.tmp`),
});

/** A disk failure while writing or reading the backup directory, said as such (not as the office's storage). */
export const diskError = (dir: string, e: unknown): unknown => {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (e instanceof AppError || typeof code !== 'string') return e;
  return new AppError('unavailable', `the backup directory ${dir} cannot be used (${code}: ${(e as Error).message})`, { cause: e });
};

export const readParams = async (file: string): Promise<DirParams | null> => {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  try {
    const p = JSON.parse(text) as DirParams;
    if (p.format === 'naskah-backup-dir' && p.version === 1) return p;
  } catch {
    // fall through
  }
  throw new AppError(
    'invalid',
    `${file} is damaged: without it the backups in this directory cannot be read${text.includes('"encryption":{') ? ' (it holds the encryption salt)' : ''}`,
  );
};

/** Every object name in the directory. */
export async function* listObjects(root: string): AsyncGenerator<string> {
  const missingOk = (e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? [] : Promise.reject(e));
  for (const prefix of (await readdir(root).catch(missingOk)).sort()) {
    for (const name of await readdir(path.join(root, prefix)).catch(missingOk)) if (SHA.test(name)) yield name;
  }
}

/** Backups whose manifest exists, oldest first (names sort by time). */
export const listBackups = async (root: string, manifestOf: (name: string) => string): Promise<string[]> => {
  const names = await readdir(root).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? [] : Promise.reject(e)));
  const done: string[] = [];
  for (const n of names.sort())
    if (
      await stat(manifestOf(n)).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      done.push(n);
  return done;
};

/** Removes what a killed writer left in .tmp (only the lock holder calls it). */
export const sweepTemp = async (tmp: string): Promise<void> => {
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true, mode: 0o700 });
};

/** Whether a folder holds anything besides a leftover lock or temp folder (a directory that is not a backup directory). */
export const holdsOtherFiles = async (dir: string): Promise<boolean> => {
  const names = await readdir(dir).catch(() => []);
  return names.some((n) => n !== LOCK_FILE && n !== TMP);
};
