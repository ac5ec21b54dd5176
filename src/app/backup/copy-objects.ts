import type { Readable } from 'node:stream';
import type { BackupManifest, ObjectRef } from '../../domain/backup-manifest.ts';
import { AppError } from '../../domain/errors.ts';
import type { BackupVault } from '../../ports/backup-vault.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import { INBOX_PREFIX } from '../documents/keys.ts';

/** A storage object the snapshot refers to, with its digest and size when the database knows them. */
export interface StoredObject {
  key: string;
  expected?: ObjectRef;
}

/** What a copy added to the backup directory. */
export interface CopyTally {
  objects: number;
  bytes: number;
}

/** Runs `fn` over `items` with at most `limit` at once (copies overlap their disk waits). */
export const eachLimit = async <T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> => {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
};

const isCode = (e: unknown, code: AppError['code']) => e instanceof AppError && e.code === code;

/** Objects up to this size are read whole: for thousands of letters, far fewer system calls than streams. */
const SMALL = 4 * 1024 * 1024;

/** Stores one object in the vault and counts it when it was new there. */
const keep = async (vault: BackupVault, source: Readable | Buffer, tally: CopyTally, expected?: ObjectRef): Promise<ObjectRef> => {
  const ref = Buffer.isBuffer(source) ? await vault.putBytes(source, expected) : await vault.put(source, expected);
  if (ref.written) {
    tally.objects++;
    tally.bytes += ref.size;
  }
  return { sha256: ref.sha256, size: ref.size };
};

/** Stores bytes held in memory (a secret) in the vault. */
export const keepBuffer = (vault: BackupVault, bytes: Buffer, tally: CopyTally): Promise<ObjectRef> => keep(vault, bytes, tally);

/** Stores a stream (a table dump) in the vault. */
export const keepStream = (vault: BackupVault, source: Readable, tally: CopyTally): Promise<ObjectRef> => keep(vault, source, tally);

/**
 * Copies the batch files waiting in storage's inbox, before the snapshot: a worker may file one
 * and delete it right after the snapshot, and the backup must still carry every item the
 * snapshot shows waiting. Returns what was copied, by storage key.
 */
export const copyInbox = async (blobs: BlobStore, vault: BackupVault, tally: CopyTally): Promise<Map<string, ObjectRef>> => {
  const copied = new Map<string, ObjectRef>();
  for await (const key of blobs.list(INBOX_PREFIX)) {
    try {
      copied.set(key, await keep(vault, await blobs.get(key), tally));
    } catch (e) {
      if (!isCode(e, 'not_found')) throw e; // filed and removed meanwhile
    }
  }
  return copied;
};

/**
 * Copies every object the snapshot refers to that the backup directory does not hold yet,
 * checking each one's SHA-256 on the way (originals are named by it). An object storage no longer
 * has, or whose bytes do not match, is reported in `missing` with the reason; a storage outage
 * fails the run. Objects already in the directory are not read again: that is what makes a
 * second backup incremental.
 */
export const copyObjects = async (
  blobs: BlobStore,
  vault: BackupVault,
  wanted: StoredObject[],
  o: { copied: Map<string, ObjectRef>; tally: CopyTally; concurrency?: number; onCopied?: (done: number) => void },
): Promise<Pick<BackupManifest, 'objects' | 'missing'>> => {
  const objects: BackupManifest['objects'] = [];
  const missing: BackupManifest['missing'] = [];
  let done = 0;
  await eachLimit(wanted, o.concurrency ?? 8, async ({ key, expected }) => {
    const known = o.copied.get(key) ?? (expected && (await vault.has(expected)) ? expected : undefined);
    try {
      const read = () => (expected && expected.size <= SMALL ? blobs.getBuffer(key) : blobs.get(key));
      objects.push({ key, object: known ?? (await keep(vault, await read(), o.tally, expected)) });
    } catch (e) {
      if (isCode(e, 'not_found')) missing.push({ key, reason: 'not in storage when the backup ran' });
      else if (isCode(e, 'invalid')) missing.push({ key, reason: `damaged in storage: ${(e as AppError).detail}` });
      else throw e;
    }
    o.onCopied?.(++done);
  });
  // Workers finish in any order; a manifest lists objects by key so two backups of one office compare line by line.
  objects.sort((a, b) => a.key.localeCompare(b.key));
  return { objects, missing };
};
