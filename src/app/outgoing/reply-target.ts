import type { Actor } from '../../domain/access.ts';
import { AppError, isAppError } from '../../domain/errors.ts';
import type { AppDeps } from '../deps.ts';
import { visibleIncoming } from '../incoming/read-incoming.ts';

/**
 * A draft may answer an incoming letter its drafter may see; anything else (missing, or not
 * theirs to see) is the same 422, so the answer does not tell whether a hidden letter exists.
 */
export const checkReplyTarget = async (deps: AppDeps, actor: Actor, incomingId: string): Promise<void> => {
  try {
    await visibleIncoming(deps, actor, incomingId);
  } catch (e) {
    if (isAppError(e) && e.code === 'not_found')
      throw new AppError('invalid', 'the letter answered is unknown', {
        errors: [{ field: 'inReplyTo', message: 'no incoming letter with this id that you may see', code: 'unknown_letter' }],
      });
    throw e;
  }
};
