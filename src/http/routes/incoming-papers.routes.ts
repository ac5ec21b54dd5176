import { Router } from 'express';
import type { AppDeps } from '../../app/deps.ts';
import { dispositionSheet } from '../../app/incoming/disposition-sheet.ts';
import { incomingRegister } from '../../app/incoming/incoming-register.ts';
import { registerCsv, registerPdf } from '../../app/incoming/register-paper.ts';
import { contentDisposition } from '../content-disposition.ts';
import { reply, routePath } from '../openapi/operation.ts';
import { letterId as id } from '../schemas/incoming.schemas.ts';
import { incomingPaperOps as ops, registerQuery } from '../schemas/incoming-papers.schemas.ts';
import { parse } from '../validate.ts';

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

  r.get(routePath(ops.register), async (req, res) => {
    const { heading, entries } = await incomingRegister(deps, req.actor!, parse(registerQuery, req.query));
    res.json(reply(ops.register, 200, { heading, items: entries, total: entries.length }));
  });
  r.get(routePath(ops.csv), async (req, res) => {
    const out = await registerCsv(deps, req.actor!, parse(registerQuery, req.query));
    send(res, 'text/csv; charset=utf-8', out.fileName, out.body);
  });
  r.get(routePath(ops.pdf), async (req, res) => {
    const out = await registerPdf(deps, req.actor!, parse(registerQuery, req.query));
    send(res, 'application/pdf', out.fileName, out.body);
  });
  r.get(routePath(ops.sheet), async (req, res) => {
    const out = await dispositionSheet(deps, req.actor!, parse(id, req.params.id));
    send(res, 'application/pdf', out.fileName, out.body);
  });
  return r;
};
