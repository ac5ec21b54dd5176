import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { receivesDispositions } from '../../domain/people.ts';
import type { Role } from '../../domain/roles.ts';
import type { UserRecord } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';

/**
 * A colleague as anyone in the office may see them: enough to route a letter to them or to name
 * them on a draft (never the username, email, clearance or second-factor state).
 */
export const presentPerson = (u: UserRecord) => ({
  id: u.id,
  name: u.name,
  unitCode: u.unitCode,
  roles: u.roles,
  disabled: u.disabled,
  // Printed on letters and in the register, so not private: what tells two namesakes apart.
  jabatan: u.jabatan,
  // A NIP tells a date of birth: shown only for officials, whose letters print it under their name.
  nip: u.roles.includes('official') ? u.nip : null,
  /** False for an account that only administers: the disposition form does not offer it. */
  receivesDispositions: receivesDispositions(u),
});

/** The office's people directory for any logged-in user (the web UI's recipient and signer pickers). */
export const listPeople = async (deps: AppDeps, _actor: Actor, filter: { unitCode?: string; role?: Role; q?: string }, page: number, limit: number) => {
  const { items, total } = await deps.db.users.list(filter, page, limit);
  return { items: items.map(presentPerson), total, page, limit };
};

/** One colleague by id (a name behind an id on a letter). */
export const getPerson = async (deps: AppDeps, _actor: Actor, id: string) => {
  const u = await deps.db.users.findById(id);
  if (!u) throw new AppError('not_found', 'no such person');
  return presentPerson(u);
};
