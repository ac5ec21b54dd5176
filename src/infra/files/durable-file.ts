import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/** fsyncs a folder, so the names created or renamed in it survive a crash. */
export const fsyncDir = async (dir: string): Promise<void> => {
  // Windows cannot open a directory for fsync; NTFS journals directory entries itself.
  if (process.platform === 'win32') return;
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
};

/**
 * Writes a file durably and atomically, readable by the owner only: a temp file beside it,
 * fsync, rename over the old one, fsync of the folder. A reader sees the old or the new bytes.
 */
export const writeFileAtomic = async (file: string, bytes: string | Buffer): Promise<void> => {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${randomUUID()}.tmp`;
  try {
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
  await fsyncDir(path.dirname(file));
};
