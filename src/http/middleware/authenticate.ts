import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { authenticate, csrfTokenFor } from '../../app/accounts/sessions.ts';
import type { AppDeps } from '../../app/deps.ts';
import { AppError } from '../../domain/errors.ts';
import { SESSION_COOKIE, readCookie } from '../session-cookies.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The token and how it came: a bearer header (API clients) or the session cookie (the web UI). */
const credentialOf = (req: Request): { token: string; via: 'bearer' | 'cookie' } | null => {
  const header = req.get('authorization');
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    return m ? { token: m[1]!, via: 'bearer' } : { token: '', via: 'bearer' };
  }
  const cookie = readCookie(req, SESSION_COOKIE);
  return cookie ? { token: cookie, via: 'cookie' } : null;
};

/**
 * Requires a live session and puts the actor on the request. A cookie session must also send
 * the anti-forgery header on anything that changes state (a form on another site can make the
 * browser send the cookie, but cannot read it to compute the header). Enrolment sessions, which
 * a user who still lacks a required second factor gets, are accepted only where `enrolment` says;
 * sessions of a login with an admin's temporary password only where `passwordChange` says.
 */
export const requireAuth =
  (deps: AppDeps, o: { enrolment?: boolean; passwordChange?: boolean } = {}): RequestHandler =>
  async (req, _res, next) => {
    const cred = credentialOf(req);
    if (!cred) throw new AppError('unauthenticated', 'send Authorization: Bearer <token>');
    const session = await authenticate(deps, cred.token);
    if (!session) throw new AppError('unauthenticated', 'the token is invalid, expired or revoked');
    if (session.purpose === 'totp_enrolment' && !o.enrolment) {
      throw new AppError('forbidden', 'this token may only turn on two-factor login', { problemType: 'totp-enrolment-required' });
    }
    if (session.purpose === 'password_change' && !o.passwordChange) {
      throw new AppError('forbidden', 'this token may only change the password an admin set (POST /api/v1/auth/password)', {
        problemType: 'password-change-required',
      });
    }
    if (cred.via === 'cookie' && !SAFE_METHODS.has(req.method) && !sameText(req.get('x-csrf-token') ?? '', csrfTokenFor(cred.token))) {
      throw new AppError('forbidden', 'missing or wrong X-CSRF-Token header for a cookie session');
    }
    req.actor = session.actor;
    req.token = cred.token;
    next();
  };
