import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { canDraftOutgoing, type Participant, participantProblems } from '../../domain/outgoing-rules.ts';
import type { SecurityLevel } from '../../domain/security-level.ts';
import type { UserRecord } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';

/** Drafting is for staff, officials and clerks; checked before any byte is accepted. */
export const requireDrafter = (actor: Actor): void => {
  if (!canDraftOutgoing(actor)) throw new AppError('forbidden', 'only staff, officials and clerks draft outgoing letters');
};

/**
 * Checks the signer and reviewers named on a draft against the rules (see
 * domain/outgoing-rules.ts) and returns the signer; a 422 listing every problem otherwise.
 */
export const checkParticipants = async (
  deps: AppDeps,
  actor: Actor,
  named: { signerId: string; reviewerIds: string[]; securityLevel: SecurityLevel },
): Promise<UserRecord> => {
  const ids = [...new Set([named.signerId, ...named.reviewerIds])];
  const found = await Promise.all(ids.map((id) => deps.db.users.findById(id)));
  const users = new Map<string, Participant>(found.filter((u): u is UserRecord => u !== null).map((u) => [u.id, u]));
  const drafter: Participant = { id: actor.id, roles: actor.roles, disabled: false, clearance: actor.clearance };
  const problems = participantProblems({ drafter, signerId: named.signerId, reviewerIds: named.reviewerIds, securityLevel: named.securityLevel, users });
  if (problems.length) throw new AppError('invalid', 'some values are invalid', { errors: problems });
  return found.find((u) => u?.id === named.signerId)!;
};
