import { AppError } from '../../domain/errors.ts';

/**
 * Storage keys are written by the application (e.g. `originals/ab/cd/<sha256>`), so anything
 * unusual is a bug or an attack. Every adapter validates the same way, which keeps a key that
 * works on local disk working on S3 and the other way round.
 */
const KEY_CHARS = /^[a-z0-9/_.-]+$/;
const MAX_KEY_LENGTH = 1024; // S3's limit
const MAX_SEGMENT_LENGTH = 255; // most filesystems' name limit

const reject = (what: string, value: string, why: string): never => {
  // The value goes to the log (cause), not the detail: never a storage key in a client's answer.
  throw new AppError('bad_request', `invalid storage ${what}: ${why}`, { cause: new Error(`invalid storage ${what} ${JSON.stringify(value.slice(0, 80))}`) });
};

const checkSegments = (what: string, value: string, segments: string[]): void => {
  for (const s of segments) {
    if (s === '') reject(what, value, 'empty path segment');
    // A leading dot also reserves names such as `.tmp` for the adapters' own scratch files.
    if (s.startsWith('.')) reject(what, value, 'segment starts with a dot');
    if (s.length > MAX_SEGMENT_LENGTH) reject(what, value, 'segment too long');
  }
};

/** Throws AppError `bad_request` unless `key` is a relative path of [a-z0-9/_.-] without `.`/`..` segments. */
export const assertValidKey = (key: string): void => {
  if (typeof key !== 'string' || key.length === 0) reject('key', String(key), 'empty');
  if (key.length > MAX_KEY_LENGTH) reject('key', key, 'too long');
  if (!KEY_CHARS.test(key)) reject('key', key, 'only a-z 0-9 / _ . - are allowed');
  checkSegments('key', key, key.split('/'));
};

/**
 * Throws AppError `bad_request` unless `prefix` is '' or a valid key start. A trailing `/` is
 * allowed (it names a folder) and so is a partial last segment (`originals/a` matches `originals/ab/...`).
 */
export const assertValidPrefix = (prefix: string): void => {
  if (typeof prefix !== 'string') reject('prefix', String(prefix), 'not a string');
  if (prefix === '') return;
  if (prefix.length > MAX_KEY_LENGTH) reject('prefix', prefix, 'too long');
  if (!KEY_CHARS.test(prefix)) reject('prefix', prefix, 'only a-z 0-9 / _ . - are allowed');
  const segments = prefix.split('/');
  if (segments.at(-1) === '') segments.pop();
  checkSegments('prefix', prefix, segments);
};

/**
 * A missing object. The key stays out of the detail, which clients may see (a key names the
 * content's SHA-256 and the storage layout); the log has it from the cause.
 */
export const missingObject = (key: string): AppError =>
  new AppError('not_found', 'a stored object is missing', { cause: new Error(`no stored object ${key}`) });
