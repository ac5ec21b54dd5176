import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app/deps.ts';
import { createLetterType, getLetterType, listLetterTypes, updateLetterType } from '../../app/letter-types/manage-letter-types.ts';
import { code, parse, plain } from '../validate.ts';

/** A type's code: lower-case words joined by hyphens (surat-dinas), as it appears in URLs and forms. */
const typeCode = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case letters and digits joined by hyphens')
  .max(40);
const text = (max: number) => plain(z.string().trim().min(1).max(max));
const format = plain(z.string().trim().min(1).max(200));
const template = z
  .object({
    heading: text(100).nullable().default(null),
    fields: z
      .array(
        z
          .object({
            name: z.string().regex(/^[a-z][a-zA-Z0-9_]{0,39}$/, 'a field name: a letter, then letters, digits or _'),
            label: text(100),
            required: z.boolean().default(false),
          })
          .strict(),
      )
      .max(20)
      .default([]),
    assignees: z.boolean().default(false),
    attachmentsLine: z.boolean().default(true),
  })
  .strict();
const fields = { name: text(200), numberFormat: format, unitFormats: z.record(code, format).optional(), template: template.optional() };
const creating = z.object({ code: typeCode, ...fields }).strict();
const patching = z.object(fields).partial().strict();

/** Naskah types: everyone reads them (the type picker); admins add and edit them. */
export const letterTypesRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.get('/letter-types', async (_req, res) => {
    res.json(await listLetterTypes(deps));
  });
  r.get('/letter-types/:code', async (req, res) => {
    res.json(await getLetterType(deps, parse(typeCode, req.params.code)));
  });
  r.post('/letter-types', async (req, res) => {
    const { code: c, ...input } = parse(creating, req.body ?? {});
    const made = await createLetterType(deps, req.actor!, c, input);
    res.status(201).location(`/api/v1/letter-types/${made.code}`).json(made);
  });
  // PUT is taken as PATCH: the fields sent change, the others stay.
  for (const verb of ['patch', 'put'] as const) {
    r[verb]('/letter-types/:code', async (req, res) => {
      res.json(await updateLetterType(deps, req.actor!, parse(typeCode, req.params.code), parse(patching, req.body ?? {})));
    });
  }
  return r;
};
