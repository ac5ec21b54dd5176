import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { MAX_SAVED_SEARCHES, type SavedSearchFilters, type SavedSearchRecord } from '../../domain/saved-search.ts';
import type { AppDeps } from '../deps.ts';

const present = (s: SavedSearchRecord) => ({ id: s.id, name: s.name, query: s.query, filters: s.filters, createdAt: s.createdAt.toISOString() });

/** The caller's saved searches, by name (nobody sees another's). */
export const listSavedSearches = async (deps: AppDeps, actor: Actor) => ({ items: (await deps.db.savedSearches.listFor(actor.id)).map(present) });

/**
 * Names a search (its words, filters and sort) to run again from the search page. A name the
 * caller already uses is a 409; past MAX_SAVED_SEARCHES a 422. Audited with the row.
 */
export const saveSearch = async (deps: AppDeps, actor: Actor, input: { name: string; query: string; filters: SavedSearchFilters }) => {
  const mine = await deps.db.savedSearches.listFor(actor.id);
  if (mine.some((s) => s.name.toLocaleLowerCase('id') === input.name.toLocaleLowerCase('id'))) {
    throw new AppError('conflict', 'you already have a saved search with this name', {
      errors: [{ field: 'name', message: 'already used', code: 'name_taken' }],
    });
  }
  if (mine.length >= MAX_SAVED_SEARCHES) {
    throw new AppError('invalid', `at most ${MAX_SAVED_SEARCHES} saved searches: delete one first`, {
      errors: [{ field: 'name', message: 'too many', code: 'too_big', origin: 'array', limit: MAX_SAVED_SEARCHES }],
    });
  }
  const record: SavedSearchRecord = {
    id: randomUUID(),
    userId: actor.id,
    name: input.name,
    query: input.query,
    filters: input.filters,
    createdAt: deps.clock.now(),
  };
  await deps.db.transaction(async (tx) => {
    await tx.savedSearches.create(record);
    await tx.audit.append({
      at: record.createdAt,
      actorId: actor.id,
      action: 'search.save',
      targetType: 'saved_search',
      targetId: record.id,
      details: { name: record.name },
    });
  });
  return present(record);
};

/** Deletes one of the caller's saved searches; another's, or none, is a 404. */
export const deleteSavedSearch = async (deps: AppDeps, actor: Actor, id: string): Promise<void> => {
  await deps.db.transaction(async (tx) => {
    if (!(await tx.savedSearches.remove(id, actor.id))) throw new AppError('not_found', 'no such saved search');
    await tx.audit.append({ at: deps.clock.now(), actorId: actor.id, action: 'search.delete', targetType: 'saved_search', targetId: id, details: {} });
  });
};
