import type { AppDeps } from '../deps.ts';
import { loadSearchDocuments } from '../documents/search-document.ts';
import { INDEX_JOB } from '../documents/store-original.ts';
import { GAVE_UP_PREFIX } from './gave-up.ts';

/** After the index job's last attempt: the document fails with the reason instead of staying `processing`. */
export const markIndexingFailed = async (deps: AppDeps, documentId: string, reason: string): Promise<void> => {
  const doc = await deps.db.documents.findById(documentId);
  if (doc?.status === 'processing') await deps.db.documents.setStatus(documentId, 'failed', { error: `${GAVE_UP_PREFIX[INDEX_JOB]}${reason}` }, deps.clock.now());
};

/** Job: puts a document into the search index, then marks it ready. Idempotent. */
export const indexDocument = async (deps: AppDeps, payload: { documentId: string }): Promise<void> => {
  const doc = await deps.db.documents.findById(payload.documentId);
  if (!doc) {
    await deps.search.remove([payload.documentId]);
    return;
  }
  await deps.search.upsert(await loadSearchDocuments(deps.db, [doc]));
  if (doc.status === 'processing') await deps.db.documents.setStatus(doc.id, 'ready', {}, deps.clock.now());
};
