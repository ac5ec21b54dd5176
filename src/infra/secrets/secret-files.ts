import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SecretFiles } from '../../ports/secret-files.ts';
import { writeFileAtomic } from '../files/durable-file.ts';

const SECRETS_DIR = 'secrets';

const walk = async (root: string, rel = ''): Promise<string[]> => {
  const entries = await readdir(path.join(root, rel), { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [];
    throw e;
  });
  const out: string[] = [];
  for (const e of entries) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    // Temp files of a write in progress (or one a crash cut short) are not secrets.
    if (e.name.endsWith('.tmp')) continue;
    if (e.isDirectory()) out.push(...(await walk(root, p)));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
};

/**
 * Every file under DATA_DIR/secrets (the office CA's lock today; whatever is generated there
 * later is carried too). Written with mode 0600 in a 0700 folder, atomically and durably.
 */
export const dataDirSecrets = (dataDir: string): SecretFiles => {
  const root = path.join(dataDir, SECRETS_DIR);
  const inside = (rel: string): string => {
    const p = path.resolve(root, rel);
    if (!p.startsWith(`${root}${path.sep}`)) throw new Error(`secret path ${JSON.stringify(rel)} leaves the secrets folder`);
    return p;
  };
  return {
    list: () => walk(root),
    read: (rel) => readFile(inside(rel)),
    write: (rel, bytes) => writeFileAtomic(inside(rel), bytes),
  };
};
