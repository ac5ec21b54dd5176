import { canRead, readScopeOf, type Actor, type ReadScope } from '../../domain/access.ts';
import { readRefusalReason, type RefusedRepresentation } from '../../domain/access-refusal.ts';
import type { DocumentRecord, PageText } from '../../domain/document.ts';
import { AppError, isAppError } from '../../domain/errors.ts';
import { SECURITY_LEVELS } from '../../domain/security-level.ts';
import type { DocumentVisibility } from '../../ports/correspondence-repositories.ts';
import { originalValues, presentCorrection } from './correction-history.ts';
import type { AppDeps } from '../deps.ts';
import { raiseIntegrityAlarm } from '../records/integrity-alarm.ts';
import { auditRefusal } from './audit-refusal.ts';
import { verifiedRead } from './verified-read.ts';

/** The caller's read scope, from the current unit tree. */
export const scopeOf = async (deps: AppDeps, actor: Actor): Promise<ReadScope> => readScopeOf(actor, await deps.db.units.all());

/** The caller's read scope in the form list queries apply (see infra's visibleDocumentIds). */
export const documentVisibility = async (deps: AppDeps, actor: Actor): Promise<DocumentVisibility> => {
  const scope = await scopeOf(deps, actor);
  return { userId: actor.id, unitCodes: scope.allUnits ? 'all' : scope.unitCodes, levels: SECURITY_LEVELS.slice(0, scope.maxSecurityRank + 1) };
};

/**
 * A document the caller may see; a document they may not see is reported as missing (404), and
 * above `biasa` the refusal of what they `asked` for is audited (the answer stays the same 404).
 */
export const visibleDocument = async (deps: AppDeps, actor: Actor, id: string, asked: RefusedRepresentation = 'metadata'): Promise<DocumentRecord> => {
  const doc = await deps.db.documents.findById(id);
  if (!doc) throw new AppError('not_found', 'no such document');
  const scope = await scopeOf(deps, actor);
  if (!canRead(scope, { ...doc, readers: await deps.db.readers.of(id) })) {
    void auditRefusal(deps, actor, doc, asked, readRefusalReason(scope, doc));
    throw new AppError('not_found', 'no such document');
  }
  return doc;
};

/**
 * Every download is audited; other reads only above `biasa` (every biasa page view would drown
 * the trail).
 */
export const auditRead = async (deps: AppDeps, actor: Actor, doc: DocumentRecord, what: 'read' | 'read_text' | 'download') => {
  if (doc.securityLevel === 'biasa' && what !== 'download') return;
  await deps.db.audit.append({
    at: deps.clock.now(),
    actorId: actor.id,
    action: `document.${what}`,
    targetType: 'document',
    targetId: doc.id,
    details: { securityLevel: doc.securityLevel },
  });
};

export const getDocument = async (deps: AppDeps, actor: Actor, id: string): Promise<DocumentRecord> => {
  const doc = await visibleDocument(deps, actor, id);
  await auditRead(deps, actor, doc, 'read');
  return doc;
};

/** One document with the open legal holds on it (what its page shows). */
export const getDocumentDetail = async (deps: AppDeps, actor: Actor, id: string) => {
  const document = await getDocument(deps, actor, id);
  return { document, holds: (await deps.db.holds.openHoldsOf([id])).get(id) ?? [] };
};

/** A destroyed record, or one handed over without keeping its bytes, has no storage key: only its description stays. */
export const requireBytes = (doc: DocumentRecord): void => {
  if (doc.storageKey !== '') return;
  if (doc.retention.phase === 'disposed')
    throw new AppError(
      'gone',
      `this record was destroyed on ${doc.retention.disposedAt?.toISOString().slice(0, 10)} under disposal ${doc.retention.disposalId}; only its description is kept`,
    );
  throw new AppError('gone', 'this record was handed over to the archive institution; only its description is kept here');
};

/** The original bytes as a stream, after the access check. */
export const openContent = async (deps: AppDeps, actor: Actor, id: string) => {
  const doc = await visibleDocument(deps, actor, id, 'content');
  requireBytes(doc);
  // Audited before the stream opens: a failed audit must not leave an open file behind.
  await auditRead(deps, actor, doc, 'download');
  return { document: doc, stream: await verifiedOriginal(deps, doc) };
};

/** The stored original as a stream that raises the integrity alarm if its bytes changed. */
export const verifiedOriginal = async (deps: AppDeps, doc: DocumentRecord) => {
  const day = deps.clock.now().toISOString().slice(0, 10);
  const stored = await deps.blobs.get(doc.storageKey).catch((e: unknown) => {
    // The blob store's own words would name the storage key; the client knows the document.
    if (isAppError(e) && e.code === 'not_found')
      throw new AppError(
        'not_found',
        `the original of document ${doc.id} is missing from storage; an administrator finds what is missing with \`npm run cli -- reconcile\``,
      );
    throw e;
  });
  return verifiedRead(stored, doc.sha256, () => raiseIntegrityAlarm(deps, doc.id, 'mismatch', { kind: 'read', id: day }));
};

/** The extracted text, page by page. */
export const getText = async (deps: AppDeps, actor: Actor, id: string): Promise<{ text: string; pages: PageText[] }> => {
  const doc = await visibleDocument(deps, actor, id, 'text');
  requireBytes(doc);
  const pages = await deps.db.pages.get(doc.id);
  await auditRead(deps, actor, doc, 'read_text');
  return { text: pages.map((p) => p.text).join('\n\n'), pages };
};

/**
 * A record's corrections, oldest first (each with its version, who, when, why, and every changed
 * field before and after), and its description as first registered: the first `before` of each
 * field that was ever corrected, the current value of the others.
 */
export const getCorrections = async (deps: AppDeps, actor: Actor, id: string) => {
  const doc = await visibleDocument(deps, actor, id, 'corrections');
  const edits = (await deps.db.audit.ofTargets('document', [id])).filter((e) => e.action === 'document.edit');
  const fields = ['title', 'classificationCode', 'securityLevel', 'unitCode', 'documentDate', 'tags', 'letterNumber', 'sender'] as const;
  return { version: doc.version, original: originalValues(doc, fields, edits), corrections: edits.map(presentCorrection) };
};
