import { AppError } from '../../src/domain/errors.ts';

/** Awaits a promise that must reject and returns what it rejected with. */
export const rejection = async (p: Promise<unknown>): Promise<unknown> => {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
};

/** Awaits a promise that must reject with an AppError (anything else is rethrown) and returns it. */
export const appRejection = async (p: Promise<unknown>): Promise<AppError> => {
  const e = await rejection(p);
  if (e instanceof AppError) return e;
  throw e;
};
