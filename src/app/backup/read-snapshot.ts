import { Readable } from 'node:stream';
import type { BackupManifest } from '../../domain/backup-manifest.ts';
import type { BackupVault } from '../../ports/backup-vault.ts';
import type { DatabaseSnapshot } from '../../ports/database-snapshot.ts';
import type { Repositories } from '../../ports/repositories.ts';
import { type CopyTally, keepStream, type StoredObject } from './copy-objects.ts';
import { tableLines } from './table-lines.ts';

/** What a backup takes from the database snapshot: its tables, what they refer to in storage, and figures. */
export interface SnapshotContents {
  migrations: string[];
  tables: BackupManifest['database']['tables'];
  originals: StoredObject[];
  /** Documents whose text was read by OCR: those that may have a searchable copy. */
  scanned: string[];
  inbox: StoredObject[];
  counts: Pick<BackupManifest['counts'], 'users' | 'documents' | 'auditEntries'>;
  audit: BackupManifest['audit'];
}

/**
 * Every stored original the snapshot's documents name, with the digest and size the database
 * holds for it; and the documents read by OCR.
 */
const originalsOf = async (repos: Repositories): Promise<Pick<SnapshotContents, 'originals' | 'scanned'>> => {
  const out = new Map<string, StoredObject>();
  const scanned: string[] = [];
  for (let after: string | null = null; ; ) {
    const ids = await repos.documents.listIds(after, 1000);
    if (ids.length === 0) break;
    after = ids[ids.length - 1]!;
    for (const d of await repos.documents.findManyByIds(ids)) {
      // A destroyed record (or one handed over without its bytes) has no storage key: nothing to copy.
      if (d.storageKey === '') continue;
      out.set(d.storageKey, { key: d.storageKey, expected: { sha256: d.sha256, size: d.size } });
      if (d.textSource === 'ocr' || d.textSource === 'none') scanned.push(d.id);
    }
  }
  return { originals: [...out.values()], scanned };
};

/**
 * Writes each table of the snapshot into the vault as NDJSON and reads, from the same snapshot,
 * what it refers to: so nothing in the backup names an object the snapshot did not know, and
 * every object it knew is named (uploads committed after the snapshot are simply not in it).
 */
export const readSnapshot = async (
  snap: DatabaseSnapshot,
  vault: BackupVault,
  tally: CopyTally,
  onTable?: (name: string, rows: number) => void,
): Promise<SnapshotContents> => {
  const tables: SnapshotContents['tables'] = [];
  for await (const dump of snap.tables()) {
    const counted = { rows: 0 };
    const object = await keepStream(vault, Readable.from(tableLines(dump, counted)), tally);
    tables.push({ name: dump.name, rows: counted.rows, object });
    onTable?.(dump.name, counted.rows);
  }
  const { repos } = snap;
  const byStatus = await repos.documents.countByStatus();
  const head = await repos.audit.head();
  return {
    migrations: snap.migrations,
    tables,
    ...(await originalsOf(repos)),
    inbox: (await repos.batches.pendingInboxKeys()).map((key) => ({ key })),
    counts: { users: await repos.users.count(), documents: Object.values(byStatus).reduce((a, b) => a + b, 0), auditEntries: head.seq },
    audit: { seq: head.seq, hash: head.hash },
  };
};
