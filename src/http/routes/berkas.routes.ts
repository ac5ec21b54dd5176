import { Router } from 'express';
import type { AppDeps } from '../../app/deps.ts';
import { addToBerkas, berkasOf, createBerkas, getBerkas, listBerkas, removeFromBerkas } from '../../app/berkas/berkas.ts';
import { letterChain } from '../../app/outgoing/letter-chain.ts';
import { reply, routePath } from '../openapi/operation.ts';
import { berkasId as id, berkasItem as item, berkasListQuery, berkasOps as ops, chainQuery, newBerkas } from '../schemas/berkas.schemas.ts';
import { parse } from '../validate.ts';

/**
 * The matter a paper belongs to (issue 13): berkas, files per matter (open one, list them, put
 * documents and letters in and take them out), and a letter's whole reply chain.
 */
export const berkasRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.get(routePath(ops.list), async (req, res) => {
    const { q, kind, itemId } = parse(berkasListQuery, req.query);
    res.json(reply(ops.list, 200, kind && itemId ? await berkasOf(deps, req.actor!, kind, itemId) : await listBerkas(deps, req.actor!, q)));
  });
  r.post(routePath(ops.create), async (req, res) => {
    const made = await createBerkas(deps, req.actor!, parse(newBerkas, req.body ?? {}));
    res
      .status(201)
      .location(`/api/v1/berkas/${made.id}`)
      .json(reply(ops.create, 201, made));
  });
  r.get(routePath(ops.get), async (req, res) => {
    res.json(reply(ops.get, 200, await getBerkas(deps, req.actor!, parse(id, req.params.id))));
  });
  r.post(routePath(ops.add), async (req, res) => {
    const { added, berkas } = await addToBerkas(deps, req.actor!, parse(id, req.params.id), parse(item, req.body ?? {}));
    res.status(added ? 201 : 200).json(reply(ops.add, added ? 201 : 200, berkas));
  });
  r.delete(routePath(ops.remove), async (req, res) => {
    // Errors name the fields as the JSON body of adding one does (kind, id).
    const it = parse(item, { kind: req.params.kind, id: req.params.itemId });
    res.json(reply(ops.remove, 200, await removeFromBerkas(deps, req.actor!, parse(id, req.params.id), it)));
  });
  r.get(routePath(ops.thread), async (req, res) => {
    const { kind, id: letterId } = parse(chainQuery, req.query);
    res.json(reply(ops.thread, 200, await letterChain(deps, req.actor!, kind, letterId)));
  });
  return r;
};
