import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Where generated secrets live: DATA_DIR/secrets, which backups carry (see secret-files.ts). */
export const secretPath = (dataDir: string, file: string): string => path.join(dataDir, 'secrets', file);

const readSecret = async (file: string): Promise<string | null> => {
  try {
    const s = (await readFile(file, 'utf8')).trim();
    if (s.length < 32) throw new Error(`${file} is damaged (too short); restore it from a backup`);
    return s;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
};

/** The secret a data directory holds in `file`, without making one (null when there is none). */
export const storedSecret = (dataDir: string, file: string): Promise<string | null> => readSecret(secretPath(dataDir, file));

/**
 * The secret in DATA_DIR/secrets/`file`, made on first need: 256 random bits, mode 0600 in a
 * 0700 folder, away from the database, so a copy of the database alone opens nothing.
 */
export const generatedSecret = async (dataDir: string, file: string): Promise<string> => {
  const target = secretPath(dataDir, file);
  const existing = await readSecret(target);
  if (existing) return existing;
  await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
  try {
    // `wx`: of two processes starting at once, one writes and the other reads what it wrote.
    await writeFile(target, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const made = await readSecret(target);
  if (!made) throw new Error(`could not keep the secret in ${target}`);
  return made;
};
