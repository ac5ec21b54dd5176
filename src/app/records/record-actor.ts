import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../deps.ts';

/** The user an act was carried out by, as the rules see them (a job acts in their name). */
export const actorOf = async (deps: AppDeps, userId: string): Promise<Actor> => {
  const u = await deps.db.users.findById(userId);
  if (!u) throw new AppError('invalid', `user ${userId} no longer exists`);
  return { id: u.id, roles: u.roles, unitCode: u.unitCode, clearance: u.clearance };
};
