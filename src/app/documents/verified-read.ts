import { createHash } from 'node:crypto';
import { type Readable, Transform } from 'node:stream';
import { AppError } from '../../domain/errors.ts';

/**
 * The stored bytes, hashed as they pass (no extra read), with the last chunk held back until
 * the SHA-256 is known: bytes that changed since they were archived end in an error before the
 * reader has the whole file (a download stops short of its Content-Length), and `onAltered`
 * raises the alarm. A reader never receives a complete altered original.
 */
export const verifiedRead = (source: Readable, expectedSha256: string, onAltered: () => Promise<void>): Readable => {
  const hash = createHash('sha256');
  let held: Buffer | null = null;
  const checked = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      const out = held;
      held = chunk;
      cb(null, out ?? undefined);
    },
    flush(cb) {
      if (hash.digest('hex') === expectedSha256) return cb(null, held ?? undefined);
      void onAltered().catch(() => undefined);
      cb(new AppError('invalid', 'the stored bytes of this record changed since it was archived; they are not served (an admin has been told)'));
    },
  });
  source.once('error', (e) => checked.destroy(e));
  return source.pipe(checked);
};
