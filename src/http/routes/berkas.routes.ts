import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../app/deps.ts';
import { addToBerkas, berkasOf, createBerkas, getBerkas, listBerkas, removeFromBerkas } from '../../app/berkas/berkas.ts';
import { letterChain } from '../../app/outgoing/letter-chain.ts';
import { BERKAS_ITEM_KINDS } from '../../domain/berkas.ts';
import { one, parse, plain } from '../validate.ts';

const id = z.string().uuid('not a berkas id');
const item = z.object({ kind: z.enum(BERKAS_ITEM_KINDS), id: z.string().uuid('not an id') }).strict();
const listQuery = z.object({
  q: one(plain(z.string().trim().max(100))).default(''),
  // The berkas holding one item (the letter and document pages): kind and itemId together.
  kind: one(z.enum(BERKAS_ITEM_KINDS)).optional(),
  itemId: one(z.string().uuid('not an id')).optional(),
});
const chainQuery = z.object({ kind: one(z.enum(['incoming', 'outgoing'])), id: one(z.string().uuid('not a letter id')) });
const newBerkas = z
  .object({ name: plain(z.string().trim().min(1).max(200)), description: plain(z.string().trim().min(1).max(2000), { lines: true }).optional() })
  .strict();

/**
 * The matter a paper belongs to (issue 13): berkas, files per matter (open one, list them, put
 * documents and letters in and take them out), and a letter's whole reply chain.
 */
export const berkasRoutes = (deps: AppDeps): Router => {
  const r = Router();
  r.get('/berkas', async (req, res) => {
    const { q, kind, itemId } = parse(listQuery, req.query);
    res.json(kind && itemId ? await berkasOf(deps, req.actor!, kind, itemId) : await listBerkas(deps, req.actor!, q));
  });
  r.post('/berkas', async (req, res) => {
    const made = await createBerkas(deps, req.actor!, parse(newBerkas, req.body ?? {}));
    res.status(201).location(`/api/v1/berkas/${made.id}`).json(made);
  });
  r.get('/berkas/:id', async (req, res) => {
    res.json(await getBerkas(deps, req.actor!, parse(id, req.params.id)));
  });
  r.post('/berkas/:id/items', async (req, res) => {
    const { added, berkas } = await addToBerkas(deps, req.actor!, parse(id, req.params.id), parse(item, req.body ?? {}));
    res.status(added ? 201 : 200).json(berkas);
  });
  r.delete('/berkas/:id/items/:kind/:itemId', async (req, res) => {
    const it = parse(item, { kind: req.params.kind, id: req.params.itemId });
    res.json(await removeFromBerkas(deps, req.actor!, parse(id, req.params.id), it));
  });
  r.get('/letters/thread', async (req, res) => {
    const { kind, id: letterId } = parse(chainQuery, req.query);
    res.json(await letterChain(deps, req.actor!, kind, letterId));
  });
  return r;
};
