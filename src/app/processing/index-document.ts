import type { Repositories } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { writeIndex } from '../documents/search-document.ts';
import { GAVE_UP_PREFIX } from './gave-up.ts';
import { INDEX_JOB, INDEX_MANY_JOB } from '../../domain/job-types.ts';

/** After the index job's last attempt: the document fails with the reason instead of staying `processing`. */
export const markIndexingFailed = async (deps: AppDeps, documentId: string, reason: string): Promise<void> => {
  const doc = await deps.db.documents.findById(documentId);
  if (doc?.status === 'processing')
    await deps.db.documents.setStatus(documentId, 'failed', { error: `${GAVE_UP_PREFIX[INDEX_JOB]}${reason}` }, deps.clock.now());
};

/** Job: puts a document into the search index, then marks it ready. Idempotent. */
export const indexDocument = async (deps: AppDeps, payload: { documentId: string }): Promise<void> => {
  const doc = await deps.db.documents.findById(payload.documentId);
  if (!doc) {
    await deps.search.remove([payload.documentId]);
    return;
  }
  await writeIndex(deps, [doc]);
  if (doc.status === 'processing') await deps.db.documents.setStatus(doc.id, 'ready', {}, deps.clock.now());
};

/** Job type: puts many documents' fresh fields (a retention phase that moved, …) into the index. */
const INDEX_MANY_CHUNK = 500;

/**
 * Enqueues re-indexing of documents whose indexed fields changed, a job per few hundred, in the
 * caller's transaction when `db` is one.
 */
export const enqueueReindex = async (deps: AppDeps, db: Pick<Repositories, 'jobs'>, documentIds: string[]): Promise<void> => {
  for (let i = 0; i < documentIds.length; i += INDEX_MANY_CHUNK) {
    await db.jobs.enqueue({
      type: INDEX_MANY_JOB,
      payload: { documentIds: documentIds.slice(i, i + INDEX_MANY_CHUNK) },
      runAt: deps.clock.now(),
      maxAttempts: deps.jobs.maxAttempts,
    });
  }
  if (documentIds.length) deps.jobsEnqueued?.();
};

/**
 * Job: re-indexes documents that are searchable (ready); the others are indexed when their
 * extraction ends, and a destroyed record's entry went with it. Idempotent.
 */
export const indexDocuments = async (deps: AppDeps, payload: { documentIds: string[] }): Promise<void> => {
  const docs = (await deps.db.documents.findManyByIds(payload.documentIds)).filter((d) => d.status === 'ready' && d.retention.phase !== 'disposed');
  if (docs.length) await writeIndex(deps, docs);
};
