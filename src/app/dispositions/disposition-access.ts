import { canRead, type Actor } from '../../domain/access.ts';
import type { IncomingLetterRecord } from '../../domain/correspondence.ts';
import { dispositionLevel, type RecipientUser } from '../../domain/disposition-rules.ts';
import { AppError } from '../../domain/errors.ts';
import type { SecurityLevel } from '../../domain/security-level.ts';
import type { AppDeps } from '../deps.ts';
import { scopeOf } from '../documents/read-documents.ts';

/** The letter a disposition route names; a missing one is a 404. */
export const letterOr404 = async (deps: AppDeps, letterId: string): Promise<IncomingLetterRecord> => {
  const letter = await deps.db.incoming.findById(letterId);
  if (!letter) throw new AppError('not_found', 'no such letter');
  return letter;
};

/**
 * Whether the caller may read the letter: the rule of its document (unit line and clearance, or
 * a read grant such as a disposition's). The document decides, not the letter row, because a
 * clerk may since have corrected the document's unit or level.
 */
export const readsLetter = async (deps: AppDeps, actor: Actor, letter: IncomingLetterRecord): Promise<boolean> => {
  const doc = await deps.db.documents.findById(letter.documentId);
  if (!doc) return false;
  return canRead(await scopeOf(deps, actor), { ...doc, readers: await deps.db.readers.of(doc.id) });
};

/** The level the letter's dispositions work at: the stricter of the letter's and its document's. */
export const levelOfLetter = async (deps: AppDeps, letter: IncomingLetterRecord): Promise<SecurityLevel> =>
  dispositionLevel(letter.securityLevel, (await deps.db.documents.findById(letter.documentId))?.securityLevel ?? null);

/** Every active member of a unit now (disposition grants go to the people of a unit at this moment). */
export const activeMembersOf = async (deps: AppDeps, unitCode: string): Promise<RecipientUser[]> => {
  const out: RecipientUser[] = [];
  for (let page = 1; ; page++) {
    const { items, total } = await deps.db.users.list({ unitCode }, page, 100);
    out.push(
      ...items
        .filter((u) => !u.disabled && u.unitCode === unitCode)
        .map((u) => ({ id: u.id, roles: u.roles, unitCode: u.unitCode, disabled: u.disabled, clearance: u.clearance })),
    );
    if (items.length === 0 || page * 100 >= total) return out;
  }
};
