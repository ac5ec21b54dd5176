import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app/deps.ts';
import { createContact, searchContacts } from '../../app/contacts/contacts.ts';
import { one, parse, plain } from '../validate.ts';

const searchQuery = z.object({ q: one(plain(z.string().trim().max(100))).default(''), limit: one(z.coerce.number().int().min(1).max(50)).default(20) });
const newContact = z
  .object({
    name: plain(z.string().trim().min(1).max(300)),
    address: plain(z.string().trim().min(1).max(1000), { lines: true }).optional(),
    email: z.string().trim().email('an e-mail address').max(320).optional(),
  })
  .strict();

/** The contact book of external bodies: search as one types, add a body. */
export const contactsRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.get('/contacts', async (req, res) => {
    const { q, limit } = parse(searchQuery, req.query);
    const items = await searchContacts(deps, q, limit);
    res.json({ items, total: items.length });
  });
  r.post('/contacts', async (req, res) => {
    const made = await createContact(deps, req.actor!, parse(newContact, req.body ?? {}));
    res.status(201).location(`/api/v1/contacts/${made.id}`).json(made);
  });
  return r;
};
