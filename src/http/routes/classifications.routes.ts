import express, { Router } from 'express';
import { z } from 'zod';
import { createClassification, getClassification, listClassifications, updateClassification } from '../../app/classifications/manage-classifications.ts';
import type { AppDeps } from '../../app/deps.ts';
import { importScheme } from '../../app/classifications/import-scheme.ts';
import { readSchemeCsv, readSchemeJson } from '../../app/classifications/scheme-file.ts';
import { AppError } from '../../domain/errors.ts';
import { FINAL_DISPOSITIONS, isClassificationCode } from '../../domain/classification.ts';
import { code, one, paging, parse, plain } from '../validate.ts';

// Dots only between parts (800.1.2): the parent of a code is what stands before its last dot.
const classCode = code.refine(isClassificationCode, { message: 'parts separated by single dots, such as 800.1.2', params: { code: 'scheme_code' } });
const name = plain(z.string().trim().min(1).max(200));
const description = plain(z.string().trim().max(2000), { lines: true }).nullable();
const years = z.number().int('whole years').min(0).max(100).nullable();
const fields = {
  name,
  description: description.optional(),
  activeYears: years.optional(),
  inactiveYears: years.optional(),
  finalDisposition: z.enum(FINAL_DISPOSITIONS).nullable().optional(),
};

const newCode = z
  .object({ code: classCode, ...fields })
  .strict()
  .transform((c) => ({
    ...c,
    description: c.description ?? null,
    activeYears: c.activeYears ?? null,
    inactiveYears: c.inactiveYears ?? null,
    finalDisposition: c.finalDisposition ?? null,
  }));
const changes = z.object({ ...fields, name: name.optional(), active: z.boolean().optional() }).strict();
// A whole scheme fits in one page for pickers (hundreds of codes), so the limit goes higher than elsewhere.
const listQuery = z.object({
  page: paging.page,
  limit: one(z.coerce.number().int().min(1).max(1000)).default(100),
  q: one(plain(z.string().trim().max(64))).optional(),
  all: one(z.enum(['true', 'false'])).optional(),
});

const IMPORT_LIMIT = '4mb';

/**
 * `POST /classifications/import` (mounted there, before the API's JSON parser): a whole scheme
 * as CSV (text/csv) or a JSON array, larger than other bodies may be, so it has its own parsers.
 */
export const schemeImportRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.post(
    '/',
    express.text({ type: ['text/csv', 'text/plain'], limit: IMPORT_LIMIT }),
    express.json({ limit: IMPORT_LIMIT, strict: false }),
    async (req, res) => {
      if (req.is('application/json')) return res.json(await importScheme(deps, req.actor!, readSchemeJson(req.body)));
      if (typeof req.body !== 'string') throw new AppError('unsupported_type', 'send the scheme as text/csv, or as a JSON array (application/json)');
      res.json(await importScheme(deps, req.actor!, readSchemeCsv(req.body)));
    },
  );
  return r;
};

/** The classification scheme: everyone reads it (forms offer its codes), admins and archivists change it. */
export const classificationsRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.get('/classifications', async (req, res) => {
    const { page, limit, q, all } = parse(listQuery, req.query);
    res.json(await listClassifications(deps, { q, all: all === 'true' }, page, limit));
  });
  r.get('/classifications/:code', async (req, res) => {
    res.json(await getClassification(deps, parse(code, req.params.code)));
  });
  r.post('/classifications', async (req, res) => {
    res.status(201).json(await createClassification(deps, req.actor!, parse(newCode, req.body)));
  });
  r.patch('/classifications/:code', async (req, res) => {
    res.json(await updateClassification(deps, req.actor!, parse(code, req.params.code), parse(changes, req.body)));
  });
  return r;
};
