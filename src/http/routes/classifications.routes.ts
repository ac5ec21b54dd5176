import express, { Router } from 'express';
import { createClassification, getClassification, listClassifications, updateClassification } from '../../app/classifications/manage-classifications.ts';
import type { AppDeps } from '../../app/deps.ts';
import { importScheme } from '../../app/classifications/import-scheme.ts';
import { readSchemeCsv, readSchemeJson } from '../../app/classifications/scheme-file.ts';
import { AppError } from '../../domain/errors.ts';
import { reply, routePath } from '../openapi/operation.ts';
import { classificationsQuery, classificationOps as ops, codeChanges, newCode } from '../schemas/classifications.schemas.ts';
import { code, parse } from '../validate.ts';

const IMPORT_LIMIT = '4mb';

/**
 * `POST /classifications/import` (mounted at that path, before the API's JSON parser): a whole
 * scheme as CSV (text/csv) or a JSON array, larger than other bodies may be, so it has its own
 * parsers. The file is read line by line (scheme-file.ts), not by the declared body schema, so
 * every bad line is reported at once.
 */
export const schemeImportRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.post(
    '/',
    express.text({ type: ['text/csv', 'text/plain'], limit: IMPORT_LIMIT }),
    express.json({ limit: IMPORT_LIMIT, strict: false }),
    async (req, res) => {
      if (req.is('application/json')) return res.json(reply(ops.import, 200, await importScheme(deps, req.actor!, readSchemeJson(req.body))));
      if (typeof req.body !== 'string') throw new AppError('unsupported_type', 'send the scheme as text/csv, or as a JSON array (application/json)');
      res.json(reply(ops.import, 200, await importScheme(deps, req.actor!, readSchemeCsv(req.body))));
    },
  );
  return r;
};

/** The classification scheme: everyone reads it (forms offer its codes), admins and archivists change it. */
export const classificationsRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.get(routePath(ops.list), async (req, res) => {
    const { page, limit, q, all } = parse(classificationsQuery, req.query);
    res.json(reply(ops.list, 200, await listClassifications(deps, { q, all: all === 'true' }, page, limit)));
  });
  r.get(routePath(ops.get), async (req, res) => {
    res.json(reply(ops.get, 200, await getClassification(deps, parse(code, req.params.code))));
  });
  r.post(routePath(ops.create), async (req, res) => {
    res.status(201).json(reply(ops.create, 201, await createClassification(deps, req.actor!, parse(newCode, req.body))));
  });
  r.patch(routePath(ops.edit), async (req, res) => {
    res.json(reply(ops.edit, 200, await updateClassification(deps, req.actor!, parse(code, req.params.code), parse(codeChanges, req.body))));
  });
  return r;
};
