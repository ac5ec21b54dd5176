import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../deps.ts';
import { visibleOutgoing } from '../outgoing/read-outgoing.ts';

/**
 * The archived signed PDF of a letter, for the download route: whoever may see the letter
 * (the document's own access check and download audit follow in the archive's route).
 */
export const signedDocumentId = async (deps: AppDeps, actor: Actor, letterId: string): Promise<string> => {
  const letter = await visibleOutgoing(deps, actor, letterId);
  if (letter.status !== 'signed' || !letter.signedDocumentId) throw new AppError('not_found', 'the letter is not signed yet');
  return letter.signedDocumentId;
};
