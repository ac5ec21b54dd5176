import { open, rm, stat } from 'node:fs/promises';

const STALE_MS = 120_000;

/**
 * Runs `fn` while holding a lock file created with O_EXCL, so processes on one machine take
 * turns. A lock older than two minutes is taken to be left by a killed process and removed.
 */
export const withLockFile = async <T>(lockPath: string, fn: () => Promise<T>, waitMs = 120_000): Promise<T> => {
  const until = Date.now() + waitMs;
  for (;;) {
    try {
      const h = await open(lockPath, 'wx');
      await h.close();
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const age = await stat(lockPath).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > STALE_MS) await rm(lockPath, { force: true });
      else if (Date.now() > until) throw new Error(`timed out waiting for ${lockPath}`);
      else await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lockPath, { force: true });
  }
};
