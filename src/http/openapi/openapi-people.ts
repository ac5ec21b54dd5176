import { errors, idParam, json, ref } from './openapi-parts.ts';

const obj = (properties: Record<string, object>, required: string[] = []) => ({ type: 'object', ...(required.length ? { required } : {}), properties });
const str = { type: 'string' };

/** Issue 18: forgotten passwords, and officials' certificates made with a PIN they choose themselves. */
export const peoplePaths = {
  '/api/v1/auth/password-reset': {
    get: {
      summary: 'Whether a forgotten password can be reset by email here (else an admin sets a temporary one)',
      security: [],
      responses: { 200: { description: 'the options', ...json(obj({ email: { type: 'boolean' } })) } },
    },
    post: {
      summary:
        'Ask for a reset link by email: a one-use token, valid an hour, kept only hashed. The same 202 whether or not the account exists; 409 password-reset-by-admin when this office sends no email; 429 past the per-address budget.',
      security: [],
      requestBody: json(obj({ username: str }, ['username'])),
      responses: { 202: { description: 'accepted', ...json(obj({ accepted: { type: 'boolean' } })) }, ...errors(400, 409, 422, 429) },
    },
  },
  '/api/v1/auth/password-reset/confirm': {
    post: {
      summary: 'Set a new password with the token from the link: every session ends. 422 password-reset-invalid for an unknown, used or expired token.',
      security: [],
      requestBody: json(obj({ token: str, newPassword: str }, ['token', 'newPassword'])),
      responses: { 204: { description: 'changed; log in' }, ...errors(400, 422, 429) },
    },
  },
  '/api/v1/users/{id}/certificate-request': {
    post: {
      summary:
        'Ask for an official’s signing certificate (admin). The official then makes it by choosing their PIN (POST /auth/certificate); the admin never knows it. Audited as admin.certificate_request.',
      parameters: [idParam('id')],
      responses: { 201: { description: 'requested', ...json(obj({ userId: str, requestedAt: str })) }, ...errors(401, 403, 404, 422) },
    },
  },
  '/api/v1/auth/certificate': {
    post: {
      summary:
        'The official answers an admin’s request: the office CA issues their certificate (name, jabatan and NIP of their profile) and the fresh key is locked under the PIN chosen here. Needs the second factor on. 409 certificate-not-requested without a request.',
      requestBody: json(obj({ pin: { type: 'string', minLength: 6, maxLength: 64 } }, ['pin'])),
      responses: { 201: { description: 'the certificate', ...json(ref('SigningCertificate')) }, ...errors(401, 403, 409, 422) },
    },
  },
  '/api/v1/auth/certificate/pin': {
    post: {
      summary: 'Change the PIN of your signing key: the current PIN must open it (wrong: 403 wrong-pin, counted with signing’s back-off, 429 when locked).',
      requestBody: json(obj({ currentPin: str, newPin: { type: 'string', minLength: 6, maxLength: 64 } }, ['currentPin', 'newPin'])),
      responses: { 204: { description: 'changed' }, ...errors(401, 403, 404, 409, 422, 429) },
    },
  },
};
