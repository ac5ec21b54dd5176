/**
 * Users, units and the account changes that wait for a second admin (admin.routes.ts): requests
 * and responses, declared once (see documents.schemas.ts). The user as it is shown is here too,
 * for the login and /auth/me (auth.schemas.ts).
 */
import { z } from 'zod';
import { FILING_SCOPE_KINDS } from '../../domain/filing-scope.ts';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../domain/password-policy.ts';
import { ROLES } from '../../domain/roles.ts';
import { SECURITY_LEVELS } from '../../domain/security-level.ts';
import { operation } from '../openapi/operation.ts';
import { code, one, paging } from '../validate.ts';
import { pageOf, timestamp, userId } from './common.schemas.ts';

const username = z
  .string()
  .trim()
  .regex(/^[a-z0-9._-]{3,64}$/i, '3–64 letters, digits or . _ -')
  .meta({ pattern: '^[A-Za-z0-9._-]{3,64}$' });
// The policy (length, common passwords) is the use case's; here only a sane size. The document
// states the policy's bounds.
export const password = z
  .string()
  .max(PASSWORD_MAX * 4)
  .meta({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX, description: 'the most common passwords and ones containing the username are refused' });
const roles = z.array(z.enum(ROLES)).min(1, 'at least one role').max(ROLES.length);
const name = z.string().trim().min(1).max(200);
const email = z
  .string()
  .trim()
  .max(254)
  .pipe(z.email('an email address such as siti@bkd.example.go.id'))
  .meta({ description: 'where notifications are mailed' });
// The NIP's rule (18 digits that tell a date of birth, …) is the use case's; here only a sane size.
const NIP = 'NIP: 18 digits (birth date yyyymmdd, appointment yyyymm, sex 1|2, serial); spaces are dropped';
const JABATAN = 'position title: printed above the signer’s name';
const nip = z.string().trim().max(40).meta({ description: NIP });
const jabatan = z.string().trim().min(1).max(200).meta({ description: JABATAN });

const FILING_SCOPE = 'own unit (default), the whole office, or the named units (and own unit)';
// For which units a clerk files: own unit, the whole office, or named units.
const filingScope = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('own') }),
    z.object({ kind: z.literal('office') }),
    z.object({ kind: z.literal('units'), unitCodes: z.array(code).min(1, 'at least one unit').max(200) }),
  ])
  .meta({ description: FILING_SCOPE });

/** Optional on a new user and a change alike; null removes the address, NIP or jabatan. */
const reachAndProfile = {
  email: email.nullable().optional(),
  filingScope: filingScope.optional(),
  nip: nip.nullable().optional(),
  jabatan: jabatan.nullable().optional(),
};

/** `role` (one) or `roles` (several): the contract names `role`; several roles came later. */
export const newUser = z
  .object({
    username,
    password,
    name,
    role: z.enum(ROLES).optional(),
    roles: roles.optional(),
    unitCode: code,
    clearance: z.enum(SECURITY_LEVELS).default('biasa'),
    ...reachAndProfile,
    mustChangePassword: z
      .boolean()
      .optional()
      .meta({ description: 'the password is temporary: the first login may only change it (default false, for older clients)' }),
  })
  .refine((u) => u.role || u.roles, { message: 'give role or roles', path: ['role'], params: { code: 'required' } })
  .transform(({ role, roles: many, ...u }) => ({ ...u, roles: many ?? [role!] }));

export const userChanges = z
  .object({
    name: name.optional(),
    role: z.enum(ROLES).optional(),
    roles: roles.optional(),
    unitCode: code.optional(),
    clearance: z.enum(SECURITY_LEVELS).optional(),
    disabled: z.boolean().optional(),
    password: password.optional(),
    ...reachAndProfile,
    mustChangePassword: z
      .boolean()
      .optional()
      .meta({ description: 'with password: it is temporary, to be changed at the next login (the web UI always sends true)' }),
  })
  .strict()
  .transform(({ role, roles: many, ...c }) => ({ ...c, roles: many ?? (role ? [role] : undefined) }));

/** Filters of the user list and of the people directory. */
export const directoryQuery = z.object({
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

export const newUnit = z.object({ code, name, parentCode: code.optional() });
export const unitChanges = z.object({ name: name.optional(), parentCode: code.nullable().optional() }).strict();

export const accessQuery = z.object({ ...paging, status: one(z.enum(['pending', 'approved', 'rejected'])).optional() });

const filingScopeSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('own') }),
    z.object({ kind: z.literal('office') }),
    z.object({ kind: z.literal('units'), unitCodes: z.array(z.string()) }),
  ])
  .meta({ id: 'FilingScope', description: `${FILING_SCOPE}; kind is one of ${FILING_SCOPE_KINDS.join(', ')}` });

export const userSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    name: z.string(),
    role: z.enum(ROLES).nullable().meta({ description: 'the first of roles, for clients written against one role per user' }),
    roles: z.array(z.enum(ROLES)),
    unitCode: z.string(),
    clearance: z.enum(SECURITY_LEVELS),
    filingScope: filingScopeSchema,
    email: z.string().nullable(),
    nip: z.string().nullable().meta({ description: NIP }),
    jabatan: z.string().nullable().meta({ description: JABATAN }),
    mustChangePassword: z.boolean(),
    certificateRequestedAt: timestamp.nullable().meta({ description: 'an admin asked for a signing certificate: the official makes it by choosing a PIN' }),
    disabled: z.boolean(),
    totpEnabled: z.boolean(),
    totpRequired: z.boolean(),
    createdAt: timestamp,
  })
  .meta({ id: 'User' });

const STATUSES = ['pending', 'approved', 'rejected'] as const;
const accessRequestSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    changes: z
      .object({
        name: z.string(),
        roles: z.array(z.enum(ROLES)),
        unitCode: z.string(),
        clearance: z.enum(SECURITY_LEVELS),
        disabled: z.boolean(),
        email: z.string().nullable(),
        filingScope: filingScopeSchema,
        nip: z.string().nullable(),
        jabatan: z.string().nullable(),
        totpReset: z.boolean(),
        password: z.enum(['new', 'temporary']).meta({ description: 'a new password is set (temporary: to be changed at login); never the password' }),
      })
      .partial()
      .meta({ description: 'what would change' }),
    level: z.enum(SECURITY_LEVELS).meta({ description: 'the clearance the approving admin needs' }),
    status: z.enum(STATUSES),
    requestedBy: z.string(),
    requestedAt: timestamp,
    decidedBy: z.string().nullable(),
    decidedAt: timestamp.nullable(),
  })
  .meta({ id: 'AccessRequest' });

const held = { pendingRequest: accessRequestSchema };
const unitSchema = z.object({ code: z.string(), name: z.string(), parentCode: z.string().nullable() }).meta({ id: 'Unit' });
const byId = z.object({ id: userId });
const decide = (verb: 'approve' | 'reject', summary: string, description: string) =>
  operation({
    method: 'post',
    path: `/api/v1/access-requests/:id/${verb}`,
    summary,
    params: byId,
    responses: { 200: { description, schema: accessRequestSchema } },
    errors: [401, 403, 404, 409, 422],
  });

export const accountOps = {
  users: operation({
    method: 'get',
    path: '/api/v1/users',
    summary: 'Users (admin)',
    query: directoryQuery,
    responses: { 200: { description: 'a page of users', schema: pageOf(userSchema) } },
    errors: [401, 403, 422],
  }),
  createUser: operation({
    method: 'post',
    path: '/api/v1/users',
    summary:
      'Create a user (admin). A clearance above the admin’s own makes the account at the admin’s clearance and asks a second admin for the rest (pendingRequest)',
    body: { 'application/json': newUser },
    responses: { 201: { description: 'created', schema: userSchema.extend({ pendingRequest: accessRequestSchema.optional() }) } },
    errors: [400, 401, 403, 409, 422],
  }),
  user: operation({
    method: 'get',
    path: '/api/v1/users/:id',
    summary: 'One user (admin, or yourself)',
    params: byId,
    responses: { 200: { description: 'the user', schema: userSchema } },
    errors: [401, 403, 404],
  }),
  updateUser: operation({
    method: 'patch',
    path: '/api/v1/users/:id',
    summary:
      'Change a user (admin). Disabling or a new password ends their sessions at once. A change of access to an account cleared above the admin waits for a second admin (202)',
    params: byId,
    body: { 'application/json': userChanges },
    responses: {
      200: { description: 'the user', schema: userSchema },
      202: { description: 'the user as it is, and the change waiting for a second admin', schema: userSchema.extend(held) },
    },
    errors: [400, 401, 403, 404, 409, 422],
  }),
  resetTotp: operation({
    method: 'post',
    path: '/api/v1/users/:id/totp/reset',
    summary:
      'Turn off a user’s second factor (lost phone) and end their sessions (admin); for an account cleared above the admin it waits for a second admin (202)',
    params: byId,
    responses: { 202: { description: 'waiting for a second admin', schema: z.object(held) }, 204: { description: 'reset' } },
    errors: [401, 403, 404],
  }),
  accessRequests: operation({
    method: 'get',
    path: '/api/v1/access-requests',
    summary:
      'Account changes waiting for (or decided by) a second admin: clearance above the requesting admin’s own, or credentials and access of an account cleared above it',
    query: accessQuery,
    responses: { 200: { description: 'requests, newest first', schema: pageOf(accessRequestSchema) } },
    errors: [401, 403, 422],
  }),
  approve: decide('approve', 'Approve and apply (an admin cleared for its level, not the one who asked)', 'applied'),
  reject: decide('reject', 'Reject (the same admins)', 'rejected'),
  units: operation({
    method: 'get',
    path: '/api/v1/units',
    summary: 'The unit tree as a list',
    responses: { 200: { description: 'units', schema: z.object({ items: z.array(unitSchema) }) } },
    errors: [401],
  }),
  createUnit: operation({
    method: 'post',
    path: '/api/v1/units',
    summary: 'Create a unit (admin)',
    body: { 'application/json': newUnit },
    responses: { 201: { description: 'created', schema: unitSchema } },
    errors: [400, 401, 403, 409, 422],
  }),
  updateUnit: operation({
    method: 'patch',
    path: '/api/v1/units/:code',
    summary: 'Rename or move a unit (admin); no cycles',
    params: z.object({ code }),
    body: { 'application/json': unitChanges },
    responses: { 200: { description: 'the unit', schema: unitSchema } },
    errors: [400, 401, 403, 404, 422],
  }),
};
