import type { LetterTypeRecord } from '../domain/letter-types.ts';
import type { ContactRecord } from '../domain/parties.ts';

/** Naskah types with their templates and number formats (issue 13). */
export interface LetterTypeRepository {
  /** Every type, by name. */
  all(): Promise<LetterTypeRecord[]>;
  find(code: string): Promise<LetterTypeRecord | null>;
  /** Adds a type; a code that exists already is AppError `conflict`. */
  create(t: LetterTypeRecord): Promise<void>;
  /** Changes a type's name, formats or template; false when there is no such type. */
  update(code: string, patch: Partial<Pick<LetterTypeRecord, 'name' | 'numberFormat' | 'unitFormats' | 'template'>>, now: Date): Promise<boolean>;
}

/** The contact book of external bodies: one contact per name as domain foldName folds it. */
export interface ContactRepository {
  /** Adds a contact; a name that folds to an existing one's is AppError `conflict`. */
  create(c: ContactRecord): Promise<void>;
  findById(id: string): Promise<ContactRecord | null>;
  findManyByIds(ids: string[]): Promise<ContactRecord[]>;
  /** The contact with this name (folded), adding it when there is none; safe when two add it at once. */
  ensure(name: string, newId: string, now: Date): Promise<ContactRecord>;
  /** Contacts whose folded name, or one of its words, starts with the folded `prefix`; by name. */
  search(prefix: string, limit: number): Promise<ContactRecord[]>;
}
