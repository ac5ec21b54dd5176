/**
 * Backup and restore (issue 12) of a 10,000-document office (--quick 1,000) on the embedded
 * profile: originals of about 170 KB on average (see docBytes), each with a page of text, an
 * index entry and an audit entry, seeded directly (scripts/bench/backup/seed-office.ts).
 * Every figure is `npm run cli` as an admin runs it: a process of its own, start-up included.
 * - Full backup throughput in MB/s (bytes the backup holds over the time the backup itself reports,
 *   i.e. without the ~2 s of starting Node and opening the office, which the note adds) against `cp -r`
 *   of the same data dir to the same disk (its bytes over its time), alternating, 3 rounds
 *   (--quick 1), medians; each backup into a new directory. Bar: ratio ≥ 0.5 (docs/quality.md). Both
 *   read from the page cache; the backup also hashes every file and fsyncs it (cp does neither):
 *   `cp -r` followed by `sync` is reported for context.
 * - Incremental backup after 10 new documents into the directory of the last full one: wall
 *   time, 3 rounds (10 more documents each), median. Bar: ≤ 5 s.
 * - Restore of the office into an empty data dir, including the rebuilt search index: wall time
 *   (no bar), with the restore's own figures in the note.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDocuments } from './backup/seed-office.ts';
import { type Bench, type BenchFigure, median } from './figure.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/**
 * An office's archive, after the project's own fixtures: every other document a born-digital
 * letter (about 40 KB), the others a one-page scan (about 300 KB; the generated scan-1p.jpg is
 * 730 KB, a 200 dpi greyscale office scan about 250 KB). About 170 KB on average.
 */
const docBytes = (i: number) => (i % 2 === 0 ? 40_000 : 300_000) + (i % 7) * 1000;

/** `npm run cli -- <args>` as a process; resolves with its wall time and output. */
const cli = (args: string[], env: Record<string, string>): Promise<{ seconds: number; out: string }> =>
  new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.once('close', (code) =>
      code === 0 ? resolve({ seconds: (performance.now() - t) / 1000, out }) : reject(new Error(`cli ${args.join(' ')} exited ${code}:\n${out}`)),
    );
  });

/** The backup's own time from its last line (`done in 3.2 s`): without starting Node and opening the office. */
const ownSeconds = (out: string): number => Number(/done in ([\d.]+) s/.exec(out)?.[1] ?? NaN);

const duBytes = (dir: string): number => Number(spawnSync('du', ['-sb', dir]).stdout.toString().split('\t')[0]);

/** Seconds to `cp -r` a folder beside itself (removed afterwards); with `sync` also flushes it. */
const cpSeconds = async (src: string, work: string, sync: boolean): Promise<number> => {
  const dst = path.join(work, `cp-${Date.now()}`);
  try {
    const t = performance.now();
    if (spawnSync('cp', ['-r', src, dst]).status !== 0) throw new Error('cp -r failed');
    if (sync && spawnSync('sync', ['-f', dst]).status !== 0) throw new Error('sync failed');
    return (performance.now() - t) / 1000;
  } finally {
    await rm(dst, { recursive: true, force: true });
  }
};

/** Builds the office in `dataDir` with the server's own adapters, then closes them. */
const seedOffice = async (dataDir: string, count: number, log: (m: string) => void): Promise<void> => {
  const { openCommandApp } = await import('../commands/app-context.ts');
  const { bootstrapAdmin } = await import('../../src/app/accounts/bootstrap-admin.ts');
  const app = await openCommandApp({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  try {
    await app.adapters.blobs.init();
    await app.adapters.search.init();
    await bootstrapAdmin(app.deps, { username: 'admin', password: 'kata-sandi-bench' });
    const admin = (await app.deps.db.users.findByUsername('admin'))!;
    await seedDocuments(app.deps, {
      count,
      size: docBytes,
      createdBy: admin.id,
      withText: true,
      onProgress: (n) => n % 2000 === 0 && log(`seeded ${n} documents`),
    });
  } finally {
    await app.close();
  }
};

const bench: Bench = async ({ quick }) => {
  const log = (m: string) => console.log(`  ${m}`);
  const docs = quick ? 1000 : 10_000;
  const rounds = quick ? 1 : 3;
  const work = await mkdtemp(path.join(os.tmpdir(), 'naskah-backup-bench-'));
  const dataDir = path.join(work, 'data');
  try {
    await seedOffice(dataDir, docs, log);
    const dataBytes = duBytes(dataDir);
    log(`office: ${docs} documents, data dir ${(dataBytes / 1e6).toFixed(0)} MB`);

    const cp: number[] = [];
    const cpSync: number[] = [];
    const full: { seconds: number; own: number; bytes: number }[] = [];
    let lastDir = '';
    for (let r = 0; r < rounds; r++) {
      cp.push(await cpSeconds(dataDir, work, false));
      lastDir = path.join(work, `backup-${r}`);
      const { seconds, out } = await cli(['backup', '--to', lastDir], { DATA_DIR: dataDir });
      full.push({ seconds, own: ownSeconds(out), bytes: duBytes(path.join(lastDir, 'objects')) });
      cpSync.push(await cpSeconds(dataDir, work, true));
      if (r < rounds - 1) await rm(lastDir, { recursive: true, force: true });
    }
    const fullMBs = median(full.map((f) => f.bytes / 1e6 / f.own));
    const cpMBs = median(cp.map((s) => dataBytes / 1e6 / s));

    const incremental: number[] = [];
    const { openCommandApp } = await import('../commands/app-context.ts');
    for (let r = 0; r < rounds; r++) {
      const app = await openCommandApp({ DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
      const admin = (await app.deps.db.users.findByUsername('admin'))!;
      await seedDocuments(app.deps, { count: 10, size: docBytes, createdBy: admin.id, withText: true });
      await app.close();
      const { seconds, out } = await cli(['backup', '--to', lastDir], { DATA_DIR: dataDir });
      incremental.push(seconds);
      log(`incremental: ${seconds.toFixed(2)} s; ${/this run wrote [^\n]*/.exec(out)?.[0] ?? ''}`);
    }

    const restoredDir = path.join(work, 'restored');
    const restore = await cli(['restore', '--from', lastDir], { DATA_DIR: restoredDir });
    const indexed = /search index rebuilt: (\d+) documents/.exec(restore.out)?.[1];
    const figures: BenchFigure[] = [
      {
        name: `full backup, ${docs} documents`,
        value: fullMBs,
        unit: 'MB/s',
        reference: { name: 'cp -r of the data dir', value: cpMBs },
        bar: { op: '>=', limit: 0.5, of: 'ratio', row: 'backup-full' },
        note: `backup ${median(full.map((f) => f.own)).toFixed(1)} s (${median(full.map((f) => f.seconds)).toFixed(1)} s with starting the command) for ${(median(full.map((f) => f.bytes)) / 1e6).toFixed(0)} MB; cp -r ${median(cp).toFixed(1)} s, cp -r + sync ${median(cpSync).toFixed(1)} s for ${(dataBytes / 1e6).toFixed(0)} MB`,
      },
      {
        name: `incremental backup after 10 new documents, ${docs}-document office`,
        value: median(incremental),
        unit: 's',
        bar: { op: '<=', limit: 5, of: 'value', row: 'backup-incremental' },
        note: 'wall time of npm run cli -- backup, process start included',
      },
      {
        name: `restore of the ${docs}-document office with reindex`,
        value: restore.seconds,
        unit: 's',
        note: `${indexed ?? '?'} documents indexed; wall time of npm run cli -- restore into an empty data dir`,
      },
    ];
    return figures;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
};

export default bench;
