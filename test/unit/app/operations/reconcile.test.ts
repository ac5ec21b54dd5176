import { expect } from 'chai';
import type { AppDeps } from '../../../../src/app/deps.ts';
import { originalKey, thumbnailKey } from '../../../../src/app/documents/keys.ts';
import { ORPHAN_GRACE_MS, reconcile } from '../../../../src/app/operations/reconcile.ts';
import type { NewAuditEntry } from '../../../../src/domain/audit-chain.ts';
import type { DocumentRecord, DocumentStatus } from '../../../../src/domain/document.ts';
import { AppError } from '../../../../src/domain/errors.ts';
import type { BatchItemRecord } from '../../../../src/ports/repositories.ts';

const sha = (n: number) => n.toString(16).padStart(64, '0');

/**
 * Database, storage and index in memory, with only what reconcile calls. Hooks run at the
 * moments a concurrent upload could commit: after storage is listed, after documents are read.
 */
const world = () => {
  const docs = new Map<string, DocumentRecord>();
  const blobs = new Map<string, Buffer>();
  const index = new Set<string>();
  const batches = new Map<string, BatchItemRecord[]>();
  const activeFor = new Set<string>();
  const enqueued: { type: string; payload: Record<string, unknown> }[] = [];
  const audit: NewAuditEntry[] = [];
  const hooks: { afterOriginalsListed?: () => void; afterDocumentsRead?: () => void } = {};
  let now = new Date('2026-11-23T10:00:00Z');
  const storedAt = new Date(now); // every object in this world was written at the start

  const addDoc = (n: number, status: DocumentStatus, o: { stored?: boolean; indexed?: boolean; pages?: number } = {}) => {
    const id = `doc-${n}`;
    const d = {
      id,
      status,
      sha256: sha(n),
      storageKey: originalKey(sha(n)),
      title: id,
      tags: [],
      createdAt: new Date(0),
      retention: { phase: 'active' },
      pages: o.pages,
    } as unknown as DocumentRecord;
    docs.set(id, d);
    if (o.stored ?? true) blobs.set(d.storageKey, Buffer.from('x'));
    if (o.indexed ?? status !== 'processing') index.add(id);
    return d;
  };
  const transactional = {
    jobs: { enqueue: async (j: { type: string; payload: Record<string, unknown> }) => void enqueued.push({ type: j.type, payload: j.payload }) },
    audit: { append: async (e: NewAuditEntry) => void audit.push(e) },
  };
  const db = {
    documents: {
      async listIds(after: string | null, limit: number) {
        const ids = [...docs.keys()]
          .sort()
          .filter((id) => after === null || id > after)
          .slice(0, limit);
        if (ids.length === 0) hooks.afterDocumentsRead?.();
        return ids;
      },
      findManyByIds: async (ids: string[]) => ids.flatMap((id) => (docs.has(id) ? [{ ...docs.get(id)! }] : [])),
      findBySha256: async (s: string) => [...docs.values()].find((d) => d.sha256 === s) ?? null,
    },
    pages: { get: async () => [], getMany: async (ids: string[]) => new Map(ids.map((id) => [id, []])) },
    readers: { of: async () => [], ofMany: async (ids: string[]) => new Map(ids.map((id) => [id, []])) },
    // No agenda entry here is void: every document belongs in the index.
    incoming: { voidScans: async () => new Set<string>() },
    batches: { findById: async (id: string) => (batches.has(id) ? { id } : null), items: async (id: string) => batches.get(id) ?? [] },
    jobs: { activeSubjects: async () => new Set(activeFor) },
    transaction: async <T>(fn: (tx: typeof transactional) => Promise<T>) => fn(transactional),
  };
  const store = {
    async *list(prefix: string) {
      for (const k of [...blobs.keys()].filter((key) => key.startsWith(prefix))) yield k;
      if (prefix === 'originals/') hooks.afterOriginalsListed?.();
    },
    stat: async (key: string) => (blobs.has(key) ? { size: blobs.get(key)!.length, modifiedAt: storedAt } : null),
    delete: async (key: string) => void blobs.delete(key),
    async getBuffer(key: string) {
      if (!blobs.has(key)) throw new AppError('not_found', key);
      return blobs.get(key)!;
    },
    putBuffer: async (key: string, data: Buffer) => void blobs.set(key, data),
  };
  const search = {
    async *ids() {
      for (const id of [...index]) yield id;
    },
    upsert: async (d: { id: string }[]) => d.forEach((x) => index.add(x.id)),
    remove: async (ids: string[]) => ids.forEach((id) => index.delete(id)),
  };
  const deps = () => ({ db, blobs: store, search, clock: { now: () => now }, jobs: { maxAttempts: 3 } }) as unknown as AppDeps;
  const later = (ms: number) => (now = new Date(now.getTime() + ms));
  return { docs, blobs, index, batches, activeFor, enqueued, audit, hooks, addDoc, deps, later };
};

const summary = (r: Awaited<ReturnType<typeof reconcile>>) => r.findings.map((f) => `${f.kind} ${f.subject}${f.repaired ? ' (repaired)' : ''}`);

describe('reconcile (unit)', () => {
  it('does not mistake an upload committed during the run for damage', async () => {
    const w = world();
    w.addDoc(1, 'ready');
    // Stored and committed after storage was listed, indexed after the index was read.
    w.hooks.afterOriginalsListed = () => w.addDoc(2, 'ready');
    // Stored before the listing, its row committed after the documents were read.
    w.blobs.set(originalKey(sha(3)), Buffer.from('x'));
    w.hooks.afterDocumentsRead = () => w.addDoc(3, 'processing');
    const report = await reconcile(w.deps(), { repair: true });
    expect(summary(report)).to.deep.equal([]);
    expect(w.blobs.has(originalKey(sha(3)))).to.equal(true);
  });

  it('leaves processing documents that have a pending job alone, and re-enqueues those that have none', async () => {
    const w = world();
    w.addDoc(1, 'processing');
    w.addDoc(2, 'processing', { stored: false });
    w.addDoc(3, 'processing');
    w.activeFor.add('doc-3');
    const report = await reconcile(w.deps(), { repair: true });
    expect(summary(report)).to.deep.equal(['missing-original doc-2', 'stuck-processing doc-1 (repaired)', 'stuck-processing doc-2']);
    expect(report.unrepaired).to.equal(2);
    // The job and its audit entry commit together; a document without its original is not retried.
    expect(w.enqueued).to.deep.equal([{ type: 'extract-text', payload: { documentId: 'doc-1' } }]);
    expect(w.audit).to.have.length(1);
    expect(w.audit[0]).to.deep.include({
      action: 'admin.reconcile_repair',
      actorId: null,
      details: { repaired: { 'stuck-processing': 1 }, requeued: ['doc-1'] },
    });
  });

  it('deletes inbox objects of finished items at once, and unclaimed objects only once they are an hour old', async () => {
    const w = world();
    w.batches.set('b1', [
      { batchId: 'b1', seq: 1, filename: 'a.pdf', status: 'received', inboxKey: 'inbox/b1/1', documentId: null, error: null },
      { batchId: 'b1', seq: 2, filename: 'b.pdf', status: 'accepted', inboxKey: 'inbox/b1/2', documentId: 'doc-9', error: null },
    ]);
    for (const k of ['inbox/b1/1', 'inbox/b1/2', 'inbox/gone/1', originalKey(sha(7))]) w.blobs.set(k, Buffer.from('x'));

    const first = await reconcile(w.deps(), { repair: true });
    expect(summary(first)).to.deep.equal([`orphan-original ${originalKey(sha(7))}`, 'stray-inbox inbox/b1/2 (repaired)', 'stray-inbox inbox/gone/1']);

    w.later(ORPHAN_GRACE_MS - 1000);
    expect(summary(await reconcile(w.deps(), { repair: true }))).to.deep.equal([`orphan-original ${originalKey(sha(7))}`, 'stray-inbox inbox/gone/1']);

    w.later(1000);
    const ripe = await reconcile(w.deps(), { repair: true });
    expect(summary(ripe)).to.deep.equal([`orphan-original ${originalKey(sha(7))} (repaired)`, 'stray-inbox inbox/gone/1 (repaired)']);
    expect([...w.blobs.keys()].sort()).to.deep.equal(['inbox/b1/1']);
  });

  it('indexes what is missing and removes what has no document, only with --repair', async () => {
    const w = world();
    w.addDoc(1, 'ready', { indexed: false });
    w.addDoc(2, 'failed', { indexed: false });
    w.index.add('ghost');
    const dry = await reconcile(w.deps(), { repair: false });
    expect(summary(dry)).to.deep.equal(['missing-from-index doc-1', 'missing-from-index doc-2', 'stray-index-entry ghost']);
    expect([...w.index].sort()).to.deep.equal(['ghost']);
    const fixed = await reconcile(w.deps(), { repair: true });
    expect(fixed.unrepaired).to.equal(0);
    expect([...w.index].sort()).to.deep.equal(['doc-1', 'doc-2']);
    expect(summary(await reconcile(w.deps(), { repair: false }))).to.deep.equal([]);
  });

  it('finds ready documents without previews (archived before previews existed) and has them rendered, only with --repair', async () => {
    const w = world();
    w.addDoc(1, 'ready', { pages: 2 });
    w.addDoc(2, 'ready', { pages: 1 });
    w.blobs.set(thumbnailKey('doc-2'), Buffer.from('jpeg'));
    w.addDoc(3, 'ready', { pages: 1 });
    w.activeFor.add('doc-3'); // its render job is queued
    w.addDoc(4, 'failed', { pages: 1 });
    w.addDoc(5, 'ready', { pages: 1, stored: false });
    w.addDoc(6, 'ready'); // no pages: nothing to render
    expect(summary(await reconcile(w.deps(), { repair: false }))).to.deep.equal(['missing-original doc-5', 'missing-previews doc-1']);
    expect(w.enqueued).to.deep.equal([]);

    const fixed = await reconcile(w.deps(), { repair: true });
    expect(summary(fixed)).to.deep.equal(['missing-original doc-5', 'missing-previews doc-1 (repaired)']);
    expect(w.enqueued).to.deep.equal([{ type: 'render-previews', payload: { documentId: 'doc-1' } }]);
    expect(w.audit[0]).to.deep.include({ details: { repaired: { 'missing-previews': 1 }, requeued: [], rerendered: ['doc-1'] } });

    // Rendered meanwhile: not reported again.
    w.blobs.set(thumbnailKey('doc-1'), Buffer.from('jpeg'));
    expect(summary(await reconcile(w.deps(), { repair: false }))).to.deep.equal(['missing-original doc-5']);
  });
});
