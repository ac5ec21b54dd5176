import { Router } from 'express';
import { changePassword } from '../../app/accounts/change-password.ts';
import { login } from '../../app/accounts/login.ts';
import { passwordResetOptions, requestPasswordReset, resetPassword } from '../../app/accounts/password-reset.ts';
import { getUser } from '../../app/accounts/manage-users.ts';
import { csrfTokenFor, logout } from '../../app/accounts/sessions.ts';
import { enableTotp, setupTotp } from '../../app/accounts/two-factor.ts';
import type { AppDeps } from '../../app/deps.ts';
import { requireAuth } from '../middleware/authenticate.ts';
import { reply, routePath } from '../openapi/operation.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { authOps as ops, credentials, passwordChange, resetConfirm, resetRequest, totpCode } from '../schemas/auth.schemas.ts';
import { clearSessionCookies, setSessionCookies } from '../session-cookies.ts';
import { parse } from '../validate.ts';

// Each address may ask for a few links (and try a few) per quarter hour; counted in the database.
const resetBudget = { windowMs: 15 * 60_000, max: 10, what: 'password resets' };

/**
 * Login and the forgotten-password routes are public; the rest needs a session (enrolment
 * sessions reach only the TOTP routes, those of a temporary password only the password change).
 */
export const authRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.post(routePath(ops.login), async (req, res) => {
    const { cookie, ...input } = parse(credentials, req.body);
    const out = await login(deps, input, req.ip);
    if (!cookie) {
      res.json(reply(ops.login, 200, out));
      return;
    }
    const csrfToken = csrfTokenFor(out.token);
    setSessionCookies(res, out.token, csrfToken, new Date(out.expiresAt));
    res.json(reply(ops.login, 200, { user: out.user, expiresAt: out.expiresAt, csrfToken }));
  });
  r.get(routePath(ops.resetOptions), (_req, res) => {
    res.json(reply(ops.resetOptions, 200, passwordResetOptions(deps)));
  });
  r.post(routePath(ops.resetRequest), rateLimit(deps, resetBudget), async (req, res) => {
    await requestPasswordReset(deps, parse(resetRequest, req.body).username, req.ip);
    // The same answer whether or not the account exists or has an address.
    res.status(202).json(reply(ops.resetRequest, 202, { accepted: true }));
  });
  r.post(routePath(ops.resetConfirm), rateLimit(deps, resetBudget), async (req, res) => {
    await resetPassword(deps, parse(resetConfirm, req.body), req.ip);
    res.status(204).end();
  });
  r.post(routePath(ops.logout), requireAuth(deps, { enrolment: true, passwordChange: true }), async (req, res) => {
    await logout(deps, req.actor!, req.token!);
    clearSessionCookies(res);
    res.status(204).end();
  });
  r.get(routePath(ops.me), requireAuth(deps), async (req, res) => {
    res.json(reply(ops.me, 200, await getUser(deps, req.actor!, req.actor!.id)));
  });
  r.post(routePath(ops.password), requireAuth(deps, { passwordChange: true }), async (req, res) => {
    await changePassword(deps, req.actor!, parse(passwordChange, req.body), req.ip);
    clearSessionCookies(res);
    res.status(204).end();
  });
  r.post(routePath(ops.totpSetup), requireAuth(deps, { enrolment: true }), async (req, res) => {
    res.json(reply(ops.totpSetup, 200, await setupTotp(deps, req.actor!)));
  });
  r.post(routePath(ops.totpEnable), requireAuth(deps, { enrolment: true }), async (req, res) => {
    res.json(reply(ops.totpEnable, 200, await enableTotp(deps, req.actor!, parse(totpCode, req.body).code, req.token!)));
  });
  return r;
};
