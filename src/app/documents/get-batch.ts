import type { Actor } from '../../domain/access.ts';
import type { DocumentStatus } from '../../domain/document.ts';
import { AppError } from '../../domain/errors.ts';
import { failureKind } from '../../domain/failure-kinds.ts';
import { hasRole } from '../../domain/roles.ts';
import type { AppDeps } from '../deps.ts';

/**
 * A bulk import's progress: each file's state, merging the item (received, rejected,
 * duplicate, accepted) with its document's processing status once it has one.
 */
export const getBatch = async (deps: AppDeps, actor: Actor, batchId: string) => {
  const batch = await deps.db.batches.findById(batchId);
  // Only whoever imported it (or an admin) follows a batch; others get 404 like a hidden document.
  if (!batch || (batch.createdBy !== actor.id && !hasRole(actor, 'admin'))) throw new AppError('not_found', 'no such batch');
  const items = await deps.db.batches.items(batchId);
  const docs = new Map((await deps.db.documents.findManyByIds(items.flatMap((i) => (i.documentId ? [i.documentId] : [])))).map((d) => [d.id, d]));
  const files = items.map((i) => {
    const doc = i.documentId ? docs.get(i.documentId) : undefined;
    const status: 'queued' | 'rejected' | DocumentStatus =
      i.status === 'received' ? 'queued' : i.status === 'rejected' ? 'rejected' : (doc?.status ?? 'processing');
    const error = i.error ?? doc?.error ?? null;
    return { seq: i.seq, filename: i.filename, status, duplicate: i.status === 'duplicate', documentId: i.documentId, error, errorCode: failureKind(error) };
  });
  const count = (s: string) => files.filter((f) => f.status === s).length;
  const done = files.filter((f) => ['ready', 'failed', 'rejected'].includes(f.status)).length;
  return {
    batchId,
    createdAt: batch.createdAt.toISOString(),
    total: files.length,
    done,
    progress: files.length ? done / files.length : 1,
    counts: { queued: count('queued'), processing: count('processing'), ready: count('ready'), failed: count('failed'), rejected: count('rejected') },
    files,
  };
};
