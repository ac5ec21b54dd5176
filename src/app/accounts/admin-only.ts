import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { hasRole } from '../../domain/roles.ts';

/** Account administration is for admins; `null` is the shell or the first start. */
export const requireAdmin = (actor: Actor | null): void => {
  if (actor && !hasRole(actor, 'admin')) throw new AppError('forbidden', 'only an admin may manage accounts and units');
};

/** Translates the repository's unique-key conflict into a message about the value that clashed. */
export const conflictAs =
  (message: string) =>
  (e: unknown): never => {
    if (e instanceof AppError && e.code === 'conflict') throw new AppError('conflict', message);
    throw e;
  };
