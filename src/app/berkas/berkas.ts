import { randomUUID } from 'node:crypto';
import { canRead, type Actor } from '../../domain/access.ts';
import type { BerkasItemKind, BerkasItemRecord, BerkasRecord } from '../../domain/berkas.ts';
import { AppError } from '../../domain/errors.ts';
import { hasRole } from '../../domain/roles.ts';
import type { AppDeps } from '../deps.ts';
import { scopeOf, visibleDocument } from '../documents/read-documents.ts';
import { visibleIncoming } from '../incoming/read-incoming.ts';
import { visibleOutgoing } from '../outgoing/read-outgoing.ts';

/** Who opens and fills berkas: those who write, register and keep letters and documents. */
const requireFiler = (actor: Actor): void => {
  if (!hasRole(actor, 'admin', 'clerk', 'staff', 'official', 'archivist'))
    throw new AppError('forbidden', 'only clerks, staff, officials, archivists and admins keep berkas');
};

/** A berkas the caller may see (its unit is theirs or below it), else 404. */
const visibleBerkas = async (deps: AppDeps, actor: Actor, id: string): Promise<BerkasRecord> => {
  const b = await deps.db.berkas.findById(id);
  const scope = await scopeOf(deps, actor);
  if (!b || !(scope.allUnits || scope.unitCodes.includes(b.unitCode))) throw new AppError('not_found', 'no such berkas');
  return b;
};

const presentBerkas = (b: BerkasRecord & { itemCount?: number }) => ({
  id: b.id,
  name: b.name,
  description: b.description,
  unitCode: b.unitCode,
  ...(b.itemCount === undefined ? {} : { itemCount: b.itemCount }),
  createdAt: b.createdAt.toISOString(),
  updatedAt: b.updatedAt.toISOString(),
});

/** An item as the berkas lists it, or null when the caller may not read it (left out without a word, as search does). */
const presentItem = async (deps: AppDeps, scope: Awaited<ReturnType<typeof scopeOf>>, item: BerkasItemRecord) => {
  let title: string;
  let documentId: string;
  if (item.kind === 'document') {
    const d = await deps.db.documents.findById(item.itemId);
    if (!d) return null;
    [title, documentId] = [d.title, d.id];
  } else if (item.kind === 'incoming') {
    const l = await deps.db.incoming.findById(item.itemId);
    if (!l) return null;
    [title, documentId] = [`${l.letterNumber} — ${l.subject}`, l.documentId];
  } else {
    const l = await deps.db.outgoing.findById(item.itemId);
    if (!l) return null;
    [title, documentId] = [l.letterNumber ? `${l.letterNumber} — ${l.subject}` : l.subject, l.documentId];
  }
  const doc = await deps.db.documents.findById(documentId);
  if (!doc || !canRead(scope, { ...doc, readers: await deps.db.readers.of(doc.id) })) return null;
  return { kind: item.kind, id: item.itemId, title, addedAt: item.addedAt.toISOString(), addedBy: item.addedBy };
};

/** The berkas the caller sees (their unit's and those below it), by name; `q` filters by name. */
export const listBerkas = async (deps: AppDeps, actor: Actor, q: string) => {
  const scope = await scopeOf(deps, actor);
  return { items: (await deps.db.berkas.list(scope.allUnits ? 'all' : scope.unitCodes, q, 100)).map(presentBerkas) };
};

/** One berkas with the items the caller may read. */
export const getBerkas = async (deps: AppDeps, actor: Actor, id: string) => {
  const b = await visibleBerkas(deps, actor, id);
  const scope = await scopeOf(deps, actor);
  const items = (await Promise.all((await deps.db.berkas.items(id)).map((i) => presentItem(deps, scope, i)))).filter((i) => i !== null);
  return { ...presentBerkas(b), items };
};

/** The berkas holding an item, each with its other items: the matter it belongs to, for the letter and document pages. */
export const berkasOf = async (deps: AppDeps, actor: Actor, kind: BerkasItemKind, itemId: string) => {
  const scope = await scopeOf(deps, actor);
  const held = (await deps.db.berkas.holding(kind, itemId)).filter((b) => scope.allUnits || scope.unitCodes.includes(b.unitCode));
  return { items: await Promise.all(held.map((b) => getBerkas(deps, actor, b.id))) };
};

/** Opens a berkas of the caller's unit. Audited. */
export const createBerkas = async (deps: AppDeps, actor: Actor, input: { name: string; description?: string | undefined }) => {
  requireFiler(actor);
  const now = deps.clock.now();
  const b: BerkasRecord = {
    id: randomUUID(),
    name: input.name,
    description: input.description ?? null,
    unitCode: actor.unitCode,
    createdBy: actor.id,
    createdAt: now,
    updatedAt: now,
  };
  await deps.db.transaction(async (tx) => {
    await tx.berkas.create(b);
    await tx.audit.append({
      at: now,
      actorId: actor.id,
      action: 'berkas.create',
      targetType: 'berkas',
      targetId: b.id,
      details: { name: b.name, unitCode: b.unitCode },
    });
  });
  return { ...presentBerkas(b), items: [] };
};

/** The item must be one the caller may read (404 otherwise, as reading it would answer). */
const requireReadable = async (deps: AppDeps, actor: Actor, kind: BerkasItemKind, id: string): Promise<void> => {
  if (kind === 'document') await visibleDocument(deps, actor, id);
  else if (kind === 'incoming') await visibleIncoming(deps, actor, id);
  else await visibleOutgoing(deps, actor, id);
};

/** Puts a document or letter in a berkas (201 when added, 200 when it was there already). Audited. */
export const addToBerkas = async (deps: AppDeps, actor: Actor, id: string, item: { kind: BerkasItemKind; id: string }) => {
  requireFiler(actor);
  await visibleBerkas(deps, actor, id);
  await requireReadable(deps, actor, item.kind, item.id);
  const now = deps.clock.now();
  const added = await deps.db.transaction(async (tx) => {
    if (!(await tx.berkas.addItem({ berkasId: id, kind: item.kind, itemId: item.id, addedBy: actor.id, addedAt: now }))) return false;
    await tx.berkas.touch(id, now);
    await tx.audit.append({
      at: now,
      actorId: actor.id,
      action: 'berkas.add_item',
      targetType: 'berkas',
      targetId: id,
      details: { kind: item.kind, id: item.id },
    });
    return true;
  });
  return { added, berkas: await getBerkas(deps, actor, id) };
};

/** Takes an item out of a berkas (404 when it was not in it). Audited. */
export const removeFromBerkas = async (deps: AppDeps, actor: Actor, id: string, item: { kind: BerkasItemKind; id: string }) => {
  requireFiler(actor);
  await visibleBerkas(deps, actor, id);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    if (!(await tx.berkas.removeItem(id, item.kind, item.id))) throw new AppError('not_found', 'the berkas does not hold this item');
    await tx.berkas.touch(id, now);
    await tx.audit.append({
      at: now,
      actorId: actor.id,
      action: 'berkas.remove_item',
      targetType: 'berkas',
      targetId: id,
      details: { kind: item.kind, id: item.id },
    });
  });
  return getBerkas(deps, actor, id);
};
