import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { hasRole } from '../../domain/roles.ts';
import type { AppDeps } from '../deps.ts';
import { presentCertificate } from './certificate-holder.ts';

const mayRead = (actor: Actor, userId: string) => {
  if (actor.id !== userId && !hasRole(actor, 'admin')) throw new AppError('forbidden', "only an admin or the official themself sees a user's certificates");
};

/** The user's current signing certificate (admin, or the official themself); 404 when none. */
export const currentCertificate = async (deps: AppDeps, actor: Actor, userId: string) => {
  mayRead(actor, userId);
  const cert = await deps.db.certificates.currentOf(userId);
  if (!cert) throw new AppError('not_found', 'this user has no current signing certificate');
  return presentCertificate(deps, cert);
};

/** Every certificate the user has had, newest first (revoked and replaced ones included). */
export const certificateHistory = async (deps: AppDeps, actor: Actor, userId: string) => {
  mayRead(actor, userId);
  return { items: (await deps.db.certificates.listOf(userId)).map((c) => presentCertificate(deps, c)) };
};
