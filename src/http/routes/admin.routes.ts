import { Router } from 'express';
import { z } from 'zod';
import { createUnit, listUnits, updateUnit } from '../../app/accounts/manage-units.ts';
import { createUser, getUser, listUsers, resetTotp, updateUser } from '../../app/accounts/manage-users.ts';
import { decideAccessRequest, listAccessRequests } from '../../app/accounts/access-requests.ts';
import type { AppDeps } from '../../app/deps.ts';
import { PASSWORD_MAX } from '../../domain/password-policy.ts';
import { ROLES } from '../../domain/roles.ts';
import { SECURITY_LEVELS } from '../../domain/security-level.ts';
import { code, one, paging, parse } from '../validate.ts';

const username = z
  .string()
  .trim()
  .regex(/^[a-z0-9._-]{3,64}$/i, '3–64 letters, digits or . _ -');
// The policy (length, common passwords) is the use case's; here only a sane size.
const password = z.string().max(PASSWORD_MAX * 4);
const roles = z.array(z.enum(ROLES)).min(1, 'at least one role').max(ROLES.length);
const name = z.string().trim().min(1).max(200);
// Where notifications are mailed (null removes it).
const email = z.string().trim().max(254).pipe(z.email('an email address such as siti@bkd.example.go.id'));
// The NIP's rule (18 digits that tell a date of birth, …) is the use case's; here only a sane size.
const nip = z.string().trim().max(40);
const jabatan = z.string().trim().min(1).max(200);
/** The password is temporary: changed at the first login (the web UI always sends true). */
const mustChangePassword = z.boolean();

// For which units a clerk files: own unit, the whole office, or named units.
const filingScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('own') }),
  z.object({ kind: z.literal('office') }),
  z.object({ kind: z.literal('units'), unitCodes: z.array(code).min(1, 'at least one unit').max(200) }),
]);

/** `role` (one) or `roles` (several): the contract names `role`; several roles came later. */
const newUser = z
  .object({
    username,
    password,
    name,
    role: z.enum(ROLES).optional(),
    roles: roles.optional(),
    unitCode: code,
    clearance: z.enum(SECURITY_LEVELS).default('biasa'),
    email: email.nullable().optional(),
    filingScope: filingScope.optional(),
    nip: nip.nullable().optional(),
    jabatan: jabatan.nullable().optional(),
    mustChangePassword: mustChangePassword.optional(),
  })
  .refine((u) => u.role || u.roles, { message: 'give role or roles', path: ['role'], params: { code: 'required' } })
  .transform(({ role, roles: many, ...u }) => ({ ...u, roles: many ?? [role!] }));

const userChanges = z
  .object({
    name: name.optional(),
    role: z.enum(ROLES).optional(),
    roles: roles.optional(),
    unitCode: code.optional(),
    clearance: z.enum(SECURITY_LEVELS).optional(),
    disabled: z.boolean().optional(),
    password: password.optional(),
    email: email.nullable().optional(),
    filingScope: filingScope.optional(),
    nip: nip.nullable().optional(),
    jabatan: jabatan.nullable().optional(),
    mustChangePassword: mustChangePassword.optional(),
  })
  .strict()
  .transform(({ role, roles: many, ...c }) => ({ ...c, roles: many ?? (role ? [role] : undefined) }));

const userQuery = z.object({
  ...paging,
  unitCode: one(code).optional(),
  role: one(z.enum(ROLES)).optional(),
  q: one(
    z
      .string()
      .trim()
      .max(64)
      .regex(/^[^\p{Cc}]*$/u, 'no control characters'),
  ).optional(),
});
const userId = z.string().uuid('not a user id');

const newUnit = z.object({ code, name, parentCode: code.optional() });
const unitChanges = z.object({ name: name.optional(), parentCode: code.nullable().optional() }).strict();

/** Account and unit administration (the use cases check that the caller is an admin). */
const accessQuery = z.object({ ...paging, status: one(z.enum(['pending', 'approved', 'rejected'])).optional() });

export const adminRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.post('/users', async (req, res) => {
    res.status(201).json(await createUser(deps, req.actor!, parse(newUser, req.body)));
  });
  r.get('/users', async (req, res) => {
    const { page, limit, ...filter } = parse(userQuery, req.query);
    res.json(await listUsers(deps, req.actor!, Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)), page, limit));
  });
  r.get('/users/:id', async (req, res) => {
    res.json(await getUser(deps, req.actor!, parse(userId, req.params.id)));
  });
  r.patch('/users/:id', async (req, res) => {
    const user = await updateUser(deps, req.actor!, parse(userId, req.params.id), parse(userChanges, req.body));
    // A change above the admin's own clearance waits for a second admin: accepted, not done.
    res.status('pendingRequest' in user ? 202 : 200).json(user);
  });
  r.post('/users/:id/totp/reset', async (req, res) => {
    const pending = await resetTotp(deps, req.actor!, parse(userId, req.params.id));
    if (pending) res.status(202).json({ pendingRequest: pending });
    else res.status(204).end();
  });
  r.get('/access-requests', async (req, res) => {
    const { page, limit, status } = parse(accessQuery, req.query);
    res.json(await listAccessRequests(deps, req.actor!, { status }, page, limit));
  });
  for (const [verb, approve] of [
    ['approve', true],
    ['reject', false],
  ] as const) {
    r.post(`/access-requests/:id/${verb}`, async (req, res) => {
      res.json(await decideAccessRequest(deps, req.actor!, parse(userId, req.params.id), approve));
    });
  }
  r.post('/units', async (req, res) => {
    res.status(201).json(await createUnit(deps, req.actor!, parse(newUnit, req.body)));
  });
  r.get('/units', async (_req, res) => {
    res.json(await listUnits(deps));
  });
  r.patch('/units/:code', async (req, res) => {
    res.json(await updateUnit(deps, req.actor!, parse(code, req.params.code), parse(unitChanges, req.body)));
  });
  return r;
};
