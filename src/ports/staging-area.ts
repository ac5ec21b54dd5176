import type { Readable } from 'node:stream';

/** A file written to local temporary storage, hashed on the way in. */
export interface StagedFile {
  /** Absolute path of the temp file; owned by the staging area until discarded. */
  path: string;
  sha256: string;
  size: number;
  /** The first bytes (up to 64), for magic-byte sniffing without reopening the file. */
  head: Buffer;
  /**
   * Settles once the bytes are on the local disk (fsync); rejects with AppError `unavailable`
   * (backend `storage`) when they could not be written. The flush runs in the background, so
   * the file can be checked meanwhile: await it before keeping the file (app's keepStaged does).
   */
  synced: Promise<void>;
}

/**
 * Local scratch space for incoming bytes: uploads, ZIP entries and originals fetched from
 * object storage for extraction. Lives under the data directory so a rename into local
 * storage stays on one filesystem.
 */
export interface StagingArea {
  /**
   * Streams `source` into a new temp file while computing its SHA-256, and starts flushing it
   * to disk without waiting for that (see `StagedFile.synced`).
   * Rejects with AppError `too_large` as soon as more than `maxBytes` arrive, and on any
   * error (including the source erroring or being aborted) removes the partial file.
   */
  write(source: Readable, opts: { maxBytes: number }): Promise<StagedFile>;
  /** Removes a staged file. Never throws when it is already gone. */
  discard(path: string): Promise<void>;
  /** Removes staged files older than `olderThanMs` (leftovers of a crash); returns how many. */
  sweep(olderThanMs: number): Promise<number>;
}
