import type { Readable } from 'node:stream';
import type { ObjectRef } from '../domain/backup-manifest.ts';

/**
 * A backup directory (DIR): objects named by the SHA-256 of their plain bytes, shared by every
 * backup in it (so a second backup copies only what is new), and one manifest per backup. When
 * the directory is encrypted (BACKUP_PASSPHRASE), objects and manifests are sealed with its key
 * and every read checks them. Writes go to temp files renamed into place: a killed backup leaves
 * no half object and no manifest. Failures are AppError `invalid` (damaged, wrong passphrase) or
 * `unavailable` with backend `storage` (the disk).
 */
export interface BackupVault {
  /** The directory, as the user named it. */
  readonly dir: string;
  readonly encrypted: boolean;
  /** A folder inside the directory for temporary files (the database's copy while it is read). */
  readonly scratchDir: string;
  /** Whether a complete copy of this object is stored (by name and size, without reading it). */
  has(ref: ObjectRef): Promise<boolean>;
  /**
   * Stores `source` as an object named by its SHA-256, durably. With `expected`, other bytes are
   * refused (AppError `invalid`) and nothing is kept. `written` is false when it was already there.
   */
  put(source: Readable, expected?: ObjectRef): Promise<ObjectRef & { written: boolean }>;
  /** `put` for bytes already in memory (small files: fewer system calls than a stream). */
  putBytes(bytes: Buffer, expected?: ObjectRef): Promise<ObjectRef & { written: boolean }>;
  /** Streams an object's plain bytes; the stream errors when the object proves damaged. */
  read(sha256: string): Promise<Readable>;
  /** Reads an object whole and says what is wrong with it (missing, size, digest, seal), or null. */
  check(ref: ObjectRef): Promise<string | null>;
  /** Every stored object's SHA-256. */
  objects(): AsyncIterable<string>;
  removeObject(sha256: string): Promise<void>;
  /** Names of the backups whose manifest is written, oldest first. */
  backups(): Promise<string[]>;
  /** A backup's manifest as parsed JSON, its seal checked; AppError `invalid` when unreadable. */
  readManifest(name: string): Promise<unknown>;
  /** Writes a backup's manifest last and atomically: from then on the backup exists. */
  writeManifest(name: string, manifest: object): Promise<void>;
  /** Removes a backup's manifest (its objects go when no kept manifest names them). */
  removeBackup(name: string): Promise<void>;
  /** Releases the directory (the writer's lock). */
  close(): Promise<void>;
}

/** Opens backup directories. */
export interface BackupVaults {
  /**
   * Opens DIR to write backups: creates it on first use (encrypted when a passphrase is given),
   * refuses a directory encrypted otherwise or another passphrase, and takes its lock (one writer
   * at a time; a lock left by a killed process is taken over).
   */
  openForWriting(dir: string, passphrase?: string): Promise<BackupVault>;
  /** Opens DIR to read (verify, restore), without a lock; AppError `invalid` when it is not a backup directory. */
  openForReading(dir: string, passphrase?: string): Promise<BackupVault>;
}
