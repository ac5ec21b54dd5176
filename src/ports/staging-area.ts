import type { Readable } from 'node:stream';

/** A file written to local temporary storage, hashed on the way in. */
export interface StagedFile {
  /** Absolute path of the temp file; owned by the staging area until discarded. */
  path: string;
  sha256: string;
  size: number;
  /** The first bytes (up to 64), for magic-byte sniffing without reopening the file. */
  head: Buffer;
}

/**
 * Local scratch space for incoming bytes: uploads, ZIP entries and originals fetched from
 * object storage for extraction. Lives under the data directory so a rename into local
 * storage stays on one filesystem.
 */
export interface StagingArea {
  /**
   * Streams `source` into a new temp file while computing its SHA-256 and fsyncs it.
   * Rejects with AppError `too_large` as soon as more than `maxBytes` arrive, and on any
   * error (including the source erroring or being aborted) removes the partial file.
   */
  write(source: Readable, opts: { maxBytes: number }): Promise<StagedFile>;
  /** Removes a staged file. Never throws when it is already gone. */
  discard(path: string): Promise<void>;
  /** Removes staged files older than `olderThanMs` (leftovers of a crash); returns how many. */
  sweep(olderThanMs: number): Promise<number>;
}
