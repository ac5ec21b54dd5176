import { Router } from 'express';
import type { AppDeps } from '../../app/deps.ts';
import { createContact, searchContacts } from '../../app/contacts/contacts.ts';
import { reply, routePath } from '../openapi/operation.ts';
import { contactQuery, correspondenceOps as ops, newContact } from '../schemas/correspondence.schemas.ts';
import { parse } from '../validate.ts';

/** The contact book of external bodies: search as one types, add a body. */
export const contactsRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.get(routePath(ops.contacts), async (req, res) => {
    const { q, limit } = parse(contactQuery, req.query);
    const items = await searchContacts(deps, q, limit);
    res.json(reply(ops.contacts, 200, { items, total: items.length }));
  });
  r.post(routePath(ops.addContact), async (req, res) => {
    const made = await createContact(deps, req.actor!, parse(newContact, req.body ?? {}));
    res
      .status(201)
      .location(`/api/v1/contacts/${made.id}`)
      .json(reply(ops.addContact, 201, made));
  });
  return r;
};
