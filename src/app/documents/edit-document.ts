import { type Actor, canFileFor } from '../../domain/access.ts';
import type { DocumentRecord } from '../../domain/document.ts';
import { AppError } from '../../domain/errors.ts';
import { canEditRecordFields } from '../../domain/records.ts';
import type { DocumentMetadataPatch } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { visibleDocument } from './read-documents.ts';
import { loadSearchDocuments } from './search-document.ts';
import { INDEX_JOB } from './store-original.ts';
import { requireActiveCode } from '../classifications/active-code.ts';
import { retentionFor } from '../records/retention-scheme.ts';

/**
 * Corrects a document's description (title, classification, security level, unit, date, tags,
 * letter number, sender); the original bytes never change. Only clerks and admins who may file
 * for both the old and the new unit may do it, and archivists of the unit its classification
 * code alone. The change, its audit entry (each field before
 * and after) and the re-index job commit together.
 */
export const editDocument = async (deps: AppDeps, actor: Actor, id: string, patch: DocumentMetadataPatch): Promise<DocumentRecord> => {
  const doc = await visibleDocument(deps, actor, id);
  const asked = (Object.keys(patch) as (keyof DocumentMetadataPatch)[]).filter((k) => patch[k] !== undefined);
  if (!canEditRecordFields(actor, asked)) throw new AppError('forbidden', 'only clerks and admins edit documents; archivists set their classification code');
  if (doc.retention.phase === 'disposed') throw new AppError('gone', 'this record was destroyed; its description stays as the disposal left it');
  const units = await deps.db.units.all();
  if (patch.unitCode && !units.some((u) => u.code === patch.unitCode)) {
    throw new AppError('invalid', 'unknown unit', { errors: [{ field: 'unitCode', message: `no unit with code ${patch.unitCode}` }] });
  }
  if (!canFileFor(actor, doc.unitCode, units) || (patch.unitCode && !canFileFor(actor, patch.unitCode, units))) {
    throw new AppError('forbidden', 'you may edit documents only of your own unit and the units below it');
  }
  const changed = asked.filter((k) => JSON.stringify(patch[k]) !== JSON.stringify(doc[k]));
  if (changed.length === 0) return doc;
  if (changed.includes('classificationCode')) await requireActiveCode(deps.db, patch.classificationCode);
  // A new code or date gives the record its retention anew (a held record stays held).
  const retention = changed.includes('classificationCode') || changed.includes('documentDate') ? await retentionFor(deps, { ...doc, ...patch }) : null;
  // Search would show the old unit and level until the re-index job runs: when access may
  // narrow, take the entry out first (a search outage then refuses the edit, 503).
  const narrowing = changed.includes('securityLevel') || changed.includes('unitCode');
  if (narrowing) await deps.search.remove([id]);
  const now = deps.clock.now();
  const commit = deps.db.transaction(async (tx) => {
    await tx.documents.updateMetadata(id, Object.fromEntries(changed.map((k) => [k, patch[k]])), now);
    if (retention) await tx.retention.set(id, retention);
    const details = { changed, before: Object.fromEntries(changed.map((k) => [k, doc[k]])), after: Object.fromEntries(changed.map((k) => [k, patch[k]])) };
    await tx.audit.append({ at: now, actorId: actor.id, action: 'document.edit', targetType: 'document', targetId: id, details });
    // A document still being read is indexed with its new fields when extraction ends.
    if (doc.status !== 'processing') await tx.jobs.enqueue({ type: INDEX_JOB, payload: { documentId: id }, runAt: now, maxAttempts: deps.jobs.maxAttempts });
  });
  await commit.catch(async (e: unknown) => {
    // Nothing changed: put the unchanged entry back (best effort; reconcile reports it if not).
    if (narrowing && doc.status === 'ready') await deps.search.upsert(await loadSearchDocuments(deps.db, [doc])).catch(() => undefined);
    throw e;
  });
  deps.jobsEnqueued?.();
  return (await deps.db.documents.findById(id))!;
};
