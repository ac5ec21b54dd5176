import express, { Router } from 'express';
import type { AppDeps } from '../../app/deps.ts';
import { getLetterhead, getLogo, setLogo, updateLetterhead } from '../../app/letterhead/letterhead.ts';
import { AppError } from '../../domain/errors.ts';
import { LOGO_MAX_BYTES } from '../../domain/letterhead.ts';
import { hasRole } from '../../domain/roles.ts';
import { reply, routePath } from '../openapi/operation.ts';
import { letterheadLines, letterheadOps as ops } from '../schemas/letterhead.schemas.ts';
import { parse } from '../validate.ts';

/** The office's letterhead (kop surat): everyone reads it; admins set its lines and its logo. */
export const letterheadRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.get(routePath(ops.get), async (_req, res) => {
    res.json(reply(ops.get, 200, await getLetterhead(deps)));
  });
  r.put(routePath(ops.set), async (req, res) => {
    res.json(reply(ops.set, 200, await updateLetterhead(deps, req.actor!, parse(letterheadLines, req.body ?? {}))));
  });
  r.get(routePath(ops.logo), async (_req, res) => {
    const logo = await getLogo(deps);
    res.type(logo.type).set('cache-control', 'no-cache').send(Buffer.from(logo.bytes));
  });
  r.put(
    routePath(ops.setLogo),
    // Refused before a byte of the image is read.
    (req, _res, next) => next(hasRole(req.actor!, 'admin') ? undefined : new AppError('forbidden', 'only admins set the letterhead')),
    express.raw({ type: ['image/png', 'image/jpeg'], limit: LOGO_MAX_BYTES }),
    async (req, res) => {
      if (!Buffer.isBuffer(req.body)) throw new AppError('unsupported_type', 'send the logo as the body, typed image/png or image/jpeg');
      res.json(reply(ops.setLogo, 200, await setLogo(deps, req.actor!, new Uint8Array(req.body))));
    },
  );
  r.delete(routePath(ops.removeLogo), async (req, res) => {
    res.json(reply(ops.removeLogo, 200, await setLogo(deps, req.actor!, null)));
  });
  return r;
};
