import { subtreeOf } from '../../domain/access.ts';
import type { Role } from '../../domain/roles.ts';
import type { Repositories, UserRecord } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { recordNotification } from '../notifications/record-notification.ts';

/** Every enabled user holding `role` (a few dozen at most in an office). */
export const usersWithRole = async (db: Pick<Repositories, 'users'>, role: Role): Promise<UserRecord[]> => {
  const out: UserRecord[] = [];
  for (let page = 1; ; page++) {
    const { items, total } = await db.users.list({ role }, page, 100);
    out.push(...items.filter((u) => !u.disabled));
    if (page * 100 >= total) return out;
  }
};

/** The archivists who keep the records of `unitCode`: those whose unit is it or above it. */
export const archivistsOf = async (db: Pick<Repositories, 'users' | 'units'>, unitCode: string): Promise<UserRecord[]> => {
  const units = await db.units.all();
  return (await usersWithRole(db, 'archivist')).filter((a) => subtreeOf(a.unitCode, units).includes(unitCode));
};

export interface RecordsNotice {
  kind: string;
  /** Unique per notice: offering it again records nothing. */
  dedupeKey: string;
  subjectType: string;
  subjectId: string;
  message: string;
}

/** An in-app notice to each user (and its email when they have an address and SMTP is set), once per dedupe key. */
export const notifyUsers = async (deps: AppDeps, tx: Pick<Repositories, 'notifications' | 'jobs'>, users: UserRecord[], n: RecordsNotice): Promise<void> => {
  for (const user of users) await recordNotification(deps, tx, user, { ...n, dedupeKey: `${n.dedupeKey}:${user.id}` });
};
