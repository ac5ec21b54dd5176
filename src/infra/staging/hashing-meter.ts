import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import { Transform } from 'node:stream';
import type { TransformCallback } from 'node:stream';
import { AppError } from '../../domain/errors.ts';

/** How many leading bytes are kept for magic-byte sniffing. */
export const HEAD_BYTES = 64;

/**
 * Passes bytes through unchanged while hashing them (SHA-256), counting them, keeping the first
 * {@link HEAD_BYTES}, and failing with AppError `too_large` on the first chunk past `maxBytes`,
 * which makes the surrounding pipeline destroy the source instead of reading the rest.
 */
export class HashingMeter extends Transform {
  /** Bytes seen so far. */
  bytes = 0;
  private readonly hash: Hash = createHash('sha256');
  private readonly headChunks: Buffer[] = [];
  private headLength = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer | string, encoding: BufferEncoding, callback: TransformCallback): void {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
    this.bytes += buf.length;
    if (this.bytes > this.maxBytes) {
      callback(new AppError('too_large', `the file is larger than the limit of ${this.maxBytes} bytes`));
      return;
    }
    this.hash.update(buf);
    if (this.headLength < HEAD_BYTES) {
      // Copy, so a large first chunk is not kept alive by a small slice of it.
      const part = Buffer.from(buf.subarray(0, HEAD_BYTES - this.headLength));
      this.headChunks.push(part);
      this.headLength += part.length;
    }
    callback(null, buf);
  }

  /** Hex SHA-256 of everything that passed; call once, after the stream finished. */
  digest(): string {
    return this.hash.digest('hex');
  }

  /** The first bytes that passed (up to {@link HEAD_BYTES}). */
  head(): Buffer {
    return Buffer.concat(this.headChunks, this.headLength);
  }
}
