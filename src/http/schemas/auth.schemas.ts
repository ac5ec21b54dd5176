/**
 * Logging in and out, the second factor and one's own password (auth.routes.ts): requests and
 * responses, declared once (see documents.schemas.ts).
 */
import { z } from 'zod';
import { PASSWORD_MAX } from '../../domain/password-policy.ts';
import { operation } from '../openapi/operation.ts';
import { password, userSchema } from './accounts.schemas.ts';
import { timestamp } from './common.schemas.ts';

export const credentials = z.object({
  username: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[^\p{Cc}]*$/u, 'no control characters'),
  password: z
    .string()
    .min(1)
    .max(PASSWORD_MAX * 4),
  totp: z.string().max(32).optional().meta({ description: 'a code of the authenticator app, or a recovery code' }),
  /** The web UI asks for a cookie session; the token then never reaches page scripts. */
  cookie: z.boolean().optional().meta({ description: 'web UI: set HttpOnly session and CSRF cookies instead of returning the token' }),
});
export const passwordChange = z.object({
  currentPassword: z
    .string()
    .min(1)
    .max(PASSWORD_MAX * 4),
  newPassword: password,
});

export const resetRequest = z.object({ username: credentials.shape.username }).strict();
export const resetConfirm = z.object({ token: z.string().min(20).max(100), newPassword: passwordChange.shape.newPassword }).strict();

export const totpCode = z.object({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'six digits'),
});

const session = { token: z.string(), expiresAt: timestamp };

export const authOps = {
  resetOptions: operation({
    method: 'get',
    path: '/api/v1/auth/password-reset',
    summary: 'Whether a forgotten password can be reset by email here (else an admin sets a temporary one)',
    public: true,
    responses: { 200: { description: 'the options', schema: z.object({ email: z.boolean() }) } },
  }),
  resetRequest: operation({
    method: 'post',
    path: '/api/v1/auth/password-reset',
    summary:
      'Ask for a reset link by email: a one-use token, valid an hour, kept only hashed. The same 202 whether or not the account exists; 409 password-reset-by-admin when this office sends no email; 429 past the per-address budget.',
    public: true,
    body: { 'application/json': resetRequest },
    responses: { 202: { description: 'accepted', schema: z.object({ accepted: z.boolean() }) } },
    errors: [400, 409, 422, 429],
  }),
  resetConfirm: operation({
    method: 'post',
    path: '/api/v1/auth/password-reset/confirm',
    summary: 'Set a new password with the token from the link: every session ends. 422 password-reset-invalid for an unknown, used or expired token.',
    public: true,
    body: { 'application/json': resetConfirm },
    responses: { 204: { description: 'changed; log in' } },
    errors: [400, 422, 429],
  }),
  login: operation({
    method: 'post',
    path: '/api/v1/auth/login',
    summary:
      'Log in. Users who must have a second factor send `totp` (a code or a recovery code); without one enrolled yet they get 403 totp-enrolment-required with an enrolment `token`. A password an admin set as temporary answers 403 password-change-required with a `token` that may only call POST /auth/password (and logout). Repeated failures answer 429 with Retry-After.',
    public: true,
    body: { 'application/json': credentials },
    responses: {
      200: {
        description: 'a bearer token (or, with cookie, the cookies and csrfToken)',
        schema: z
          .object({
            token: session.token.optional().meta({ description: 'without cookie' }),
            expiresAt: session.expiresAt,
            csrfToken: z.string().optional().meta({ description: 'with cookie: send it as X-CSRF-Token on changes' }),
            user: userSchema,
          })
          .meta({ id: 'LoginOk' }),
      },
    },
    errors: [400, 401, 403, 422, 429],
  }),
  logout: operation({
    method: 'post',
    path: '/api/v1/auth/logout',
    summary: 'End the session',
    responses: { 204: { description: 'the token stops working' } },
    errors: [401, 403],
  }),
  me: operation({
    method: 'get',
    path: '/api/v1/auth/me',
    summary: 'The logged-in user',
    responses: { 200: { description: 'the user', schema: userSchema } },
    errors: [401, 403],
  }),
  password: operation({
    method: 'post',
    path: '/api/v1/auth/password',
    summary: 'Change your password (ends every session, this one too)',
    body: { 'application/json': passwordChange },
    responses: { 204: { description: 'changed; log in again' } },
    errors: [400, 401, 422, 429],
  }),
  totpSetup: operation({
    method: 'post',
    path: '/api/v1/auth/totp/setup',
    summary: 'Start TOTP enrolment (RFC 6238, SHA-1, 6 digits, 30 s); a full or an enrolment token',
    responses: {
      200: {
        description: 'the secret, as text, otpauth URL and QR code',
        schema: z.object({ secret: z.string(), otpauthUrl: z.string(), qrCodeSvg: z.string() }).meta({ id: 'TotpSetup' }),
      },
    },
    errors: [401, 409],
  }),
  totpEnable: operation({
    method: 'post',
    path: '/api/v1/auth/totp/enable',
    summary: 'Confirm enrolment with a current code; returns ten one-time recovery codes (shown once) and a full session',
    body: { 'application/json': totpCode },
    responses: { 200: { description: 'enabled', schema: z.object({ recoveryCodes: z.array(z.string()), ...session }).meta({ id: 'TotpEnabled' }) } },
    errors: [401, 409, 422],
  }),
};
