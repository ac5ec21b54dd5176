/**
 * Reading what the worker derived from an original: the searchable copy of a scan, the
 * thumbnail and the page images. The same access rules as the original's bytes (/content):
 * invisible documents are missing, destroyed or handed-over records are gone.
 */
import type { Readable } from 'node:stream';
import type { Actor } from '../../domain/access.ts';
import type { DocumentRecord } from '../../domain/document.ts';
import { AppError, isAppError } from '../../domain/errors.ts';
import type { AppDeps } from '../deps.ts';
import { pageImageKey, searchableKey, thumbnailKey } from './keys.ts';
import { auditRead, requireBytes, verifiedOriginal, visibleDocument } from './read-documents.ts';

/** A stored derived file, or null when it is not there (not made yet, or never made). */
const openDerived = async (deps: AppDeps, key: string): Promise<{ stream: Readable; size: number } | null> => {
  const stat = await deps.blobs.stat(key);
  if (!stat) return null;
  const stream = await deps.blobs.get(key).catch((e: unknown) => {
    if (isAppError(e) && e.code === 'not_found') return null;
    throw e;
  });
  return stream ? { stream, size: stat.size } : null;
};

/** Why a document has no searchable copy, in words a clerk can act on. */
const noCopyReason = (doc: DocumentRecord, someOwnText: boolean): string => {
  if (doc.status === 'processing') return 'the document is still being read; its searchable copy follows in a moment';
  if (doc.status === 'failed') return 'the document could not be read, so it has no searchable copy';
  if (someOwnText) return 'this PDF already has its own text on some pages and was not scanned whole; download the original';
  return 'this document has no searchable copy';
};

/**
 * The searchable PDF of a scanned document (page images with an invisible text layer). A PDF
 * whose every page has its own text layer is searchable already: its original is the answer
 * (`copy: false`). Anything else without a copy is 404 with the reason.
 */
export const openSearchable = async (deps: AppDeps, actor: Actor, id: string) => {
  const doc = await visibleDocument(deps, actor, id, 'content');
  requireBytes(doc);
  const copy = await openDerived(deps, searchableKey(doc.id));
  if (copy) {
    await auditRead(deps, actor, doc, 'download').catch((e: unknown) => {
      copy.stream.destroy();
      throw e;
    });
    return { document: doc, copy: true as const, ...copy };
  }
  const pages = doc.status === 'ready' ? await deps.db.pages.get(doc.id) : [];
  const bornDigital = doc.mimeType === 'application/pdf' && pages.length > 0 && pages.every((p) => p.source === 'pdf-text');
  if (!bornDigital)
    throw new AppError(
      'not_found',
      noCopyReason(
        doc,
        pages.some((p) => p.source === 'pdf-text'),
      ),
    );
  await auditRead(deps, actor, doc, 'download');
  return { document: doc, copy: false as const, stream: await verifiedOriginal(deps, doc), size: doc.size };
};

/** A page image (1-based `page`) or, with `page` 'thumbnail', the small first-page image. */
export const openPreview = async (deps: AppDeps, actor: Actor, id: string, page: number | 'thumbnail') => {
  const doc = await visibleDocument(deps, actor, id, 'content');
  requireBytes(doc);
  if (page !== 'thumbnail' && page > (doc.pages ?? 1)) throw new AppError('not_found', `the document has ${doc.pages ?? 1} page(s); there is no page ${page}`);
  const image = await openDerived(deps, page === 'thumbnail' ? thumbnailKey(doc.id) : pageImageKey(doc.id, page));
  if (!image)
    throw new AppError(
      'not_found',
      doc.status === 'failed' ? 'the document could not be read, so it has no preview' : 'the preview is not ready yet; try again in a moment',
    );
  await auditRead(deps, actor, doc, 'read').catch((e: unknown) => {
    image.stream.destroy();
    throw e;
  });
  return { document: doc, ...image };
};
