import type { SavedSearchRecord } from '../domain/saved-search.ts';

/** Users' saved searches (issue 18). */
export interface SavedSearchRepository {
  create(s: SavedSearchRecord): Promise<void>;
  /** A user's saved searches, by name. */
  listFor(userId: string): Promise<SavedSearchRecord[]>;
  /** How many a user keeps. */
  countFor(userId: string): Promise<number>;
  /** Deletes one of the user's own; false when they have none with this id. */
  remove(id: string, userId: string): Promise<boolean>;
}
