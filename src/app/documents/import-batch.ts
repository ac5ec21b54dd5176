import { randomUUID } from 'node:crypto';
import { canUpload, type Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { withoutControls } from '../../domain/file-names.ts';
import { isZip, sniffMimeType } from '../../domain/file-types.ts';
import type { BatchItemRecord } from '../../ports/repositories.ts';
import type { StagedFile } from '../../ports/staging-area.ts';
import type { AppDeps } from '../deps.ts';
import { inboxKey } from './keys.ts';
import { keepStaged } from './keep-staged.ts';
import { auditMalware, malwareFound, malwareIn, type MalwareRefusal } from './malware-check.ts';
import { type DocumentFields, requireClearedToClassify } from './store-original.ts';
import { BATCH_JOB } from '../../domain/job-types.ts';

export interface IncomingFile {
  staged: StagedFile;
  filename: string;
}

interface Pending {
  filename: string;
  staged?: StagedFile;
  error?: string;
}

/**
 * Accepts a bulk import: many files, or one ZIP expanded entry by entry. Each file is put in
 * the inbox durably before the answer; the ingest-batch job then files them one by one, so
 * progress is visible and a crash resumes where it stopped. A bad file is reported, the rest go in.
 */
export const importBatch = async (deps: AppDeps, actor: Actor, files: IncomingFile[], defaults: DocumentFields) => {
  if (!canUpload(actor)) throw new AppError('forbidden', 'only clerks and admins archive documents');
  // Refused now, not file by file when the batch is ingested.
  requireClearedToClassify(actor, defaults.securityLevel);
  if (files.length === 0)
    throw new AppError('bad_request', 'no file part', { errors: [{ field: 'file', message: 'send one or more files, or one ZIP', code: 'file_missing' }] });
  const pending: Pending[] = [];
  try {
    for (const f of files) {
      if (files.length === 1 && isZip(f.staged.head)) pending.push(...(await expandZip(deps, f.staged)));
      else pending.push({ filename: f.filename, staged: f.staged });
    }
    if (pending.length > deps.limits.batchMaxFiles) throw new AppError('too_large', `a batch holds at most ${deps.limits.batchMaxFiles} files`);
    const batchId = randomUUID();
    const items: BatchItemRecord[] = [];
    const infected: MalwareRefusal[] = [];
    try {
      for (const [i, p] of pending.entries()) {
        const seq = i + 1;
        const early = p.error ?? (p.staged ? earlyRejection(p.staged) : 'no content');
        if (early || !p.staged) {
          items.push({ batchId, seq, filename: p.filename, status: 'rejected', inboxKey: null, documentId: null, error: early ?? 'no content' });
          continue;
        }
        // Scanned before the answer, so malware never reaches the inbox; a scanner that is down
        // fails the whole import (503) with nothing kept, as storage does.
        const signature = await malwareIn(deps, p.staged);
        if (signature !== null) {
          infected.push({ fileName: withoutControls(p.filename) || null, signature, staged: p.staged, batchId });
          items.push({ batchId, seq, filename: p.filename, status: 'rejected', inboxKey: null, documentId: null, error: malwareFound(signature, null).detail });
          continue;
        }
        const key = inboxKey(batchId, seq);
        await keepStaged(deps.blobs, key, p.staged, 'application/octet-stream');
        items.push({ batchId, seq, filename: p.filename, status: 'received', inboxKey: key, documentId: null, error: null });
      }
      const now = deps.clock.now();
      await deps.db.transaction(async (tx) => {
        await tx.batches.create({ id: batchId, createdBy: actor.id, defaults: { ...defaults }, createdAt: now }, items);
        await tx.audit.append({
          at: now,
          actorId: actor.id,
          action: 'document.batch_import',
          targetType: 'batch',
          targetId: batchId,
          details: { files: items.length },
        });
        for (const r of infected) await auditMalware(tx, now, actor, r);
        await tx.jobs.enqueue({ type: BATCH_JOB, payload: { batchId }, runAt: now, maxAttempts: deps.jobs.maxAttempts });
      });
    } catch (e) {
      // Nothing half-stored: inbox keys are unique to this batch, so removing them is safe.
      for (const it of items) if (it.inboxKey) await deps.blobs.delete(it.inboxKey).catch(() => undefined);
      throw e;
    }
    deps.jobsEnqueued?.();
    return { batchId, files: items.length, rejected: items.filter((i) => i.status === 'rejected').length };
  } finally {
    for (const f of files) await deps.staging.discard(f.staged.path);
    for (const p of pending) if (p.staged && !files.some((f) => f.staged === p.staged)) await deps.staging.discard(p.staged.path);
  }
};

/** Rejections that need no parsing: the full checks run in the job. */
const earlyRejection = (s: StagedFile): string | null => {
  if (s.size === 0) return 'the file is empty';
  if (!sniffMimeType(s.head)) return 'unsupported file type (only PDF, JPEG, PNG and TIFF)';
  return null;
};

/**
 * Stages each file of a ZIP. A hostile archive (links, a bomb's compression ratio, entries over
 * the limits) is rejected whole with nothing kept; a bad document inside is judged per file later.
 */
const expandZip = async (deps: AppDeps, zip: StagedFile): Promise<Pending[]> => {
  const out: Pending[] = [];
  let total = 0;
  const { zipMaxEntries, zipMaxRatio, zipMaxTotalBytes, uploadMaxBytes } = deps.limits;
  try {
    await deps.archives.forEachEntry(zip.path, { maxEntries: zipMaxEntries }, async (entry) => {
      if (entry.kind === 'directory') return;
      if (entry.kind !== 'file') throw new AppError('invalid', `the ZIP holds a ${entry.kind} (${entry.name}); only plain files are accepted`);
      if (entry.declaredSize > 1024 * 1024 && entry.declaredSize / Math.max(1, entry.compressedSize) > zipMaxRatio) {
        throw new AppError(
          'invalid',
          `the ZIP entry ${entry.name} expands ${Math.round(entry.declaredSize / Math.max(1, entry.compressedSize))}-fold; at most ${zipMaxRatio}-fold is accepted`,
        );
      }
      if (entry.declaredSize > uploadMaxBytes) throw new AppError('too_large', `the ZIP entry ${entry.name} is larger than the upload limit`);
      total += entry.declaredSize;
      if (total > zipMaxTotalBytes) throw new AppError('too_large', 'the ZIP expands to more than the allowed total');
      const staged = await deps.staging.write(await entry.open(), { maxBytes: Math.max(1, entry.declaredSize) });
      out.push({ filename: entry.name, staged });
    });
  } catch (e) {
    for (const p of out) if (p.staged) await deps.staging.discard(p.staged.path);
    throw e;
  }
  return out;
};
