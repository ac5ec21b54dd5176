import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { hasRole } from '../../domain/roles.ts';

/** Reading and checkpointing the trail is for auditors and admins; `null` is the shell. */
export const requireAuditor = (actor: Actor | null): void => {
  if (actor && !hasRole(actor, 'auditor', 'admin')) throw new AppError('forbidden', 'only an auditor or an admin may read the audit trail');
};

/** A person's whole activity is personal data: only admins may pull it. */
export const requireAdminForActivity = (actor: Actor): void => {
  if (!hasRole(actor, 'admin')) throw new AppError('forbidden', "only an admin may export a user's activity");
};
