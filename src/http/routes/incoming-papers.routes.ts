import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app/deps.ts';
import { dispositionSheet } from '../../app/incoming/disposition-sheet.ts';
import { incomingRegister } from '../../app/incoming/incoming-register.ts';
import { registerCsv, registerPdf } from '../../app/incoming/register-paper.ts';
import { contentDisposition } from '../content-disposition.ts';
import { code, isoDate, one, parse } from '../validate.ts';

const blank = <T extends z.ZodType>(t: T) => one(z.preprocess((v) => (v === '' ? undefined : v), t.optional()));

/** The register's period (received dates, both inclusive) and unit. */
const registerQuery = z
  .object({ from: blank(isoDate), to: blank(isoDate), unitCode: blank(code) })
  .refine((p) => !p.from || !p.to || p.from <= p.to, { message: 'from must not be after to', path: ['to'], params: { code: 'before_start' } });

const id = z.string().uuid('not a letter id');

/**
 * The papers of the incoming register (issue 18): the Buku Agenda as JSON for the printable table,
 * as CSV and as PDF, and one letter's disposition sheet. Mounted before the register's own
 * routes so that `register.csv` is not taken for a letter id.
 */
export const incomingPapersRoutes = (deps: AppDeps): Router => {
  const r = Router();
  const send = (res: import('express').Response, type: string, name: string, body: string | Uint8Array) => {
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Disposition', contentDisposition(name));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    res.send(typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  };

  r.get('/letters/incoming/register', async (req, res) => {
    const { heading, entries } = await incomingRegister(deps, req.actor!, parse(registerQuery, req.query));
    res.json({ heading, items: entries, total: entries.length });
  });
  r.get('/letters/incoming/register.csv', async (req, res) => {
    const out = await registerCsv(deps, req.actor!, parse(registerQuery, req.query));
    send(res, 'text/csv; charset=utf-8', out.fileName, out.body);
  });
  r.get('/letters/incoming/register.pdf', async (req, res) => {
    const out = await registerPdf(deps, req.actor!, parse(registerQuery, req.query));
    send(res, 'application/pdf', out.fileName, out.body);
  });
  r.get('/letters/incoming/:id/disposition-sheet.pdf', async (req, res) => {
    const out = await dispositionSheet(deps, req.actor!, parse(id, req.params.id));
    send(res, 'application/pdf', out.fileName, out.body);
  });
  return r;
};
