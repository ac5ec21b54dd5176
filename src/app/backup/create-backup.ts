import { randomUUID } from 'node:crypto';
import { type BackupManifest, backupName, MANIFEST_FORMAT, MANIFEST_VERSION, manifestObjects } from '../../domain/backup-manifest.ts';
import type { BackupTrigger } from '../../ports/backup-repositories.ts';
import type { BackupVault } from '../../ports/backup-vault.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { DatabaseSnapshotter } from '../../ports/database-snapshot.ts';
import type { Database } from '../../ports/repositories.ts';
import type { SecretFiles } from '../../ports/secret-files.ts';
import { copyInbox, copyObjects, type CopyTally, keepBuffer } from './copy-objects.ts';
import { pruneBackups } from './prune-backups.ts';
import { readSnapshot, type SnapshotContents } from './read-snapshot.ts';
import { copySearchableCopies } from './copy-searchable.ts';

/** What a backup reads and where it records itself. */
export interface BackupDeps {
  db: Database;
  snapshots: DatabaseSnapshotter;
  blobs: BlobStore;
  secrets: SecretFiles;
  clock: Clock;
  /** Written into the manifest: the software, and the backends the office runs on. */
  productVersion: string;
  source: BackupManifest['source'];
}

export interface BackupOptions {
  trigger: BackupTrigger;
  /** The backup directory and whether it is encrypted, as the run records them. */
  directory: string;
  encrypted: boolean;
  /** Keep only the newest `keep` backups in the directory afterwards (and the objects they name). */
  keep?: number;
  /** A line of progress, for a person watching. */
  onProgress?: (line: string) => void;
}

export interface BackupReport {
  runId: string;
  name: string;
  manifest: BackupManifest;
  /** Objects and bytes the backup holds, and how many this run wrote (the rest were there). */
  objects: number;
  bytes: number;
  newObjects: number;
  newBytes: number;
  durationMs: number;
  pruned: string[];
}

const HEARTBEAT_MS = 30_000;
/** A waiting batch file may be filed and removed between its copy and the snapshot: look that many times. */
const SNAPSHOT_ATTEMPTS = 3;

/**
 * Takes the snapshot and copies what it refers to. The database is read first, consistently;
 * then objects, which are immutable and content-addressed, so copying them after the snapshot
 * is safe. Only batch files can vanish (filed, then removed): they are copied before the
 * snapshot, and if one the snapshot waits for was not, the snapshot is taken again.
 */
const gather = async (deps: BackupDeps, vault: BackupVault, tally: CopyTally, say: (l: string) => void) => {
  for (let attempt = 1; ; attempt++) {
    const copied = await copyInbox(deps.blobs, vault, tally);
    const snap = await deps.snapshots.take({ scratchDir: vault.scratchDir });
    let contents: SnapshotContents;
    let inbox: Awaited<ReturnType<typeof copyObjects>>;
    try {
      contents = await readSnapshot(snap, vault, tally);
      say(`database snapshot: ${contents.tables.length} tables, ${contents.tables.reduce((n, t) => n + t.rows, 0)} rows`);
      inbox = await copyObjects(deps.blobs, vault, contents.inbox, { copied, tally });
    } finally {
      await snap.close();
    }
    if (inbox.missing.length === 0 || attempt === SNAPSHOT_ATTEMPTS) return { contents, inbox };
    say('a waiting batch file was filed during the snapshot: taking it again');
  }
};

/**
 * One backup of the office into `vault` while it keeps working: the database (a consistent
 * snapshot, one portable dump per table), every stored original and signed letter it refers to
 * and the searchable copies of its scans,
 * the generated secrets, and last the manifest with the SHA-256 of every file and the audit
 * chain's head. The run is recorded in the database (and audited) before the snapshot, so the
 * backup knows about itself; a failure records the run as failed and leaves earlier backups as
 * they were. The search index is not backed up: a restore rebuilds it.
 */
export const createBackup = async (deps: BackupDeps, openVault: () => Promise<BackupVault>, o: BackupOptions): Promise<BackupReport> => {
  const say = o.onProgress ?? (() => undefined);
  const runId = randomUUID();
  const startedAt = deps.clock.now();
  let vault: BackupVault;
  try {
    vault = await openVault();
  } catch (e) {
    // Not even started (a missing disk, a wrong passphrase): still a failed run an admin should see.
    await deps.db.backupRuns
      .start({ id: runId, trigger: o.trigger, directory: o.directory, encrypted: o.encrypted, startedAt })
      .then(() => deps.db.backupRuns.finish(runId, { state: 'failed', finishedAt: deps.clock.now(), error: errorText(e) }))
      .catch(() => undefined); // the database may be what is down: the error to report is the first one
    throw e;
  }
  try {
    return await writeBackup(deps, vault, { ...o, runId, startedAt, say });
  } finally {
    await vault.close();
  }
};

/** The manifest of a backup, from what it took; `counts.bytes` covers every file, tables and secrets too. */
const manifestOf = (
  deps: BackupDeps,
  b: {
    name: string;
    runId: string;
    startedAt: Date;
    encrypted: boolean;
    contents: SnapshotContents;
    stored: Pick<BackupManifest, 'objects' | 'missing'>[];
    secrets: BackupManifest['secrets'];
  },
): BackupManifest => {
  const objects = b.stored.flatMap((s) => s.objects).sort((x, y) => x.key.localeCompare(y.key));
  const manifest: BackupManifest = {
    format: MANIFEST_FORMAT,
    formatVersion: MANIFEST_VERSION,
    name: b.name,
    productVersion: deps.productVersion,
    runId: b.runId,
    startedAt: b.startedAt.toISOString(),
    finishedAt: deps.clock.now().toISOString(),
    source: deps.source,
    schema: { migrations: b.contents.migrations },
    encrypted: b.encrypted,
    database: { format: 'ndjson-v1', tables: b.contents.tables },
    objects,
    secrets: b.secrets,
    missing: b.stored.flatMap((s) => s.missing),
    counts: { ...b.contents.counts, objects: objects.length, bytes: 0 },
    audit: b.contents.audit,
  };
  manifest.counts.bytes = manifestObjects(manifest).reduce((n, r) => n + r.size, 0);
  return manifest;
};

const errorText = (e: unknown): string => (e instanceof Error ? ((e as { detail?: string }).detail ?? e.message) : String(e)).slice(0, 4000);

const writeBackup = async (
  deps: BackupDeps,
  vault: BackupVault,
  o: BackupOptions & { runId: string; startedAt: Date; say: (l: string) => void },
): Promise<BackupReport> => {
  const { runId, startedAt, say } = o;
  // We hold the directory's lock: a run still "running" into it was killed.
  await deps.db.backupRuns.failAbandoned({ directory: vault.dir, staleBefore: new Date(startedAt.getTime() - 4 * HEARTBEAT_MS) }, startedAt);
  await deps.db.transaction(async (tx) => {
    await tx.backupRuns.start({ id: runId, trigger: o.trigger, directory: vault.dir, encrypted: vault.encrypted, startedAt });
    await tx.audit.append({
      at: startedAt,
      actorId: null,
      action: 'admin.backup',
      targetType: 'system',
      targetId: null,
      details: { runId, directory: vault.dir, trigger: o.trigger, encrypted: vault.encrypted },
    });
  });
  const beat = setInterval(() => void deps.db.backupRuns.heartbeat(runId, deps.clock.now()).catch(() => undefined), HEARTBEAT_MS).unref();
  try {
    const tally: CopyTally = { objects: 0, bytes: 0 };
    const { contents, inbox } = await gather(deps, vault, tally, say);
    say(`copying ${contents.originals.length} stored originals (those already in ${vault.dir} are skipped)`);
    const originals = await copyObjects(deps.blobs, vault, contents.originals, {
      copied: new Map(),
      tally,
      onCopied: (n) => n % 1000 === 0 && say(`  ${n} of ${contents.originals.length}`),
    });
    say(`copying the searchable copies of ${contents.scanned.length} scans (new ones only)`);
    const copies = await copySearchableCopies(deps.blobs, vault, contents.scanned, tally);
    const secrets: BackupManifest['secrets'] = [];
    for (const path of await deps.secrets.list()) secrets.push({ path, object: await keepBuffer(vault, await deps.secrets.read(path), tally) });
    const name = backupName(startedAt);
    const manifest = manifestOf(deps, { name, runId, startedAt, encrypted: vault.encrypted, contents, stored: [inbox, originals, copies], secrets });
    const { missing } = manifest;
    const all = manifestObjects(manifest);
    await vault.writeManifest(name, manifest);
    say(`backup ${name} written: ${all.length} files, ${manifest.counts.bytes} bytes (${tally.objects} new, ${tally.bytes} bytes)`);
    for (const m of missing) say(`WARNING: ${m.key} could not be backed up: ${m.reason}`);
    const pruned = o.keep ? await pruneBackups(vault, o.keep, say) : [];
    const finishedAt = deps.clock.now();
    const report = {
      runId,
      name,
      manifest,
      objects: all.length,
      bytes: manifest.counts.bytes,
      newObjects: tally.objects,
      newBytes: tally.bytes,
      durationMs: finishedAt.getTime() - startedAt.getTime(),
      pruned,
    };
    await deps.db.backupRuns.finish(runId, {
      state: 'succeeded',
      finishedAt,
      name,
      bytes: report.bytes,
      newBytes: report.newBytes,
      objects: report.objects,
      newObjects: report.newObjects,
      warnings: missing.map((m) => `${m.key}: ${m.reason}`),
    });
    return report;
  } catch (e) {
    await deps.db.backupRuns.finish(runId, { state: 'failed', finishedAt: deps.clock.now(), error: errorText(e) }).catch(() => undefined);
    throw e;
  } finally {
    clearInterval(beat);
  }
};
