import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import type { ContactRecord } from '../../domain/parties.ts';
import { hasRole } from '../../domain/roles.ts';
import type { AppDeps } from '../deps.ts';

/** The API shape of a contact. */
export const presentContact = (c: ContactRecord) => ({ id: c.id, name: c.name, address: c.address, email: c.email, createdAt: c.createdAt.toISOString() });

/** How many contacts one search-as-you-type answer lists. */
const SUGGESTIONS = 20;

/** Contacts whose name (or a word of it) starts with `q`, accents and case aside; by name. */
export const searchContacts = async (deps: AppDeps, q: string, limit = SUGGESTIONS) => (await deps.db.contacts.search(q, limit)).map(presentContact);

/** Who keeps the contact book: those who write and register letters. */
const requireCorrespondent = (actor: Actor): void => {
  if (!hasRole(actor, 'admin', 'clerk', 'staff', 'official')) throw new AppError('forbidden', 'only clerks, staff, officials and admins add contacts');
};

/** Adds an external body to the contact book (201); a name it has already (accents and case aside) is a 409. */
export const createContact = async (deps: AppDeps, actor: Actor, input: { name: string; address?: string | undefined; email?: string | undefined }) => {
  requireCorrespondent(actor);
  const now = deps.clock.now();
  const contact: ContactRecord = {
    id: randomUUID(),
    name: input.name,
    address: input.address ?? null,
    email: input.email ?? null,
    createdAt: now,
    updatedAt: now,
  };
  await deps.db.transaction(async (tx) => {
    await tx.contacts.create(contact);
    await tx.audit.append({
      at: now,
      actorId: actor.id,
      action: 'contact.create',
      targetType: 'contact',
      targetId: contact.id,
      details: { name: contact.name },
    });
  });
  return presentContact(contact);
};
