import type { Request, Response } from 'express';
import { AppError } from '../domain/errors.ts';

/** A versioned resource's ETag: its version, quoted (strong: the version names exactly one description). */
export const setEtag = (res: Response, version: number): void => {
  res.setHeader('ETag', `"${version}"`);
};

/**
 * The version an If-Match header names (`"3"`, or `W/"3"` from a client that weakened it), or
 * undefined when there is none or it is `*`. Anything else is a 400: a client that sends a
 * precondition must send one we understand, never have it ignored.
 */
export const ifMatchVersion = (req: Request): number | undefined => {
  const h = req.headers['if-match'];
  if (h === undefined || h.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(h);
  if (!m)
    throw new AppError('bad_request', 'If-Match must be the ETag of this resource as GET gave it, such as "3"', {
      errors: [{ field: 'If-Match', message: 'not an ETag of this resource', code: 'stale_version' }],
    });
  return Number(m[1]);
};
