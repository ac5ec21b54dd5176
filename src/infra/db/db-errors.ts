import { BaseError, ConnectionError, TimeoutError, UniqueConstraintError } from 'sequelize';
import { AppError } from '../../domain/errors.ts';

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'SQLITE_BUSY',
  'SQLITE_CANTOPEN',
  'SQLITE_IOERR',
  'SQLITE_FULL',
  'ER_CON_COUNT_ERROR',
]);

/** Translates driver errors into AppErrors: outages become 503s, unique violations 409s. */
export const mapDbError = (err: unknown): unknown => {
  if (err instanceof AppError) return err;
  if (err instanceof UniqueConstraintError) return new AppError('conflict', 'already exists', { cause: err });
  const code = (err as { parent?: { code?: string }; original?: { code?: string }; code?: string })?.parent?.code ?? (err as { code?: string })?.code;
  if (
    err instanceof ConnectionError ||
    err instanceof TimeoutError ||
    (code && CONNECTION_CODES.has(code)) ||
    (err instanceof BaseError && /ECONNREFUSED|connect|closed state|database is locked/i.test(err.message))
  ) {
    return new AppError('unavailable', 'the database is not answering', { backend: 'database', cause: err });
  }
  return err;
};

/** Wraps every async method of a repository so callers only ever see AppErrors for known failures. */
export const guarded = <T extends object>(repo: T): T =>
  new Proxy(repo, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        try {
          const out = (v as (...a: unknown[]) => unknown).apply(target, args);
          return out instanceof Promise ? out.catch((e: unknown) => Promise.reject(mapDbError(e))) : out;
        } catch (e) {
          throw mapDbError(e);
        }
      };
    },
  });
