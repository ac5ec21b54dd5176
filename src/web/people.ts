/**
 * People to route letters to and to name on drafts, and the names behind user ids.
 *
 * The office's people directory (`GET /api/v1/people`, any logged-in user) is asked first; while
 * the server has none (404), an admin reads the admin user list instead, and everyone else gets
 * `null`: the forms then offer units only, or a field for a user id. Names seen in answers
 * (a disposition's sender, …) are remembered, so a page can show them without asking again.
 */
import { receivesDispositions } from '../domain/people.ts';
import { ApiError, get } from './api.ts';
import { useLoad } from './hooks.ts';
import type { Page, Person, Role, User } from './types.ts';

type Source = 'people' | 'users' | 'none';

const PAGE_LIMIT = 100;
const MAX_PAGES = 10;

let detected: { userId: string; source: Promise<Source> } | null = null;
const names = new Map<string, Promise<string | null>>();

const isMissing = (e: unknown) => e instanceof ApiError && (e.status === 404 || e.status === 405);

/** Which list the directory comes from for this user (asked once per login). */
const sourceFor = (user: Pick<User, 'id' | 'roles'>): Promise<Source> => {
  if (detected?.userId !== user.id) {
    names.clear();
    const source = get<Page<Person>>('/people', { query: { limit: 1 } }).then(
      (): Source => 'people',
      (e: unknown): Source => {
        if (!isMissing(e)) {
          detected = null; // a blip on the line: ask again next time
          throw e;
        }
        return user.roles.includes('admin') ? 'users' : 'none';
      },
    );
    detected = { userId: user.id, source };
  }
  return detected.source;
};

const asPerson = (u: Pick<User, 'id' | 'name' | 'unitCode' | 'roles'> & Partial<Pick<User, 'jabatan' | 'nip'>>): Person => ({
  id: u.id,
  name: u.name,
  unitCode: u.unitCode,
  roles: u.roles,
  jabatan: u.jabatan ?? null,
  nip: u.nip ?? null,
  receivesDispositions: receivesDispositions(u),
});

/**
 * Active people (of a unit, with a role), sorted by name; null when this user has no directory
 * to read yet.
 */
export const listPeople = async (
  user: Pick<User, 'id' | 'roles'>,
  filter: { unitCode?: string | undefined; role?: Role | undefined },
  signal?: AbortSignal,
): Promise<Person[] | null> => {
  const source = await sourceFor(user);
  if (source === 'none') return null;
  const out: Person[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const query = { ...filter, page, limit: PAGE_LIMIT };
    const answer =
      source === 'people'
        ? await get<Page<Person & { disabled?: boolean }>>('/people', signal ? { query, signal } : { query })
        : await get<Page<User>>('/users', signal ? { query, signal } : { query });
    for (const p of answer.items) {
      if ((p as { disabled?: boolean }).disabled) continue;
      out.push(asPerson(p));
      names.set(p.id, Promise.resolve(p.name));
    }
    if (page * PAGE_LIMIT >= answer.total) break;
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
};

/** A user's name, or null when it cannot be known (no directory, not an admin). */
const nameOf = (user: Pick<User, 'id' | 'name' | 'roles'>, id: string): Promise<string | null> => {
  if (id === user.id) return Promise.resolve(user.name);
  let p = names.get(id);
  if (!p) {
    p = sourceFor(user)
      .then((source) =>
        source === 'people'
          ? get<Pick<Person, 'name'>>(`/people/${encodeURIComponent(id)}`)
          : source === 'users'
            ? get<Pick<User, 'name'>>(`/users/${encodeURIComponent(id)}`)
            : null,
      )
      .then(
        (u) => u?.name ?? null,
        () => null,
      );
    names.set(id, p);
  }
  return p;
};

/** Names for user ids (those that cannot be known are left out). */
export const usePersonNames = (user: Pick<User, 'id' | 'name' | 'roles'>, ids: (string | null | undefined)[]): Map<string, string> => {
  const distinct = [...new Set(ids.filter((i): i is string => !!i))].sort();
  const loaded = useLoad(async () => {
    const m = new Map<string, string>();
    await Promise.all(
      distinct.map(async (id) => {
        const n = await nameOf(user, id);
        if (n) m.set(id, n);
      }),
    );
    return m;
  }, [user.id, distinct.join(',')]);
  return loaded.data ?? new Map();
};

/** The people of a unit / with a role; `data` null: no directory for this user (yet). */
export const usePeople = (user: Pick<User, 'id' | 'roles'>, filter: { unitCode?: string | undefined; role?: Role | undefined }, enabled = true) =>
  useLoad((signal) => (enabled ? listPeople(user, filter, signal) : Promise.resolve(null)), [user.id, filter.unitCode ?? '', filter.role ?? '', enabled]);
