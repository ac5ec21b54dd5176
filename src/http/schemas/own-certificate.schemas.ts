/**
 * An official's own signing certificate (issue 18): the admin asks, the official makes it with a
 * PIN they choose, and may change that PIN. Requests and responses, declared once (see
 * documents.schemas.ts); the rest of signing is in signing.schemas.ts.
 */
import { z } from 'zod';
import { PIN_MAX, PIN_MIN } from '../../app/signing/certificate-holder.ts';
import { operation } from '../openapi/operation.ts';
import { timestamp, userId } from './common.schemas.ts';
import { certificateSchema, pin } from './signing.schemas.ts';

// The PIN policy (length, weak PINs) is the use case's; here only a sane size. The document
// states the policy's bounds.
const newPin = pin.meta({ minLength: PIN_MIN, maxLength: PIN_MAX });
export const ownBody = z.object({ pin: newPin }).strict();
export const pinChangeBody = z.object({ currentPin: z.string().min(1, 'the PIN is required').max(1024), newPin }).strict();

export const ownCertificateOps = {
  request: operation({
    method: 'post',
    path: '/api/v1/users/:id/certificate-request',
    summary:
      'Ask for an official’s signing certificate (admin). The official then makes it by choosing their PIN (POST /auth/certificate); the admin never knows it. Audited as admin.certificate_request.',
    params: z.object({ id: userId }),
    responses: { 201: { description: 'requested', schema: z.object({ userId: z.string(), requestedAt: timestamp }) } },
    errors: [401, 403, 404, 422],
  }),
  create: operation({
    method: 'post',
    path: '/api/v1/auth/certificate',
    summary:
      'The official answers an admin’s request: the office CA issues their certificate (name, jabatan and NIP of their profile) and the fresh key is locked under the PIN chosen here. Needs the second factor on. 409 certificate-not-requested without a request.',
    body: { 'application/json': ownBody },
    responses: { 201: { description: 'the certificate', schema: certificateSchema } },
    errors: [401, 403, 409, 422],
  }),
  changePin: operation({
    method: 'post',
    path: '/api/v1/auth/certificate/pin',
    summary: 'Change the PIN of your signing key: the current PIN must open it (wrong: 403 wrong-pin, counted with signing’s back-off, 429 when locked).',
    body: { 'application/json': pinChangeBody },
    responses: { 204: { description: 'changed' } },
    errors: [401, 403, 404, 409, 422, 429],
  }),
};
