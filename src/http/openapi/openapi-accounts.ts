import { FILING_SCOPE_KINDS } from '../../domain/filing-scope.ts';
import { ROLES } from '../../domain/roles.ts';
import { SECURITY_LEVELS } from '../../domain/security-level.ts';
import { errors, idParam, json, q, ref } from './openapi-parts.ts';

const LEVELS = [...SECURITY_LEVELS];
const obj = (properties: Record<string, object>, required: string[] = []) => ({ type: 'object', ...(required.length ? { required } : {}), properties });
const str = { type: 'string' };
const profile = {
  nip: { type: ['string', 'null'], description: 'NIP: 18 digits (birth date yyyymmdd, appointment yyyymm, sex 1|2, serial); spaces are dropped' },
  jabatan: { type: ['string', 'null'], description: 'position title: printed above the signer’s name' },
};

/** Login, second factor, passwords, users and units. */
export const accountPaths = {
  '/api/v1/auth/login': {
    post: {
      summary:
        'Log in. Users who must have a second factor send `totp` (a code or a recovery code); without one enrolled yet they get 403 totp-enrolment-required with an enrolment `token`. A password an admin set as temporary answers 403 password-change-required with a `token` that may only call POST /auth/password (and logout). Repeated failures answer 429 with Retry-After.',
      security: [],
      requestBody: json(
        obj(
          {
            username: str,
            password: str,
            totp: str,
            cookie: { type: 'boolean', description: 'web UI: set HttpOnly session and CSRF cookies instead of returning the token' },
          },
          ['username', 'password'],
        ),
      ),
      responses: {
        200: { description: 'a bearer token (or cookies and csrfToken)', ...json(obj({ token: str, expiresAt: str, csrfToken: str, user: ref('User') })) },
        ...errors(400, 401, 403, 422, 429),
      },
    },
  },
  '/api/v1/auth/logout': { post: { summary: 'End the session', responses: { 204: { description: 'the token stops working' }, ...errors(401, 403) } } },
  '/api/v1/auth/me': { get: { summary: 'The logged-in user', responses: { 200: { description: 'the user', ...json(ref('User')) }, ...errors(401, 403) } } },
  '/api/v1/auth/password': {
    post: {
      summary: 'Change your password (ends every session, this one too)',
      requestBody: json(obj({ currentPassword: str, newPassword: { type: 'string', minLength: 8, maxLength: 256 } }, ['currentPassword', 'newPassword'])),
      responses: { 204: { description: 'changed; log in again' }, ...errors(400, 401, 422, 429) },
    },
  },
  '/api/v1/auth/totp/setup': {
    post: {
      summary: 'Start TOTP enrolment (RFC 6238, SHA-1, 6 digits, 30 s); a full or an enrolment token',
      responses: {
        200: { description: 'the secret, as text, otpauth URL and QR code', ...json(obj({ secret: str, otpauthUrl: str, qrCodeSvg: str })) },
        ...errors(401, 409),
      },
    },
  },
  '/api/v1/auth/totp/enable': {
    post: {
      summary: 'Confirm enrolment with a current code; returns ten one-time recovery codes (shown once) and a full session',
      requestBody: json(obj({ code: { type: 'string', pattern: '^\\d{6}$' } }, ['code'])),
      responses: {
        200: { description: 'enabled', ...json(obj({ recoveryCodes: { type: 'array', items: str }, token: str, expiresAt: str })) },
        ...errors(401, 409, 422),
      },
    },
  },
  '/api/v1/users': {
    get: {
      summary: 'Users (admin)',
      parameters: [
        q('page', { type: 'integer', minimum: 1 }),
        q('limit', { type: 'integer', minimum: 1, maximum: 100 }),
        q('unitCode'),
        q('role', { type: 'string', enum: ROLES }),
        q('q'),
      ],
      responses: {
        200: {
          description: 'a page of users',
          ...json(obj({ items: { type: 'array', items: ref('User') }, total: { type: 'integer' }, page: { type: 'integer' }, limit: { type: 'integer' } })),
        },
        ...errors(401, 403, 422),
      },
    },
    post: {
      summary: 'Create a user (admin)',
      requestBody: json(ref('NewUser')),
      responses: { 201: { description: 'created', ...json(ref('User')) }, ...errors(400, 401, 403, 409, 422) },
    },
  },
  '/api/v1/users/{id}': {
    get: {
      summary: 'One user (admin, or yourself)',
      parameters: [idParam('id')],
      responses: { 200: { description: 'the user', ...json(ref('User')) }, ...errors(401, 403, 404) },
    },
    patch: {
      summary: 'Change a user (admin). Disabling or a new password ends their sessions at once.',
      parameters: [idParam('id')],
      requestBody: json(
        obj({
          name: str,
          email: { type: ['string', 'null'] },
          role: { type: 'string', enum: ROLES },
          roles: { type: 'array', items: { type: 'string', enum: ROLES } },
          unitCode: str,
          clearance: { type: 'string', enum: LEVELS },
          disabled: { type: 'boolean' },
          password: str,
          filingScope: ref('FilingScope'),
          mustChangePassword: {
            type: 'boolean',
            description: 'with password: it is temporary, to be changed at the next login (the web UI always sends true)',
          },
          ...profile,
        }),
      ),
      responses: { 200: { description: 'the user', ...json(ref('User')) }, ...errors(400, 401, 403, 404, 409, 422) },
    },
  },
  '/api/v1/users/{id}/totp/reset': {
    post: {
      summary:
        'Turn off a user’s second factor (lost phone) and end their sessions (admin); for an account cleared above the admin it waits for a second admin (202)',
      parameters: [idParam('id')],
      responses: {
        202: { description: 'waiting for a second admin', ...json(obj({ pendingRequest: ref('AccessRequest') })) },
        204: { description: 'reset' },
        ...errors(401, 403, 404),
      },
    },
  },
  '/api/v1/access-requests': {
    get: {
      summary:
        'Account changes waiting for (or decided by) a second admin: clearance above the requesting admin’s own, or credentials and access of an account cleared above it',
      parameters: [q('status', { type: 'string', enum: ['pending', 'approved', 'rejected'] }), q('page', { type: 'integer' }), q('limit', { type: 'integer' })],
      responses: {
        200: { description: 'requests, newest first', ...json(obj({ items: { type: 'array', items: ref('AccessRequest') }, total: { type: 'integer' } })) },
        ...errors(401, 403, 422),
      },
    },
  },
  '/api/v1/access-requests/{id}/approve': {
    post: {
      summary: 'Approve and apply (an admin cleared for its level, not the one who asked)',
      parameters: [idParam('id')],
      responses: { 200: { description: 'applied', ...json(ref('AccessRequest')) }, ...errors(401, 403, 404, 409, 422) },
    },
  },
  '/api/v1/access-requests/{id}/reject': {
    post: {
      summary: 'Reject (the same admins)',
      parameters: [idParam('id')],
      responses: { 200: { description: 'rejected', ...json(ref('AccessRequest')) }, ...errors(401, 403, 404, 409, 422) },
    },
  },
  '/api/v1/people': {
    get: {
      summary: 'The people directory (any logged-in user): id, name, unit and roles of each account, for routing letters and naming reviewers and signers',
      parameters: [
        q('page', { type: 'integer', minimum: 1 }),
        q('limit', { type: 'integer', minimum: 1, maximum: 100 }),
        q('unitCode'),
        q('role', { type: 'string', enum: ROLES }),
        q('q'),
      ],
      responses: {
        200: {
          description: 'a page of people',
          ...json(obj({ items: { type: 'array', items: ref('Person') }, total: { type: 'integer' }, page: { type: 'integer' }, limit: { type: 'integer' } })),
        },
        ...errors(401, 422),
      },
    },
  },
  '/api/v1/people/{id}': {
    get: {
      summary: 'One person of the directory',
      parameters: [idParam('id')],
      responses: { 200: { description: 'the person', ...json(ref('Person')) }, ...errors(401, 404, 422) },
    },
  },
  '/api/v1/units': {
    get: {
      summary: 'The unit tree as a list',
      responses: { 200: { description: 'units', ...json(obj({ items: { type: 'array', items: ref('Unit') } })) }, ...errors(401) },
    },
    post: {
      summary: 'Create a unit (admin)',
      requestBody: json(obj({ code: str, name: str, parentCode: str }, ['code', 'name'])),
      responses: { 201: { description: 'created', ...json(ref('Unit')) }, ...errors(400, 401, 403, 409, 422) },
    },
  },
  '/api/v1/units/{code}': {
    patch: {
      summary: 'Rename or move a unit (admin); no cycles',
      parameters: [idParam('code')],
      requestBody: json(obj({ name: str, parentCode: { type: ['string', 'null'] } })),
      responses: { 200: { description: 'the unit', ...json(ref('Unit')) }, ...errors(400, 401, 403, 404, 422) },
    },
  },
};

export const accountSchemas = {
  AccessRequest: {
    type: 'object',
    properties: {
      id: str,
      userId: str,
      changes: { type: 'object', description: 'what would change; a new password shows as "new"' },
      level: { type: 'string', enum: LEVELS },
      status: { type: 'string', enum: ['pending', 'approved', 'rejected'] },
      requestedBy: str,
      requestedAt: str,
      decidedBy: { type: ['string', 'null'] },
      decidedAt: { type: ['string', 'null'] },
    },
  },
  Person: obj({
    id: str,
    name: str,
    unitCode: str,
    roles: { type: 'array', items: { type: 'string', enum: ROLES } },
    disabled: { type: 'boolean' },
    ...profile,
    receivesDispositions: { type: 'boolean', description: 'false for an account that only administers' },
  }),
  User: obj({
    id: str,
    username: str,
    name: str,
    email: { type: ['string', 'null'] },
    role: str,
    roles: { type: 'array', items: { type: 'string', enum: ROLES } },
    unitCode: str,
    clearance: { type: 'string', enum: LEVELS },
    filingScope: ref('FilingScope'),
    disabled: { type: 'boolean' },
    totpEnabled: { type: 'boolean' },
    totpRequired: { type: 'boolean' },
    ...profile,
    mustChangePassword: { type: 'boolean' },
    certificateRequestedAt: { type: ['string', 'null'], description: 'an admin asked for a signing certificate: the official makes it by choosing a PIN' },
    createdAt: str,
  }),
  NewUser: obj(
    {
      username: str,
      password: { type: 'string', minLength: 8, maxLength: 256 },
      name: str,
      email: str,
      role: { type: 'string', enum: ROLES },
      roles: { type: 'array', items: { type: 'string', enum: ROLES } },
      unitCode: str,
      clearance: { type: 'string', enum: LEVELS },
      filingScope: ref('FilingScope'),
      ...profile,
      mustChangePassword: { type: 'boolean', description: 'the password is temporary: the first login may only change it (default false, for older clients)' },
    },
    ['username', 'password', 'name', 'unitCode'],
  ),
  FilingScope: obj(
    {
      kind: { type: 'string', enum: [...FILING_SCOPE_KINDS], description: 'own unit (default), the whole office, or the named units (and own unit)' },
      unitCodes: { type: 'array', items: str, description: 'for kind units' },
    },
    ['kind'],
  ),
  Unit: obj({ code: str, name: str, parentCode: { type: ['string', 'null'] } }),
};
