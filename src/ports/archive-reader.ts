import type { Readable } from 'node:stream';

export interface ArchiveEntry {
  /** The entry's name inside the archive: metadata only, never used as a path. */
  name: string;
  /** Size the archive claims for the entry once expanded. */
  declaredSize: number;
  compressedSize: number;
  /** Directory, symlink or other non-regular entry: reported and skipped. */
  kind: 'file' | 'directory' | 'symlink' | 'other';
  /** Opens the entry's bytes (only for files); the stream errors if they exceed the declared size. */
  open(): Promise<Readable>;
}

/** Reads ZIP archives entry by entry without expanding them in memory. */
export interface ArchiveReader {
  /**
   * Calls `onEntry` for each entry in order, awaiting it before reading on. Throws AppError
   * `invalid` for an archive that is corrupt or has more than `maxEntries` entries.
   */
  forEachEntry(zipPath: string, opts: { maxEntries: number }, onEntry: (entry: ArchiveEntry) => Promise<void>): Promise<void>;
}
