import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../../config/config.ts';

const FILE = 'office-ca-key.secret';

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

/** The secret a data directory holds for the office CA, without making one (null when there is none). */
export const storedOfficeCaSecret = (dataDir: string): Promise<string | null> => readSecret(path.join(dataDir, 'secrets', FILE));

/**
 * What the office CA's root key is locked under at rest: CA_KEY_PASSPHRASE when set, else a
 * random secret made once (256 bits, mode 0600) in DATA_DIR/secrets, away from the database, so
 * a copy of the database alone never opens the key. Every process that issues certificates
 * must see the same secret: with several machines, set CA_KEY_PASSPHRASE on each.
 */
export const officeCaSecret = async (config: Pick<Config, 'dataDir' | 'caKeyPassphrase'>): Promise<string> => {
  if (config.caKeyPassphrase) return config.caKeyPassphrase;
  const dir = path.join(config.dataDir, 'secrets');
  const file = path.join(dir, FILE);
  const existing = await readSecret(file);
  if (existing) return existing;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  try {
    // `wx`: of two processes starting at once, one writes and the other reads what it wrote.
    await writeFile(file, `${randomBytes(32).toString('base64url')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  const made = await readSecret(file);
  if (!made) throw new Error(`could not keep the office CA secret in ${file}`);
  return made;
};
