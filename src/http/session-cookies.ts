import type { Request, Response } from 'express';
import { CSRF_COOKIE, SESSION_COOKIE } from '../domain/session-cookies.ts';

export { CSRF_COOKIE, SESSION_COOKIE };

/** One cookie's value from the Cookie header (no parser dependency for two cookies). */
export const readCookie = (req: Request, name: string): string | null => {
  for (const part of (req.get('cookie') ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return null; // a mangled cookie is no session, not a 500
      }
    }
  }
  return null;
};

/**
 * The web UI's session: the token in an HttpOnly cookie scripts cannot read, the anti-forgery
 * token in a readable one the UI echoes as X-CSRF-Token. Both Secure, SameSite=Strict, Path=/
 * and without a Domain, as their `__Host-` names demand (a browser drops them otherwise).
 * Browsers keep Secure cookies on http://localhost; any other host needs HTTPS.
 */
export const setSessionCookies = (res: Response, token: string, csrf: string, expiresAt: Date): void => {
  const common = { secure: true, sameSite: 'strict' as const, path: '/', expires: expiresAt };
  res.cookie(SESSION_COOKIE, token, { ...common, httpOnly: true });
  res.cookie(CSRF_COOKIE, csrf, { ...common, httpOnly: false });
};

export const clearSessionCookies = (res: Response): void => {
  for (const name of [SESSION_COOKIE, CSRF_COOKIE]) res.clearCookie(name, { secure: true, sameSite: 'strict', path: '/' });
};
