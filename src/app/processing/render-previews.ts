import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../deps.ts';
import { pageImageKey, searchableKey, thumbnailKey } from '../documents/keys.ts';

/** Page images fit a phone held upright and a desktop column (about 120 dpi for A4). */
export const PAGE_IMAGE_WIDTH = 1000;
/** Thumbnails for lists and search results. */
export const THUMBNAIL_WIDTH = 240;

/**
 * Job: renders a document's thumbnail and one image per page for the browser, after its text
 * was read. A scan with a searchable copy is shown from that copy (its pages are upright and
 * level); anything else from its original. A file the reader refuses gets no previews (the
 * routes say so); storage trouble is retried.
 */
export const renderPreviews = async (deps: AppDeps, payload: { documentId: string }, signal: AbortSignal): Promise<void> => {
  const doc = await deps.db.documents.findById(payload.documentId);
  if (!doc || doc.storageKey === '' || doc.status === 'failed' || !doc.pages) return;
  const copy = await deps.blobs.stat(searchableKey(doc.id));
  const source = copy ? { key: searchableKey(doc.id), mimeType: 'application/pdf' as const } : { key: doc.storageKey, mimeType: doc.mimeType };
  const staged = await deps.staging.write(await deps.blobs.get(source.key), { maxBytes: Number.MAX_SAFE_INTEGER });
  try {
    // Changed bytes are the extraction's alarm to raise; nothing is shown from them.
    if (!copy && staged.sha256 !== doc.sha256) return;
    const limits = { maxPages: deps.limits.maxPages, maxPixels: deps.limits.maxPixels };
    const render = (page: number, width: number) => deps.extractor.preview(staged.path, source.mimeType, limits, page, width);
    for (let page = 1; page <= doc.pages; page++) {
      signal.throwIfAborted();
      await deps.blobs.putBuffer(pageImageKey(doc.id, page), await render(page, PAGE_IMAGE_WIDTH), 'image/jpeg');
    }
    // Last: a thumbnail says every page image is there.
    await deps.blobs.putBuffer(thumbnailKey(doc.id), await render(1, THUMBNAIL_WIDTH), 'image/jpeg');
  } catch (e) {
    if (!(e instanceof AppError && e.code === 'invalid')) throw e;
  } finally {
    await deps.staging.discard(staged.path);
  }
};
