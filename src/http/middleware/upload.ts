import type { Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { cleanFileName } from '../../domain/file-names.ts';
import type { StagedFile, StagingArea } from '../../ports/staging-area.ts';

export interface UploadedFile {
  staged: StagedFile;
  /** The client's filename, cleaned for use as metadata only. */
  filename: string | null;
}

declare module 'express-serve-static-core' {
  interface Request {
    uploads?: UploadedFile[];
  }
}

/** Removes path parts, control and bidi characters; keeps non-Latin letters; caps the length (see domain/file-names). */
export const cleanFilename = (raw: string | undefined): string | null => cleanFileName(raw);

/**
 * busboy's parser and each file part's stream buffer this much. Node's 16 KiB default is less
 * than one 64 KiB socket read, so every read paused the request until the file part was drained
 * (a 500 MB upload, counted with strace: 30,000 system calls in the server, 25,000 with 1 MiB,
 * fewer thread hand-offs and pauses). Bounded: about 3 MiB per upload in flight, flat whatever
 * the file's size.
 */
const PART_BUFFER_BYTES = 1024 * 1024;
/** multer 2.5 passes these to busboy; @types/multer does not list them yet (hence a spread, not literal keys). */
const PART_BUFFERS = { highWaterMark: PART_BUFFER_BYTES, fileHwm: PART_BUFFER_BYTES };

/** multer storage that streams each file part into the staging area (hashing on the way). */
class StagingStorage implements multer.StorageEngine {
  constructor(
    private readonly staging: StagingArea,
    private readonly maxBytes: number,
  ) {}

  _handleFile(_req: Request, file: Express.Multer.File, cb: (error?: unknown, info?: Partial<Express.Multer.File>) => void): void {
    this.staging.write(file.stream, { maxBytes: this.maxBytes }).then(
      (staged) => cb(null, { path: staged.path, size: staged.size, staged } as Partial<Express.Multer.File>),
      (e: unknown) => cb(e),
    );
  }

  _removeFile(_req: Request, file: Express.Multer.File, cb: (error: Error | null) => void): void {
    this.staging.discard(file.path).then(() => cb(null), cb);
  }
}

/**
 * Parses a multipart upload into staged files. The gate (a use case's rule on who may send
 * files here, which throws) is checked first: a caller who may not upload is refused before a
 * byte of the body is read. Limits on sizes and counts are enforced while
 * streaming; on any error multer removes what was staged. A non-multipart request is a 415.
 */
export const acceptUpload = (staging: StagingArea, o: { maxBytes: number; maxFiles: number; gate?: (actor: Actor) => void }): RequestHandler => {
  const m = multer({
    storage: new StagingStorage(staging, o.maxBytes),
    // Browsers and curl send UTF-8 filenames; busboy's default would read them as latin1.
    defParamCharset: 'utf8',
    ...PART_BUFFERS,
    limits: { fileSize: o.maxBytes, files: o.maxFiles, fields: 20, parts: o.maxFiles + 20, fieldNameSize: 100, fieldSize: 64 * 1024, headerPairs: 200 },
  }).array('file', o.maxFiles);
  return (req, res, next) => {
    try {
      o.gate?.(req.actor!);
    } catch (e) {
      return next(e);
    }
    if (!req.is('multipart/form-data')) return next(new AppError('unsupported_type', 'send the file as multipart/form-data'));
    m(req, res, (err?: unknown) => {
      if (err) return next(err);
      const files = (req.files as (Express.Multer.File & { staged: StagedFile })[] | undefined) ?? [];
      req.uploads = files.map((f) => ({ staged: f.staged, filename: cleanFilename(f.originalname) }));
      next();
    });
  };
};

/**
 * A route handler behind acceptUpload: whatever it does or throws, the staged files it did not
 * consume are discarded before the answer or the error goes out (the one cleanup of uploads;
 * a use case that keeps a file has moved it out of the staging area already).
 */
export const withUploads =
  (staging: StagingArea, handler: (req: Request, res: Response) => Promise<void>): RequestHandler =>
  async (req, res) => {
    try {
      await handler(req, res);
    } finally {
      for (const u of req.uploads ?? []) await staging.discard(u.staged.path);
    }
  };
