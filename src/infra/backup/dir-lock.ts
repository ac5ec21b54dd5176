import { open, readFile, rm, stat, utimes } from 'node:fs/promises';
import os from 'node:os';
import { AppError } from '../../domain/errors.ts';

/** A holder refreshes the lock this often; one not refreshed for STALE_MS is taken to be dead. */
const HEARTBEAT_MS = 30_000;
const STALE_MS = 5 * 60_000;

interface Holder {
  pid: number;
  host: string;
  since: string;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Whether a lock file was left by a process that is gone: dead on this machine, or silent for too long. */
const isStale = async (file: string): Promise<{ stale: boolean; holder: Holder | null }> => {
  const [text, st] = await Promise.all([readFile(file, 'utf8').catch(() => ''), stat(file).catch(() => null)]);
  if (!st) return { stale: true, holder: null };
  let holder: Holder | null = null;
  try {
    holder = JSON.parse(text) as Holder;
  } catch {
    // Written by a process killed between creating and filling it.
  }
  if (holder && holder.host === os.hostname() && !alive(holder.pid)) return { stale: true, holder };
  return { stale: Date.now() - st.mtimeMs > STALE_MS, holder };
};

/**
 * One writer per backup directory: a lock file made with O_EXCL that names its holder and is
 * touched every 30 s. A lock whose process died (`kill -9`) is taken over at once on the same
 * machine, and after five silent minutes from another one (a shared disk).
 */
export const lockDirectory = async (file: string, dir: string): Promise<{ release(): Promise<void> }> => {
  for (let attempt = 0; ; attempt++) {
    try {
      const fh = await open(file, 'wx', 0o600);
      try {
        await fh.writeFile(JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() } satisfies Holder));
      } finally {
        await fh.close();
      }
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const { stale, holder } = await isStale(file);
      if (!stale || attempt > 2) {
        const who = holder ? ` (process ${holder.pid} on ${holder.host}, since ${holder.since})` : '';
        throw new AppError('conflict', `another backup is being written to ${dir}${who}; try again when it has finished`);
      }
      await rm(file, { force: true });
    }
  }
  const beat = setInterval(() => void utimes(file, new Date(), new Date()).catch(() => undefined), HEARTBEAT_MS).unref();
  return {
    async release() {
      clearInterval(beat);
      await rm(file, { force: true });
    },
  };
};
