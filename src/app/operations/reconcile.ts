import type { DocumentRecord } from '../../domain/document.ts';
import type { BatchItemRecord } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { INBOX_PREFIX, ORIGINALS_PREFIX } from '../documents/keys.ts';
import { loadSearchDocuments, unsearchable } from '../documents/search-document.ts';
import { EXTRACT_JOB, INDEX_JOB, type JobType, PREVIEW_JOB } from '../../domain/job-types.ts';
import { stillUnpreviewed, thumbnailIds } from './reconcile-previews.ts';

/** The kinds of disagreement reconcile looks for, one per check. */
export type FindingKind =
  | 'missing-original'
  | 'orphan-original'
  | 'stray-inbox'
  | 'missing-from-index'
  | 'stray-index-entry'
  | 'stuck-processing'
  | 'missing-previews';

/** One place where database, storage and index disagree. */
export interface Finding {
  kind: FindingKind;
  /** The document id, storage key or index id concerned. */
  subject: string;
  detail: string;
  repaired: boolean;
}

/** What a run checked and found; `findings` are in check order. */
export interface ReconcileReport {
  checked: { documents: number; originals: number; inboxObjects: number; indexEntries: number };
  findings: Finding[];
  /** What this run could not decide, and why. */
  notes: string[];
  /** Findings left unrepaired; a missing original never can be. */
  unrepaired: number;
}

/** Storage objects nobody claims are deleted only after this long: an upload may be between storing and committing. */
export const ORPHAN_GRACE_MS = 3600_000;

type Deps = Pick<AppDeps, 'db' | 'blobs' | 'search' | 'clock' | 'jobs' | 'jobsEnqueued'>;

const collect = async (it: AsyncIterable<string>): Promise<Set<string>> => {
  const out = new Set<string>();
  for await (const k of it) out.add(k);
  return out;
};

/** Runs `fn` over `items` a chunk at a time, so no query or index call carries an unbounded id list. */
const inChunks = async <T, R = never>(items: T[], size: number, fn: (part: T[]) => Promise<R[] | void>): Promise<R[]> => {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...((await fn(items.slice(i, i + size))) ?? []));
  return out;
};

/**
 * Compares database, storage and search index and reports exactly where they disagree; with
 * `repair`, fixes what can be fixed. Index and storage are listed before the documents are read,
 * and every candidate is checked again before it is reported or repaired, so work committed
 * during the run is not mistaken for damage. Documents are read in chunks; the sets of index
 * ids and storage keys are held in memory (about 100 bytes per document).
 */
export const reconcile = async (deps: Deps, o: { repair: boolean; chunk?: number }): Promise<ReconcileReport> => {
  const now = deps.clock.now();
  const chunk = o.chunk ?? 500;
  const indexIds = await collect(deps.search.ids());
  const stored = await collect(deps.blobs.list(ORIGINALS_PREFIX));
  const inbox = [...(await collect(deps.blobs.list(INBOX_PREFIX)))];
  const thumbnails = await thumbnailIds(deps.blobs);

  const referenced = new Set<string>();
  const strayIndex = new Set(indexIds);
  const missing: DocumentRecord[] = [];
  const unindexed: DocumentRecord[] = [];
  const processing: string[] = [];
  const unpreviewed: string[] = [];
  let documents = 0;
  for (let after: string | null = null; ; ) {
    const ids = await deps.db.documents.listIds(after, chunk);
    if (ids.length === 0) break;
    after = ids[ids.length - 1]!;
    for (const d of await deps.db.documents.findManyByIds(ids)) {
      documents++;
      // A destroyed record (or one handed over without its bytes) keeps neither object nor index entry.
      if (d.storageKey === '') continue;
      referenced.add(d.storageKey);
      strayIndex.delete(d.id);
      if (!stored.has(d.storageKey)) missing.push(d);
      if (d.status === 'processing') processing.push(d.id);
      else if (!indexIds.has(d.id)) unindexed.push(d);
      if (d.status === 'ready' && d.pages && !thumbnails.has(d.id)) unpreviewed.push(d.id);
    }
  }

  const findings: Finding[] = [];
  const notes: string[] = [];
  const add = (kind: FindingKind, subject: string, detail: string, repaired = false) => findings.push({ kind, subject, detail, repaired });
  /** Whether an unclaimed object was written long enough ago to delete (an upload may be between storing and committing). */
  const oldEnough = async (key: string): Promise<{ since: string; ripe: boolean }> => {
    const st = await deps.blobs.stat(key);
    const at = st?.modifiedAt ?? now;
    return { since: at.toISOString(), ripe: now.getTime() - at.getTime() >= ORPHAN_GRACE_MS };
  };
  const removeObject = (key: string) => deps.blobs.delete(key);

  const lost = new Set<string>();
  for (const d of missing) {
    if ((await deps.blobs.stat(d.storageKey)) !== null) continue; // stored after we listed
    lost.add(d.id);
    add('missing-original', d.id, `${d.storageKey} is not in storage (cannot repair: restore it from a backup)`);
  }

  for (const key of stored) {
    if (referenced.has(key) || (await deps.db.documents.findBySha256(key.slice(key.lastIndexOf('/') + 1)))?.storageKey) continue;
    const { since, ripe } = await oldEnough(key);
    const fix = o.repair && ripe;
    if (fix) await removeObject(key);
    add('orphan-original', key, `no document refers to it (stored ${since})${fix ? '; deleted' : ripe ? '' : '; kept until it is an hour old'}`, fix);
  }

  const batchItems = new Map<string, BatchItemRecord[] | null>();
  for (const key of inbox) {
    const [, batchId = '', seq = ''] = key.split('/');
    if (!batchItems.has(batchId)) batchItems.set(batchId, (await deps.db.batches.findById(batchId)) ? await deps.db.batches.items(batchId) : null);
    const items = batchItems.get(batchId);
    if (items) {
      const item = items.find((i) => String(i.seq) === seq);
      if (item?.status === 'received') continue;
      if (o.repair) await removeObject(key);
      add('stray-inbox', key, `batch ${batchId} has no received item ${seq}${o.repair ? '; deleted' : ''}`, o.repair);
      continue;
    }
    const { since, ripe } = await oldEnough(key);
    const fix = o.repair && ripe;
    if (fix) await removeObject(key);
    add('stray-inbox', key, `no batch ${batchId} (stored ${since})${fix ? '; deleted' : ripe ? '' : '; kept until it is an hour old'}`, fix);
  }

  // A document may have been indexed between our two reads: look once more before reporting it.
  const indexedNow = unindexed.length ? await collect(deps.search.ids()) : indexIds;
  // The scan of a void agenda entry stays out of the index on purpose.
  const voidScans = await unsearchable(deps.db, unindexed);
  const toIndex = unindexed.filter((d) => !indexedNow.has(d.id) && !voidScans.has(d.id));
  if (o.repair) {
    await inChunks(toIndex, chunk, async (part) => {
      await deps.search.upsert(await loadSearchDocuments(deps.db, await deps.db.documents.findManyByIds(part.map((d) => d.id))));
    });
  }
  for (const d of toIndex) add('missing-from-index', d.id, `${d.status} document is not in the search index${o.repair ? '; indexed' : ''}`, o.repair);

  if (o.repair) await inChunks([...strayIndex], chunk, (part) => deps.search.remove(part));
  for (const id of strayIndex) add('stray-index-entry', id, `no document with this id${o.repair ? '; removed from the index' : ''}`, o.repair);

  // Every healthy document in `processing` has a queued or running job for it; the rest are stuck.
  const pending = await deps.db.jobs.activeSubjects([EXTRACT_JOB, INDEX_JOB], 'documentId');
  const candidates = processing.filter((id) => !pending.has(id));
  const stuck = (await inChunks(candidates, chunk, (part) => deps.db.documents.findManyByIds(part))).filter((d) => d.status === 'processing');
  const requeue = o.repair ? stuck.filter((d) => !lost.has(d.id)) : [];
  // Previews are rebuilt from the original, so one whose original is missing cannot be.
  const noPreviews = (await stillUnpreviewed(deps, unpreviewed)).filter((id) => !lost.has(id));
  const rerender = o.repair ? noPreviews : [];
  const repairedKinds = findings.filter((f) => f.repaired).map((f) => f.kind);
  if (requeue.length || rerender.length || repairedKinds.length) {
    await deps.db.transaction(async (tx) => {
      const job = (type: JobType, documentId: string) => tx.jobs.enqueue({ type, payload: { documentId }, runAt: now, maxAttempts: deps.jobs.maxAttempts });
      for (const d of requeue) await job(EXTRACT_JOB, d.id);
      for (const id of rerender) await job(PREVIEW_JOB, id);
      const repaired: Record<string, number> = {};
      for (const k of [...repairedKinds, ...requeue.map(() => 'stuck-processing'), ...rerender.map(() => 'missing-previews')])
        repaired[k] = (repaired[k] ?? 0) + 1;
      await tx.audit.append({
        at: now,
        actorId: null,
        action: 'admin.reconcile_repair',
        targetType: 'system',
        targetId: null,
        details: { repaired, requeued: requeue.map((d) => d.id), ...(rerender.length ? { rerendered: rerender } : {}) },
      });
    });
    if (requeue.length || rerender.length) deps.jobsEnqueued?.();
  }
  for (const d of stuck) {
    const fixed = requeue.includes(d);
    add(
      'stuck-processing',
      d.id,
      `processing with no queued or running job${fixed ? '; extraction enqueued' : lost.has(d.id) ? ' (its original is missing)' : ''}`,
      fixed,
    );
  }

  for (const id of noPreviews)
    add('missing-previews', id, `ready document without a thumbnail or page images${o.repair ? '; rendering enqueued' : ''}`, o.repair);

  return {
    checked: { documents, originals: stored.size, inboxObjects: inbox.length, indexEntries: indexIds.size },
    findings,
    notes,
    unrepaired: findings.filter((f) => !f.repaired).length,
  };
};
