import { PassThrough, type Readable } from 'node:stream';
import yauzl from 'yauzl';
import { AppError } from '../../domain/errors.ts';
import type { ArchiveEntry, ArchiveReader } from '../../ports/archive-reader.ts';

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;

/** What a ZIP entry is, from its Unix mode bits when the creator recorded them. */
const kindOf = (e: yauzl.Entry): ArchiveEntry['kind'] => {
  if (e.fileName.endsWith('/')) return 'directory';
  const mode = (e.externalFileAttributes >>> 16) & S_IFMT;
  if (mode === S_IFLNK) return 'symlink';
  if (mode === 0 || mode === S_IFREG) return 'file';
  return 'other';
};

const invalid = (e: unknown) => new AppError('invalid', `the ZIP archive cannot be read: ${(e as Error).message}`);

/** Entry streams fail as AppError `invalid` (e.g. inflating past the declared size), never as a raw error. */
const asInvalidOnError = (s: Readable): Readable => {
  const out = new PassThrough();
  // The consumer may attach its pipeline a few ticks later; until then an early error must not
  // crash the process. pipeline() still rejects for a stream that already errored.
  out.on('error', () => undefined);
  s.on('error', (e) => {
    if (!out.destroyed) out.destroy(invalid(e));
  });
  out.on('close', () => s.destroy());
  return s.pipe(out);
};

/**
 * ZIP reading with yauzl: entries are read lazily one at a time, names are validated by yauzl
 * (absolute paths and `..` are errors) but only ever used as metadata, and each entry's stream
 * fails if it inflates past its declared size, which defeats lying headers in zip bombs.
 */
export const createYauzlArchiveReader = (): ArchiveReader => ({
  forEachEntry: (zipPath, { maxEntries }, onEntry) =>
    new Promise<void>((resolve, reject) => {
      yauzl.open(zipPath, { lazyEntries: true, autoClose: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) => {
        if (err || !zip) return reject(invalid(err));
        if (zip.entryCount > maxEntries) {
          zip.close();
          return reject(new AppError('invalid', `the ZIP has ${zip.entryCount} entries; at most ${maxEntries} are allowed`));
        }
        let failed = false;
        const fail = (e: unknown) => {
          if (failed) return;
          failed = true;
          zip.close();
          reject(e instanceof AppError ? e : invalid(e));
        };
        zip.on('error', fail);
        zip.on('end', () => failed || resolve());
        zip.on('entry', (e: yauzl.Entry) => {
          const entry: ArchiveEntry = {
            name: e.fileName,
            declaredSize: e.uncompressedSize,
            compressedSize: e.compressedSize,
            kind: kindOf(e),
            open: () => new Promise<Readable>((res, rej) => zip.openReadStream(e, (er, s) => (er || !s ? rej(invalid(er)) : res(asInvalidOnError(s))))),
          };
          onEntry(entry).then(() => zip.readEntry(), fail);
        });
        zip.readEntry();
      });
    }),
});
