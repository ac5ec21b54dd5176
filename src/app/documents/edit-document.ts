import { type Actor, canFileFor } from '../../domain/access.ts';
import type { DocumentRecord } from '../../domain/document.ts';
import { AppError } from '../../domain/errors.ts';
import { canEditRecordFields } from '../../domain/records.ts';
import type { DocumentMetadataPatch } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { auditRefusal } from './audit-refusal.ts';
import { visibleDocument } from './read-documents.ts';
import { loadSearchDocuments } from './search-document.ts';
import { classifyRefusal } from './store-original.ts';
import { requireActiveCode } from '../classifications/active-code.ts';
import { retentionFor } from '../records/retention-scheme.ts';
import { INDEX_JOB } from '../../domain/job-types.ts';

const stale = (current: number | null) =>
  new AppError(
    'precondition_failed',
    `the document was changed by someone else since you read it${current ? ` (now version ${current})` : ''}; read it again and redo your change`,
    current ? { members: { currentVersion: current } } : {},
  );

/**
 * Corrects a document's description (title, classification, security level, unit, date, tags,
 * letter number, sender, where the paper is kept): a correction, versioned (the version read, via If-Match, must still
 * be current: 412 otherwise) and audited with every field's value before and after and the
 * reason given, so the original values stay on record (GET /documents/:id/corrections). The
 * original bytes never change. Only clerks and admins who may file for both the old and the new
 * unit may do it, and archivists of the unit its classification code alone. What a signature covers (a signed letter's or minutes' number, date, title,
 * code, level, unit, sender) never changes: only their tags. The change, its audit entry and the
 * re-index job commit together.
 */
export const editDocument = async (
  deps: AppDeps,
  actor: Actor,
  id: string,
  patch: DocumentMetadataPatch,
  o: { ifVersion?: number | undefined; reason?: string | undefined } = {},
): Promise<DocumentRecord> => {
  const doc = await visibleDocument(deps, actor, id, 'edit');
  // A refused edit of a restricted record is audited like a refused read (the answer is unchanged).
  const refused = (e: AppError) => {
    void auditRefusal(deps, actor, doc, 'edit', 'edit_not_allowed');
    return e;
  };
  if (o.ifVersion !== undefined && o.ifVersion !== doc.version) throw stale(doc.version);
  const asked = (Object.keys(patch) as (keyof DocumentMetadataPatch)[]).filter((k) => patch[k] !== undefined);
  if (!canEditRecordFields(actor, asked))
    throw refused(new AppError('forbidden', 'only clerks and admins edit documents; archivists set their classification code'));
  if (doc.retention.phase === 'disposed') throw new AppError('gone', 'this record was destroyed; its description stays as the disposal left it');
  const units = await deps.db.units.all();
  if (patch.unitCode && !units.some((u) => u.code === patch.unitCode)) {
    throw new AppError('invalid', 'unknown unit', { errors: [{ field: 'unitCode', message: `no unit with code ${patch.unitCode}`, code: 'unknown_unit' }] });
  }
  if (!canFileFor(actor, doc.unitCode, units) || (patch.unitCode && !canFileFor(actor, patch.unitCode, units))) {
    throw refused(new AppError('forbidden', 'you may edit documents only of your own unit and the units below it'));
  }
  const changed = asked.filter((k) => JSON.stringify(patch[k]) !== JSON.stringify(doc[k]));
  if (changed.length === 0) return doc;
  const aboveClearance = changed.includes('securityLevel') ? classifyRefusal(actor, patch.securityLevel) : null;
  if (aboveClearance) throw refused(aboveClearance);
  // Where the paper is kept is not part of the letter, so a signature does not cover it either.
  const sealed = changed.filter((k) => k !== 'tags' && k !== 'paperLocation');
  if (sealed.length && (doc.kind === 'minutes' || (await deps.db.signedLetters.findBySha256(doc.sha256)))) {
    throw new AppError(
      'conflict',
      `this record is a signed ${doc.kind === 'minutes' ? 'minutes' : 'letter'}: what the signature covers (${sealed.join(', ')}) cannot change; only its tags can`,
    );
  }
  if (changed.includes('classificationCode')) await requireActiveCode(deps.db, patch.classificationCode);
  // A new code or date gives the record its retention anew (a held record stays held).
  const retention = changed.includes('classificationCode') || changed.includes('documentDate') ? await retentionFor(deps, { ...doc, ...patch }) : null;
  // Search would show the old unit and level until the re-index job runs: when access may
  // narrow, take the entry out first (a search outage then refuses the edit, 503).
  const narrowing = changed.includes('securityLevel') || changed.includes('unitCode');
  if (narrowing) await deps.search.remove([id]);
  const now = deps.clock.now();
  const commit = deps.db.transaction(async (tx) => {
    // Compare-and-set on the version read: of two edits at once, the second finds it moved on.
    if (!(await tx.documents.updateMetadata(id, Object.fromEntries(changed.map((k) => [k, patch[k]])), now, doc.version))) throw stale(null);
    if (retention) await tx.retention.set(id, retention);
    const details = {
      version: doc.version + 1,
      changed,
      before: Object.fromEntries(changed.map((k) => [k, doc[k]])),
      after: Object.fromEntries(changed.map((k) => [k, patch[k]])),
      reason: o.reason ?? null,
    };
    await tx.audit.append({ at: now, actorId: actor.id, action: 'document.edit', targetType: 'document', targetId: id, details });
    // A document still being read is indexed with its new fields when extraction ends; where the
    // paper is kept is not indexed, so a change of it alone needs no new index entry.
    const indexed = changed.some((k) => k !== 'paperLocation');
    if (indexed && doc.status !== 'processing')
      await tx.jobs.enqueue({ type: INDEX_JOB, payload: { documentId: id }, runAt: now, maxAttempts: deps.jobs.maxAttempts });
  });
  await commit.catch(async (e: unknown) => {
    // Nothing changed: put the unchanged entry back (best effort; reconcile reports it if not).
    if (narrowing && doc.status === 'ready') await deps.search.upsert(await loadSearchDocuments(deps.db, [doc])).catch(() => undefined);
    throw e;
  });
  deps.jobsEnqueued?.();
  return (await deps.db.documents.findById(id))!;
};
