import { execFile } from 'node:child_process';
import { mkdir, open, rename } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { fsyncDir } from '../files/durable-file.ts';

const run = promisify(execFile);

/** Runs `fn` over `items`, `limit` at a time. */
const eachOf = async <T>(items: T[], limit: number, fn: (item: T) => Promise<unknown>): Promise<void> => {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
};

/** fsync of each file, a few at once (where `sync -f` is not available). */
const fsyncEach = (files: string[]): Promise<void> =>
  eachOf(files, 16, async (f) => {
    const fh = await open(f, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  });

/**
 * Flushes everything written to the file system holding `dir` with one syncfs(2) (`sync -f`,
 * coreutils): far cheaper than one fsync per object (a backup writes thousands). Falls back to
 * fsyncing each of `files` and `dirs` where that command is missing (not Linux).
 */
const flush = async (dir: string, files: string[], dirs: string[]): Promise<void> => {
  try {
    await run('sync', ['-f', dir]);
  } catch {
    await fsyncEach(files);
    for (const d of dirs) await fsyncDir(d);
  }
};

/**
 * The objects one run wrote, kept as temp files until the run's manifest is written: then they
 * are made durable together, moved to their names and made durable again. So a run killed at any
 * moment leaves nothing under objects/ but complete, durable files (its temp files are swept by
 * the next writer), and an object's name can be trusted without reading it.
 */
export class PendingObjects {
  private readonly temps = new Map<string, string>();
  private readonly made = new Set<string>();

  constructor(
    private readonly dir: string,
    private readonly objectPath: (sha256: string) => string,
  ) {}

  add(sha256: string, tmp: string): void {
    this.temps.set(sha256, tmp);
  }

  has(sha256: string): boolean {
    return this.temps.has(sha256);
  }

  /** Makes every pending object durable under its name; returns their names. */
  async commit(): Promise<string[]> {
    if (this.temps.size === 0) return [];
    const entries = [...this.temps];
    await flush(
      this.dir,
      entries.map(([, tmp]) => tmp),
      [],
    );
    const dirs = new Set(entries.map(([sha]) => path.dirname(this.objectPath(sha))));
    for (const d of dirs) {
      if (this.made.has(d)) continue;
      await mkdir(d, { recursive: true });
      this.made.add(d);
    }
    // Renames are independent: several at once keep the file system busy.
    await eachOf(entries, 8, ([sha, tmp]) => rename(tmp, this.objectPath(sha)));
    await flush(this.dir, [], [...dirs, path.dirname([...dirs][0]!)]);
    this.temps.clear();
    return entries.map(([sha]) => sha);
  }
}
