import { AppError } from '../../domain/errors.ts';

/** The errno code of a Node system error, if it is one. */
export const errnoCode = (err: unknown): string | undefined => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** True for "this path (or one of its parents) does not exist as a file". */
export const isMissing = (err: unknown): boolean => {
  const code = errnoCode(err);
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
};

/**
 * Disk-side failures that mean "storage is broken or full right now", as opposed to a bug in the
 * caller: they become a 503 naming the storage backend.
 */
const UNAVAILABLE_CODES = new Set([
  'EACCES',
  'EPERM',
  'ENOSPC',
  'EDQUOT',
  'EIO',
  'EROFS',
  'EMFILE',
  'ENFILE',
  'ENOMEM',
  'EBUSY',
  'ESTALE', // NFS
  'ENOTCONN', // a FUSE or network mount that went away
  'ETIMEDOUT', // a network mount that stopped answering
  'ENXIO',
  'ENODEV',
  'EXDEV',
  'EMLINK',
  'ENOTSUP',
  'EOPNOTSUPP',
  'ELOOP',
  'ENAMETOOLONG',
]);

/**
 * Rethrows a filesystem error as AppError `unavailable` (backend `storage`) when it is a disk
 * problem; AppErrors and unexpected errors pass through unchanged so bugs stay visible as 500s.
 */
export const toStorageError = (err: unknown, action: string): unknown => {
  if (err instanceof AppError) return err;
  const code = errnoCode(err);
  if (code && UNAVAILABLE_CODES.has(code)) {
    return new AppError('unavailable', `storage is unavailable (${action}: ${code})`, { backend: 'storage', cause: err });
  }
  return err;
};
