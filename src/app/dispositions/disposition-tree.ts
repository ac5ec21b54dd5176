import type { Actor } from '../../domain/access.ts';
import { holds } from '../../domain/disposition-rules.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../deps.ts';
import { letterOr404, readsLetter } from './disposition-access.ts';
import { namesFor, presentTree } from './present-disposition.ts';

/**
 * The whole routing of a letter for anyone who may read it (or holds one of its dispositions):
 * nested dispositions oldest first, and who holds it now and since when.
 */
export const dispositionTree = async (deps: AppDeps, actor: Actor, letterId: string) => {
  const letter = await letterOr404(deps, letterId);
  const ds = await deps.db.dispositions.ofLetter(letterId);
  if (!ds.some((d) => holds(d, actor)) && !(await readsLetter(deps, actor, letter))) throw new AppError('not_found', 'no such letter');
  return { letterId, status: letter.status, ...presentTree(ds, await namesFor(deps, ds)) };
};
