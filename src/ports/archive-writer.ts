import type { Readable } from 'node:stream';

/** A ZIP archive written as a stream, entry by entry: nothing is held whole in memory. */
export interface ArchiveWriting {
  /** Adds an entry from a stream of `size` bytes (stored, not compressed: originals are compressed already). Resolves when it is consumed. */
  addStream(name: string, source: Readable, size: number): Promise<void>;
  /** Adds a small entry held in memory (metadata, manifests). */
  addBuffer(name: string, bytes: Buffer): Promise<void>;
  /** Writes the central directory; the output ends after it. */
  end(): void;
  /** Fails the archive: the output stream errors (a client sees a broken download, never a partial archive that looks whole). */
  abort(err: Error): void;
  /** The archive's bytes as they are written (ZIP64 where sizes need it). */
  output: Readable;
}

/** Writes ZIP archives (transfer packages). */
export interface ArchiveWriter {
  create(): ArchiveWriting;
}
