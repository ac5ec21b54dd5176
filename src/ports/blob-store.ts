import type { Readable } from 'node:stream';

/**
 * Immutable, content-addressed object storage for originals and derived artefacts.
 * Keys are relative strings such as `originals/ab/cd/<sha256>`; never absolute paths.
 * Every failure to reach the backend is thrown as AppError `unavailable` with backend `storage`.
 */
export interface BlobStore {
  /**
   * Stores the local file at `filePath` under `key`. Idempotent: if `key` already exists the
   * existing object is kept and `{ existed: true }` is returned. When the promise resolves the
   * object is durable (fsynced or acknowledged by the server). The local file is left in place.
   */
  putFile(key: string, filePath: string, opts: { size: number; contentType: string }): Promise<{ existed: boolean }>;
  /** Stores a small buffer (derived data such as extracted text); overwrites. */
  putBuffer(key: string, data: Buffer, contentType: string): Promise<void>;
  /** A stream of the object's bytes; AppError `not_found` when the key does not exist. */
  get(key: string): Promise<Readable>;
  /** Reads a whole (small) object; AppError `not_found` when missing. */
  getBuffer(key: string): Promise<Buffer>;
  /** Size and last write time of the object, or null when it does not exist. */
  stat(key: string): Promise<{ size: number; modifiedAt: Date } | null>;
  /** Removes the object; no error when it is already gone. */
  delete(key: string): Promise<void>;
  /** Every key under `prefix`, in no particular order. */
  list(prefix: string): AsyncIterable<string>;
  /** Resolves when the backend answers; throws AppError `unavailable` otherwise. */
  ping(): Promise<void>;
}
