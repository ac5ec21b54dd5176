import { type RequestHandler, Router } from 'express';
import type { AppDeps } from '../../app/deps.ts';
import { createLetterType, getLetterType, listLetterTypes, updateLetterType } from '../../app/letter-types/manage-letter-types.ts';
import { reply, routePath } from '../openapi/operation.ts';
import { correspondenceOps as ops, letterTypeChanges, newLetterType, typeCode } from '../schemas/correspondence.schemas.ts';
import { parse } from '../validate.ts';

/** Naskah types: everyone reads them (the type picker); admins add and edit them. */
export const letterTypesRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.get(routePath(ops.letterTypes), async (_req, res) => {
    res.json(reply(ops.letterTypes, 200, await listLetterTypes(deps)));
  });
  r.get(routePath(ops.letterType), async (req, res) => {
    res.json(reply(ops.letterType, 200, await getLetterType(deps, parse(typeCode, req.params.code))));
  });
  r.post(routePath(ops.addLetterType), async (req, res) => {
    const { code: c, ...input } = parse(newLetterType, req.body ?? {});
    const made = await createLetterType(deps, req.actor!, c, input);
    res
      .status(201)
      .location(`/api/v1/letter-types/${made.code}`)
      .json(reply(ops.addLetterType, 201, made));
  });
  // PUT is taken as PATCH: the fields sent change, the others stay (both answer the same shape).
  const update: RequestHandler = async (req, res) => {
    const changed = await updateLetterType(deps, req.actor!, parse(typeCode, req.params.code), parse(letterTypeChanges, req.body ?? {}));
    res.json(reply(ops.editLetterType, 200, changed));
  };
  r.patch(routePath(ops.editLetterType), update);
  r.put(routePath(ops.putLetterType), update);
  return r;
};
