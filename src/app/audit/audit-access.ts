import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { hasRole } from '../../domain/roles.ts';
import { SECURITY_LEVELS } from '../../domain/security-level.ts';
import type { AuditVisibility } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { scopeOf } from '../documents/read-documents.ts';

/** Reading and checkpointing the trail is for auditors and admins; `null` is the shell. */
export const requireAuditor = (actor: Actor | null): void => {
  if (actor && !hasRole(actor, 'auditor', 'admin')) throw new AppError('forbidden', 'only an auditor or an admin may read the audit trail');
};

/** A person's whole activity is personal data: only admins may pull it. */
export const requireAdminForActivity = (actor: Actor): void => {
  if (!hasRole(actor, 'admin')) throw new AppError('forbidden', "only an admin may export a user's activity");
};

/**
 * The same read scope as every other read: an entry about a document the caller may not read
 * is neither returned nor counted (auditors see all units, but only up to their clearance).
 */
export const auditVisibility = async (deps: AppDeps, actor: Actor): Promise<AuditVisibility> => {
  const scope = await scopeOf(deps, actor);
  return { userId: actor.id, unitCodes: scope.allUnits ? 'all' : scope.unitCodes, levels: SECURITY_LEVELS.slice(0, scope.maxSecurityRank + 1) };
};
