import { AppError } from '../../domain/errors.ts';
import type { Party, PartyInput } from '../../domain/parties.ts';
import type { AppDeps } from '../deps.ts';

import type { FieldError } from '../../domain/errors.ts';

/**
 * Turns what the drafter named into parties with the names they have now: units of this office,
 * people with an account, contacts of the contact book, or a body typed in. Every unknown one is
 * listed (as `field.index.key`) in one 422, before anything is stored.
 */
export const resolveParties = async (deps: AppDeps, lists: { field: string; parties: PartyInput[] }[]): Promise<Party[][]> => {
  const units = new Map((await deps.db.units.all()).map((u) => [u.code, u]));
  const contactIds = lists.flatMap((l) => l.parties.flatMap((p) => ('contactId' in p ? [p.contactId] : [])));
  const contacts = new Map((await deps.db.contacts.findManyByIds([...new Set(contactIds)])).map((c) => [c.id, c]));
  const errors: FieldError[] = [];
  const out: Party[][] = [];
  for (const { field, parties } of lists) {
    const resolved: Party[] = [];
    for (const [i, p] of parties.entries()) {
      if ('unitCode' in p) {
        const u = units.get(p.unitCode);
        if (u) resolved.push({ kind: 'unit', unitCode: u.code, name: u.name });
        else errors.push({ field: `${field}.${i}.unitCode`, message: `no unit with code ${p.unitCode}`, code: 'unknown_unit' });
      } else if ('userId' in p) {
        const u = await deps.db.users.findById(p.userId);
        if (u && !u.disabled) resolved.push({ kind: 'user', userId: u.id, unitCode: u.unitCode, name: u.name });
        else errors.push({ field: `${field}.${i}.userId`, message: 'no such active user', code: 'unknown_user' });
      } else if ('contactId' in p) {
        const c = contacts.get(p.contactId);
        if (c) resolved.push({ kind: 'contact', contactId: c.id, name: c.name, address: c.address, email: c.email });
        else errors.push({ field: `${field}.${i}.contactId`, message: 'no such contact', code: 'unknown_contact' });
      } else resolved.push({ kind: 'external', name: p.name, address: p.address ?? null, email: p.email ?? null });
    }
    out.push(resolved);
  }
  if (errors.length) throw new AppError('invalid', 'some addressees or copies are unknown', { errors });
  return out;
};
