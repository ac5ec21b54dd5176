import express, { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app/deps.ts';
import { getLetterhead, getLogo, setLogo, updateLetterhead } from '../../app/letterhead/letterhead.ts';
import { AppError } from '../../domain/errors.ts';
import { LOGO_MAX_BYTES } from '../../domain/letterhead.ts';
import { hasRole } from '../../domain/roles.ts';
import { parse, plain } from '../validate.ts';

const line = (max: number) => plain(z.string().trim().max(max)).transform((s) => s || null);
/** Every line is sent: an empty or null one is not printed. */
const text = z
  .object({
    governmentLine: line(200).nullable(),
    officeName: line(200).nullable(),
    address: line(300).nullable(),
    telephone: line(100).nullable(),
    email: z
      .string()
      .trim()
      .max(320)
      .transform((s) => s || null)
      .pipe(z.string().email('an e-mail address').nullable())
      .nullable(),
    website: line(200).nullable(),
  })
  .strict();

/** The office's letterhead (kop surat): everyone reads it; admins set its lines and its logo. */
export const letterheadRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.get('/letterhead', async (_req, res) => {
    res.json(await getLetterhead(deps));
  });
  r.put('/letterhead', async (req, res) => {
    res.json(await updateLetterhead(deps, req.actor!, parse(text, req.body ?? {})));
  });
  r.get('/letterhead/logo', async (_req, res) => {
    const logo = await getLogo(deps);
    res.type(logo.type).set('cache-control', 'no-cache').send(Buffer.from(logo.bytes));
  });
  r.put(
    '/letterhead/logo',
    // Refused before a byte of the image is read.
    (req, _res, next) => next(hasRole(req.actor!, 'admin') ? undefined : new AppError('forbidden', 'only admins set the letterhead')),
    express.raw({ type: ['image/png', 'image/jpeg'], limit: LOGO_MAX_BYTES }),
    async (req, res) => {
      if (!Buffer.isBuffer(req.body)) throw new AppError('unsupported_type', 'send the logo as the body, typed image/png or image/jpeg');
      res.json(await setLogo(deps, req.actor!, new Uint8Array(req.body)));
    },
  );
  r.delete('/letterhead/logo', async (req, res) => {
    res.json(await setLogo(deps, req.actor!, null));
  });
  return r;
};
