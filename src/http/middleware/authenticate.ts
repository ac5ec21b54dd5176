import type { RequestHandler } from 'express';
import { authenticate } from '../../app/accounts/sessions.ts';
import type { AppDeps } from '../../app/deps.ts';
import { AppError } from '../../domain/errors.ts';

/** Requires a valid bearer token and puts the actor on the request. */
export const requireAuth = (deps: AppDeps): RequestHandler => async (req, _res, next) => {
  const m = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
  const actor = m ? await authenticate(deps, m[1]!) : null;
  if (!actor) throw new AppError('unauthenticated', m ? 'the token is invalid, expired or revoked' : 'send Authorization: Bearer <token>');
  req.actor = actor;
  req.token = m![1]!;
  next();
};
