import { opendir } from 'node:fs/promises';
import path from 'node:path';
import { assertValidPrefix } from './blob-key.ts';
import { isMissing } from './fs-errors.ts';

/**
 * Yields every key (file path relative to `root`, `/`-separated) that starts with `prefix`.
 * Only the folders that can hold matches are walked, and entries starting with a dot (the
 * store's scratch space) are skipped because no valid key has such a segment.
 */
export async function* listFiles(root: string, prefix: string, mapError: (err: unknown) => unknown): AsyncGenerator<string> {
  assertValidPrefix(prefix); // here rather than in list(), so a bad prefix rejects like every other failure
  // `originals/ab` can match `originals/ab/...` and `originals/abc/...`: start in `originals/`.
  const cut = prefix.lastIndexOf('/');
  const startRel = cut === -1 ? '' : prefix.slice(0, cut);
  try {
    yield* walk(root, startRel, prefix);
  } catch (err) {
    throw mapError(err);
  }
}

async function* walk(root: string, rel: string, prefix: string): AsyncGenerator<string> {
  let dir;
  try {
    dir = await opendir(rel === '' ? root : path.join(root, ...rel.split('/')));
  } catch (err) {
    if (isMissing(err)) return; // nothing stored under this prefix yet
    throw err;
  }
  // Collect this level before recursing so only one directory handle is open at a time.
  const files: string[] = [];
  const dirs: string[] = [];
  for await (const entry of dir) {
    if (entry.name.startsWith('.')) continue;
    const key = rel === '' ? entry.name : `${rel}/${entry.name}`;
    if (entry.isDirectory()) {
      const asFolder = `${key}/`;
      if (asFolder.startsWith(prefix) || prefix.startsWith(asFolder)) dirs.push(key);
    } else if (entry.isFile() && key.startsWith(prefix)) {
      files.push(key);
    }
  }
  yield* files;
  for (const sub of dirs) yield* walk(root, sub, prefix);
}
