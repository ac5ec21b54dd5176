import { Router } from 'express';
import { z } from 'zod';
import { login } from '../../app/accounts/login.ts';
import { createUnit, createUser } from '../../app/accounts/manage-accounts.ts';
import { logout } from '../../app/accounts/sessions.ts';
import type { AppDeps } from '../../app/deps.ts';
import { ROLES } from '../../domain/roles.ts';
import { SECURITY_LEVELS } from '../../domain/security-level.ts';
import { requireAuth } from '../middleware/authenticate.ts';
import { code, parse } from '../validate.ts';

const credentials = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256), totp: z.string().max(16).optional() });

const newUser = z.object({
  username: z.string().trim().regex(/^[a-z0-9._-]{3,64}$/i, '3–64 letters, digits or . _ -'),
  password: z.string().min(8, 'at least 8 characters').max(256),
  name: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  unitCode: code,
  clearance: z.enum(SECURITY_LEVELS).default('biasa'),
});

const newUnit = z.object({ code, name: z.string().trim().min(1).max(200), parentCode: code.optional() });

/** Login is public; logout and account administration need a token. */
export const accountsRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.post('/auth/login', async (req, res) => {
    const { username, password } = parse(credentials, req.body);
    res.json(await login(deps, { username, password }, req.ip));
  });
  r.post('/auth/logout', requireAuth(deps), async (req, res) => {
    await logout(deps, req.actor!, req.token!);
    res.status(204).end();
  });
  r.post('/users', requireAuth(deps), async (req, res) => {
    res.status(201).json(await createUser(deps, req.actor!, parse(newUser, req.body)));
  });
  r.post('/units', requireAuth(deps), async (req, res) => {
    res.status(201).json(await createUnit(deps, req.actor!, parse(newUnit, req.body)));
  });
  return r;
};
