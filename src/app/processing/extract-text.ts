import { textSourceOf } from '../../domain/document.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../deps.ts';
import { GAVE_UP_PREFIX } from './gave-up.ts';
import { raiseIntegrityAlarm } from '../records/integrity-alarm.ts';
import { EXTRACT_JOB, INDEX_JOB, PREVIEW_JOB } from '../../domain/job-types.ts';
import type { ScannedPage } from '../../ports/text-extractor.ts';
import { searchableKey } from '../documents/keys.ts';

/** Page images a searchable copy may hold (it is built in memory). */
const SEARCHABLE_COPY_MAX_BYTES = 256 * 2 ** 20;

/**
 * Job: reads a document's text (text layer or OCR) outside any transaction, then commits the
 * pages, the text source and the indexing job together. A file that cannot be read fails the
 * document with the reason; its metadata is still indexed so it can be found by title.
 */
export const extractText = async (deps: AppDeps, payload: { documentId: string }, signal: AbortSignal): Promise<void> => {
  const doc = await deps.db.documents.findById(payload.documentId);
  if (!doc) return;
  const staged = await deps.staging.write(await deps.blobs.get(doc.storageKey), { maxBytes: Number.MAX_SAFE_INTEGER });
  try {
    // The staging area hashed the copy: text is never read from bytes that changed since they were archived.
    if (staged.sha256 !== doc.sha256) {
      await raiseIntegrityAlarm(deps, doc.id, 'mismatch', { kind: 'read', id: deps.clock.now().toISOString().slice(0, 10) });
      await finish(deps, doc.id, { status: 'failed', error: 'the stored bytes changed since they were archived; restore the original from a backup' });
      return;
    }
    const limits = { maxPages: deps.limits.maxPages, maxPixels: deps.limits.maxPixels };
    // The searchable copy is assembled in memory: a scan too big for that gets none (say
    // about 600 pages of 450 KB) rather than a worker that runs out of memory.
    const scans: ScannedPage[] = [];
    let scanBytes = 0;
    const onScan = (s: ScannedPage) => {
      scanBytes += s.jpeg.length;
      if (scanBytes <= SEARCHABLE_COPY_MAX_BYTES) scans.push(s);
      else scans.length = 0;
    };
    const pages = await deps.extractor.extract(staged.path, doc.mimeType, limits, { signal, onScan }).catch(async (e: unknown) => {
      if (e instanceof AppError && e.code === 'invalid') {
        await finish(deps, doc.id, { status: 'failed', error: e.detail });
        return null;
      }
      throw e;
    });
    if (!pages) return;
    // A scan whose every page was read by OCR gets a searchable copy beside its original.
    if (pages.length > 0 && scans.length === pages.length && scanBytes <= SEARCHABLE_COPY_MAX_BYTES) {
      const pdf = await deps.searchablePdf.write(
        scans.sort((a, b) => a.page - b.page),
        { title: doc.title },
      );
      await deps.blobs.putBuffer(searchableKey(doc.id), pdf, 'application/pdf');
    }
    await finish(deps, doc.id, { status: 'processing', pages });
  } finally {
    await deps.staging.discard(staged.path);
  }
};

/** After the last failed attempt (timeouts, crashes): the document fails with the reason. */
export const markExtractionFailed = async (deps: AppDeps, documentId: string, reason: string): Promise<void> => {
  if (await deps.db.documents.findById(documentId)) await finish(deps, documentId, { status: 'failed', error: `${GAVE_UP_PREFIX[EXTRACT_JOB]}${reason}` });
};

const finish = async (
  deps: AppDeps,
  documentId: string,
  r: { status: 'processing'; pages: Awaited<ReturnType<AppDeps['extractor']['extract']>> } | { status: 'failed'; error: string },
) => {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    if (r.status === 'processing') {
      await tx.pages.replace(documentId, r.pages);
      await tx.documents.setStatus(documentId, 'processing', { textSource: textSourceOf(r.pages), pages: r.pages.length, error: null }, now);
    } else {
      await tx.documents.setStatus(documentId, 'failed', { error: r.error, textSource: 'none' }, now);
    }
    await tx.audit.append({
      at: now,
      actorId: null,
      action: r.status === 'failed' ? 'document.extract_failed' : 'document.extracted',
      targetType: 'document',
      targetId: documentId,
      details: r.status === 'failed' ? { error: r.error } : { pages: r.pages.length },
    });
    await tx.jobs.enqueue({ type: INDEX_JOB, payload: { documentId }, runAt: now, maxAttempts: deps.jobs.maxAttempts });
    if (r.status === 'processing') await tx.jobs.enqueue({ type: PREVIEW_JOB, payload: { documentId }, runAt: now, maxAttempts: deps.jobs.maxAttempts });
  });
  deps.jobsEnqueued?.();
};
