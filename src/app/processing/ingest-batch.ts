import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import type { BatchItemRecord } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { actorOf } from '../accounts/sessions.ts';
import { storeOriginal, type DocumentFields } from '../documents/store-original.ts';

/**
 * Job: files each received item of a batch. The item's new state commits with its document,
 * so a retry after a crash skips what is done; inbox objects are removed once filed or rejected.
 * A worker that lost its lease stops between files, so two workers never file the same batch on.
 */
export const ingestBatch = async (deps: AppDeps, payload: { batchId: string }, signal: AbortSignal): Promise<void> => {
  const batch = await deps.db.batches.findById(payload.batchId);
  if (!batch) return;
  const creator = await deps.db.users.findById(batch.createdBy);
  if (!creator) throw new AppError('invalid', 'the importing user no longer exists');
  const actor: Actor = actorOf(creator);
  for (const item of await deps.db.batches.items(batch.id)) {
    if (item.status !== 'received' || !item.inboxKey) continue;
    signal.throwIfAborted();
    await fileItem(deps, actor, batch.id, batch.defaults as DocumentFields, item, item.inboxKey);
  }
};

const fileItem = async (deps: AppDeps, actor: Actor, batchId: string, defaults: DocumentFields, item: BatchItemRecord, key: string): Promise<void> => {
  let stagedPath: string | undefined;
  try {
    const staged = await deps.staging.write(await deps.blobs.get(key), { maxBytes: deps.limits.uploadMaxBytes });
    stagedPath = staged.path;
    await storeOriginal(deps, actor, staged, defaults, item.filename, {
      batchId,
      scanned: true, // at import, before the batch was acknowledged (importBatch)
      inTx: (tx, doc, duplicate) => tx.batches.updateItem(batchId, item.seq, { status: duplicate ? 'duplicate' : 'accepted', documentId: doc.id }),
    });
  } catch (e) {
    // A bad (or vanished) file is that file's problem, whatever broke on it; only an outage retries the job.
    if (e instanceof AppError && e.code === 'unavailable') throw e;
    await deps.db.batches.updateItem(batchId, item.seq, {
      status: 'rejected',
      error: e instanceof AppError ? e.detail : `could not be read: ${(e as Error)?.message ?? String(e)}`,
    });
  } finally {
    if (stagedPath) await deps.staging.discard(stagedPath);
  }
  await deps.blobs.delete(key);
};

/** After the batch job's last attempt: whatever is still waiting is reported, not left queued. */
export const abandonBatch = async (deps: AppDeps, batchId: string, reason: string): Promise<void> => {
  for (const item of await deps.db.batches.items(batchId)) {
    if (item.status !== 'received') continue;
    await deps.db.batches.updateItem(batchId, item.seq, { status: 'rejected', error: `import stopped: ${reason}` });
    if (item.inboxKey) await deps.blobs.delete(item.inboxKey);
  }
};
