import { randomUUID } from 'node:crypto';
import { canClassifyAt, canFileFor, canRead, canUpload, type Actor } from '../../domain/access.ts';
import type { DocumentKind, DocumentRecord } from '../../domain/document.ts';
import { AppError } from '../../domain/errors.ts';
import { withoutControls } from '../../domain/file-names.ts';
import { sniffMimeType } from '../../domain/file-types.ts';
import type { SecurityLevel } from '../../domain/security-level.ts';
import type { Repositories } from '../../ports/repositories.ts';
import type { StagedFile } from '../../ports/staging-area.ts';
import type { AppDeps } from '../deps.ts';
import { requireActiveCode } from '../classifications/active-code.ts';
import { refuseMalware } from './malware-check.ts';
import { retentionForNew } from '../records/retention-scheme.ts';
import { originalKey } from './keys.ts';
import { keepStaged } from './keep-staged.ts';
import { scopeOf } from './read-documents.ts';
import { EXTRACT_JOB } from '../../domain/job-types.ts';

/** Metadata a clerk gives with a file; the title defaults to the file name. */
export interface DocumentFields {
  title?: string | undefined;
  kind?: DocumentKind | undefined;
  classificationCode?: string | undefined;
  securityLevel?: SecurityLevel | undefined;
  unitCode?: string | undefined;
  documentDate?: string | undefined;
  tags?: string[] | undefined;
  letterNumber?: string | undefined;
  sender?: string | undefined;
  paperLocation?: string | undefined;
  /** A code from an old scheme (bulk imports of old archives): kept as metadata, the record stays unclassified. */
  legacyCode?: string | undefined;
}

export interface StoreResult {
  document: DocumentRecord;
  duplicate: boolean;
}

/**
 * Checks what can be checked before any byte is stored: rights, unit, type, emptiness, parse and
 * limits. `authorised`: the calling use case has already decided this person may file this
 * file (a disposition report, a letter draft), so the archive's own clerk/admin rule is skipped;
 * the unit rule still holds.
 */
/** The 403 for setting a security level above one's own clearance (see canClassifyAt), or null when allowed. */
export const classifyRefusal = (actor: Actor, level: SecurityLevel | undefined): AppError | null => {
  if (level === undefined || canClassifyAt(actor, level)) return null;
  const message = `you are cleared up to ${actor.clearance}; a document you file or correct cannot be classified ${level}`;
  return new AppError('forbidden', message, { errors: [{ field: 'securityLevel', message, code: 'not_cleared' }] });
};

export const requireClearedToClassify = (actor: Actor, level: SecurityLevel | undefined): void => {
  const refusal = classifyRefusal(actor, level);
  if (refusal) throw refusal;
};

/** Who may archive files at all; the HTTP layer asks before it reads an upload's body. */
export const requireUploader = (actor: Actor): void => {
  if (!canUpload(actor)) throw new AppError('forbidden', 'only clerks and admins archive documents');
};

/**
 * `scanned`: the bytes need no malware scan here: scanned already (a batch item, at import) or
 * written by Naskah itself (minutes, a letter rendered from its template). `fileName` names the
 * file in the audit entry of a refused one.
 */
export const validateUpload = async (
  deps: AppDeps,
  actor: Actor,
  staged: StagedFile,
  fields: DocumentFields,
  o: { authorised?: boolean; scanned?: boolean; fileName?: string | null } = {},
) => {
  if (!o.authorised) requireUploader(actor);
  const unitCode = fields.unitCode ?? actor.unitCode;
  const units = await deps.db.units.all();
  if (!units.some((u) => u.code === unitCode))
    throw new AppError('invalid', 'unknown unit', { errors: [{ field: 'unitCode', message: `no unit with code ${unitCode}`, code: 'unknown_unit' }] });
  if (!canFileFor(actor, unitCode, units))
    throw new AppError('forbidden', 'you may file documents only for the units your account files for', { problemType: 'outside-filing-scope' });
  await requireActiveCode(deps.db, fields.classificationCode);
  if (staged.size === 0) throw new AppError('bad_request', 'the file is empty', { errors: [{ field: 'file', message: 'empty file', code: 'file_empty' }] });
  const mimeType = sniffMimeType(staged.head);
  if (!mimeType) throw new AppError('unsupported_type', 'only PDF, JPEG, PNG and TIFF files are accepted (decided by the file contents, not its name)');
  // Before the file is parsed (inspect) or stored: malware is never opened here, nor kept.
  if (!o.scanned) await refuseMalware(deps, actor, staged, o.fileName ?? null);
  const inspection = await deps.extractor.inspect(staged.path, mimeType, { maxPages: deps.limits.maxPages, maxPixels: deps.limits.maxPixels });
  return { unitCode, mimeType, pages: inspection.pages };
};

/**
 * Stores an original durably and commits its row, audit entry and extraction job in one
 * transaction (the outbox). The same bytes are one object and one document: a second upload,
 * even a concurrent one, gets the first document back as a duplicate.
 * `inTx` lets a batch mark its item in the same transaction; `authorised` and `scanned` as for validateUpload.
 */
export const storeOriginal = async (
  deps: AppDeps,
  actor: Actor,
  staged: StagedFile,
  fields: DocumentFields,
  rawName: string | null,
  extra: {
    batchId?: string;
    authorised?: boolean;
    scanned?: boolean;
    inTx?: (tx: Repositories, doc: DocumentRecord, duplicate: boolean) => Promise<void>;
  } = {},
): Promise<StoreResult> => {
  // Every way in (a form, a ZIP entry, a disposition's report) ends here: no control or bidi
  // character is ever stored, whatever the caller cleaned already.
  const originalName = rawName === null ? null : withoutControls(rawName) || null;
  const { unitCode, mimeType, pages } = await validateUpload(deps, actor, staged, fields, {
    authorised: extra.authorised ?? false,
    scanned: extra.scanned ?? false,
    fileName: originalName,
  });
  const existing = await deps.db.documents.findBySha256(staged.sha256);
  if (existing) return duplicateOf(deps, actor, existing, extra.inTx);
  const storageKey = originalKey(staged.sha256);
  await keepStaged(deps.blobs, storageKey, staged, mimeType);
  const now = deps.clock.now();
  const kind = fields.kind ?? 'document';
  const classificationCode = fields.classificationCode ?? null;
  const documentDate = fields.documentDate ?? null;
  try {
    const document = await deps.db.transaction(async (tx) => {
      const doc = await tx.documents.create(
        {
          id: randomUUID(),
          kind,
          title: fields.title?.trim() || originalName || 'Tanpa judul',
          sha256: staged.sha256,
          size: staged.size,
          mimeType,
          storageKey,
          originalName,
          pages,
          classificationCode,
          securityLevel: fields.securityLevel ?? 'biasa',
          unitCode,
          documentDate,
          tags: fields.tags ?? [],
          letterNumber: fields.letterNumber ?? null,
          sender: fields.sender ?? null,
          paperLocation: fields.paperLocation || null,
          createdBy: actor.id,
          batchId: extra.batchId ?? null,
          legacyCode: fields.legacyCode ?? null,
          retention: await retentionForNew(deps, { kind, classificationCode, documentDate }, tx),
        },
        now,
      );
      await tx.audit.append({
        at: now,
        actorId: actor.id,
        action: 'document.upload',
        targetType: 'document',
        targetId: doc.id,
        details: { sha256: doc.sha256, size: doc.size, batchId: doc.batchId },
      });
      await tx.jobs.enqueue({ type: EXTRACT_JOB, payload: { documentId: doc.id }, runAt: now, maxAttempts: deps.jobs.maxAttempts });
      await extra.inTx?.(tx, doc, false);
      return doc;
    });
    await keepOriginal(deps, staged, storageKey, mimeType);
    deps.jobsEnqueued?.();
    return { document, duplicate: false };
  } catch (e) {
    // Lost a race with the same bytes: the other upload's document is ours too.
    if (e instanceof AppError && e.code === 'conflict') {
      const winner = await deps.db.documents.findBySha256(staged.sha256);
      if (winner) return duplicateOf(deps, actor, winner, extra.inTx);
    }
    await forgetOriginal(deps, staged, storageKey, mimeType);
    throw e;
  }
};

/**
 * After a commit: a failed upload of the same bytes may have removed the object between our put
 * and our commit (see forgetOriginal); put it back while the staged file is still here. The
 * upload is committed either way: a failure here is left to `reconcile` (a missing original).
 */
const keepOriginal = async (deps: AppDeps, staged: StagedFile, key: string, contentType: string): Promise<void> => {
  try {
    if (!(await deps.blobs.stat(key))) await keepStaged(deps.blobs, key, staged, contentType);
  } catch {
    // See above.
  }
};

/**
 * After a failed transaction: removes the object stored for it unless a document row uses
 * those bytes (another upload of them committed), so a refused or lost request leaves no
 * orphan. A concurrent upload of the same bytes may commit just after the check: looking again
 * after the delete puts the object back in that case, and that upload re-checks after its own
 * commit, so one of the two always restores it. Failures are left to `reconcile` (an orphan is
 * reported there); the request's own error matters more.
 */
const forgetOriginal = async (deps: AppDeps, staged: StagedFile, key: string, contentType: string): Promise<void> => {
  try {
    if (await deps.db.documents.findBySha256(staged.sha256)) return;
    await deps.blobs.delete(key);
    if (await deps.db.documents.findBySha256(staged.sha256)) await keepStaged(deps.blobs, key, staged, contentType);
  } catch {
    // See above: reconcile reports what is left.
  }
};

/**
 * The same bytes are archived already. The uploader gets that document only if they may read
 * it; otherwise a 409 that names nothing about it (not its id, title or unit).
 */
const duplicateOf = async (
  deps: AppDeps,
  actor: Actor,
  doc: DocumentRecord,
  inTx: ((tx: Repositories, d: DocumentRecord, dup: boolean) => Promise<void>) | undefined,
): Promise<StoreResult> => {
  if (!canRead(await scopeOf(deps, actor), doc)) {
    throw new AppError('conflict', 'these exact bytes are already archived in a document you may not see; ask its unit for access', {
      problemType: 'archived-elsewhere',
    });
  }
  if (doc.storageKey === '') {
    throw new AppError(
      'conflict',
      `these exact bytes were a record that is no longer kept here (${doc.retention.phase === 'disposed' ? `destroyed under disposal ${doc.retention.disposalId}` : 'handed over to the archive institution'}); they are not archived again`,
      { problemType: 'record-no-longer-kept' },
    );
  }
  await deps.db.transaction(async (tx) => {
    await tx.audit.append({
      at: deps.clock.now(),
      actorId: actor.id,
      action: 'document.upload_duplicate',
      targetType: 'document',
      targetId: doc.id,
      details: {},
    });
    await inTx?.(tx, doc, true);
  });
  return { document: doc, duplicate: true };
};
