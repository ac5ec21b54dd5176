import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { firstBrokenEntry, GENESIS_HASH } from '../../src/domain/audit-chain.ts';
import { AppError } from '../../src/domain/errors.ts';
import { MIGRATION_NAMES } from '../../src/infra/db/migrate.ts';
import { openSequelizeDatabase } from '../../src/infra/db/sequelize.database.ts';
import type { Database, NewDocument } from '../../src/ports/repositories.ts';
import { databaseTargets, type TestDatabase } from '../support/databases.ts';

const newDoc = (over: Partial<NewDocument> = {}): NewDocument => ({
  id: randomUUID(),
  kind: 'document',
  title: 'Surat undangan rapat',
  sha256: randomUUID().replace(/-/g, '').padEnd(64, '0'),
  size: 10,
  mimeType: 'application/pdf',
  storageKey: 'originals/aa/bb/x',
  originalName: 'undangan.pdf',
  pages: 1,
  classificationCode: '005',
  retention: { recordDate: '2025-01-02', phase: 'unclassified', activeUntil: null, inactiveUntil: null, finalDisposition: null },
  securityLevel: 'biasa',
  unitCode: 'BKD',
  documentDate: '2025-03-01',
  tags: ['rapat'],
  letterNumber: null,
  sender: null,
  createdBy: 'u1',
  batchId: null,
  ...over,
});

for (const target of databaseTargets()) {
  describe(`database contract (${target.name})`, function () {
    this.timeout(60_000);
    let tdb: TestDatabase;
    let db: Database;

    beforeEach(async () => {
      tdb = await target.create();
      db = await openSequelizeDatabase(tdb.config);
    });
    afterEach(async () => {
      await db.close();
      await tdb.drop();
    });

    it('migrates an empty database through every migration, and idempotently: a second open applies nothing and keeps data', async () => {
      // The other tests start from a copy of the run's migrated template; this one from nothing.
      const empty = await target.create({ empty: true });
      try {
        const first = await openSequelizeDatabase(empty.config);
        expect(first.appliedMigrations).to.deep.equal([...MIGRATION_NAMES]);
        await first.units.create({ code: 'BKD', name: 'Badan Kepegawaian Daerah', parentCode: null });
        await first.close();
        const again = await openSequelizeDatabase(empty.config);
        expect(again.appliedMigrations).to.deep.equal([]);
        expect((await again.units.findByCode('BKD'))?.name).to.equal('Badan Kepegawaian Daerah');
        await again.close();
      } finally {
        await empty.drop();
      }
    });

    it('refuses a second user with the same username as a conflict', async () => {
      const u = {
        id: randomUUID(),
        username: 'siti',
        passwordHash: 'h',
        name: 'Siti',
        roles: ['clerk' as const, 'staff' as const],
        unitCode: 'BKD',
        clearance: 'biasa' as const,
        disabled: false,
        totpSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
      };
      await db.users.create(u);
      const err = await db.users.create({ ...u, id: randomUUID() }).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(AppError).with.property('code', 'conflict');
      expect((await db.users.findByUsername('siti'))?.id).to.equal(u.id);
      expect((await db.users.findByUsername('siti'))?.roles).to.deep.equal(['clerk', 'staff']);
    });

    it('keeps one document per sha256 and rolls back a whole transaction on conflict', async () => {
      const doc = newDoc();
      await db.documents.create(doc, new Date());
      const err = await db
        .transaction(async (tx) => {
          await tx.jobs.enqueue({ type: 'extract-text', payload: {}, runAt: new Date(), maxAttempts: 3 });
          await tx.documents.create(newDoc({ sha256: doc.sha256 }), new Date());
        })
        .catch((e: unknown) => e);
      expect(err).to.be.instanceOf(AppError).with.property('code', 'conflict');
      expect(await db.jobs.countByState()).to.deep.equal({ queued: 0, running: 0, done: 0, failed: 0 });
      const back = await db.documents.findById(doc.id);
      expect(back?.tags).to.deep.equal(['rapat']);
      expect(back?.status).to.equal('processing');
    });

    it('stores page text and replaces it whole', async () => {
      const doc = newDoc();
      await db.documents.create(doc, new Date());
      await db.pages.replace(doc.id, [
        { page: 1, text: 'satu', source: 'ocr', confidence: 91.5 },
        { page: 2, text: 'dua', source: 'pdf-text' },
      ]);
      await db.pages.replace(doc.id, [{ page: 1, text: 'baru', source: 'pdf-text' }]);
      expect(await db.pages.get(doc.id)).to.deep.equal([{ page: 1, text: 'baru', source: 'pdf-text' }]);
    });

    it('reads the pages of many documents at once', async () => {
      const a = newDoc();
      const b = newDoc();
      await db.documents.create(a, new Date());
      await db.documents.create(b, new Date());
      await db.pages.replace(a.id, [
        { page: 2, text: 'dua', source: 'ocr' },
        { page: 1, text: 'satu', source: 'ocr' },
      ]);
      const many = await db.pages.getMany([a.id, b.id, 'none']);
      expect(many.get(a.id)!.map((p) => p.text)).to.deep.equal(['satu', 'dua']);
      expect(many.get(b.id)).to.deep.equal([]);
      expect(many.get('none')).to.deep.equal([]);
    });

    it('names the subjects of queued and running jobs only', async () => {
      const past = new Date(Date.now() - 1000);
      await db.jobs.enqueue({ type: 'extract-text', payload: { documentId: 'd1' }, runAt: past, maxAttempts: 3 });
      const done = await db.jobs.enqueue({ type: 'extract-text', payload: { documentId: 'd2' }, runAt: past, maxAttempts: 3 });
      await db.jobs.enqueue({ type: 'index-document', payload: { documentId: 'd3' }, runAt: past, maxAttempts: 3 });
      const claimed = await db.jobs.claim('w', 10_000, 10, new Date(), ['extract-text']);
      await db.jobs.complete(claimed.find((j) => j.id === done.id)!.id, 'w');
      expect([...(await db.jobs.activeSubjects(['extract-text'], 'documentId'))]).to.deep.equal(['d1']);
    });

    it('never gives one job to two concurrent claimers', async () => {
      for (let i = 0; i < 20; i++) await db.jobs.enqueue({ type: 'fixity-run', payload: { i }, runAt: new Date(Date.now() - 1000), maxAttempts: 3 });
      const now = new Date();
      const results = await Promise.all(['a', 'b', 'c', 'd'].map((o) => db.jobs.claim(o, 30_000, 10, now)));
      const ids = results.flat().map((j) => j.id);
      expect(new Set(ids).size).to.equal(ids.length);
      expect(ids.length).to.equal(20);
    });

    it('retries with a new run time, reclaims an expired lease, and fails for good after the last attempt', async () => {
      const job = await db.jobs.enqueue({ type: 'fixity-run', payload: {}, runAt: new Date(Date.now() - 1000), maxAttempts: 2 });
      const t0 = new Date();
      const [c1] = await db.jobs.claim('w1', 1000, 1, t0);
      expect(c1?.attempts).to.equal(1);
      expect(await db.jobs.fail(job.id, 'w1', 'boom', new Date(t0.getTime() + 5000), true)).to.equal(true);
      expect(await db.jobs.claim('w1', 1000, 1, t0)).to.have.length(0); // not due yet
      const [c2] = await db.jobs.claim('w2', 1000, 1, new Date(t0.getTime() + 6000));
      expect(c2?.attempts).to.equal(2);
      expect(await db.jobs.complete(job.id, 'w1')).to.equal(false); // w1 lost it
      // w2 dies holding its last attempt: once the lease expires, the job fails with a reason and
      // is handed back as failed (not to run), so the claimer can settle its document.
      const [expired] = await db.jobs.claim('w3', 1000, 1, new Date(t0.getTime() + 8000));
      expect(expired).to.include({ id: job.id, state: 'failed' });
      const after = await db.jobs.findById(job.id);
      expect(after?.state).to.equal('failed');
      expect(after?.lastError).to.match(/lease expired/);
    });

    it('gives an attempt back for an outage retry', async () => {
      const job = await db.jobs.enqueue({ type: 'fixity-run', payload: {}, runAt: new Date(Date.now() - 1000), maxAttempts: 1 });
      await db.jobs.claim('w', 1000, 1, new Date());
      await db.jobs.fail(job.id, 'w', 'search down', new Date(Date.now() - 1), false);
      const [again] = await db.jobs.claim('w', 1000, 1, new Date());
      expect(again?.attempts).to.equal(1);
    });

    it('appends audit entries in strict order under concurrency and the chain verifies', async () => {
      await Promise.all(
        Array.from({ length: 25 }, (_, i) =>
          db.transaction((tx) =>
            tx.audit.append({
              at: new Date(),
              actorId: 'u1',
              action: 'test.append',
              targetType: 'test',
              targetId: `d${i}`,
              details: { i, nested: { b: 1, a: 2 } },
            }),
          ),
        ),
      );
      const entries = await db.audit.scan(0, 100);
      expect(entries.map((e) => e.seq)).to.deep.equal(Array.from({ length: 25 }, (_, i) => i + 1));
      expect(firstBrokenEntry(entries, GENESIS_HASH)).to.equal(null);
      const page = await db.audit.list({ targetId: 'd3' }, { userId: 'x', unitCodes: 'all', levels: ['biasa'] }, 1, 10);
      expect(page.total).to.equal(1);
    });
  });
}

for (const target of databaseTargets()) {
  describe(`grants and counters (${target.name})`, function () {
    this.timeout(60_000);
    let tdb: TestDatabase;
    let db: Database;
    before(async () => {
      tdb = await target.create();
      db = await openSequelizeDatabase(tdb.config);
    });
    after(async () => {
      await db?.close();
      await tdb?.drop();
    });

    it('hands out 1..N without gaps or repeats to concurrent transactions, and reuses a rolled-back number', async () => {
      await db.counters.ensure('agenda:BKD:2026');
      await db.counters.ensure('agenda:BKD:2026'); // twice is harmless
      const got = await Promise.all(Array.from({ length: 40 }, () => db.transaction((tx) => tx.counters.next('agenda:BKD:2026'))));
      expect([...got].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 40 }, (_, i) => i + 1));
      const failed = await db
        .transaction(async (tx) => {
          await tx.counters.next('agenda:BKD:2026');
          throw new Error('the registration failed after taking a number');
        })
        .catch((e: Error) => e.message);
      expect(failed).to.match(/registration failed/);
      expect(await db.transaction((tx) => tx.counters.next('agenda:BKD:2026'))).to.equal(41);
      expect(await db.transaction((tx) => tx.counters.next('agenda:BKD:2027'))).to.equal(1);
      const outside = await db.counters.next('x').catch((e: Error) => e.message);
      expect(outside).to.match(/inside a transaction/);
    });

    it('gives each period of a shared schedule to exactly one of many claimers, then none until the next is due', async () => {
      const t0 = new Date('2026-03-01T00:00:00Z');
      const next = new Date(t0.getTime() + 3600_000);
      const first = await Promise.all(Array.from({ length: 8 }, () => db.schedules.claim('retention-pass', t0, next)));
      expect(first.filter(Boolean)).to.have.length(1);
      expect(await db.schedules.claim('retention-pass', new Date(t0.getTime() + 60_000), next)).to.equal(false);
      const later = new Date(next.getTime() + 1);
      const second = await Promise.all(Array.from({ length: 8 }, () => db.schedules.claim('retention-pass', later, new Date(later.getTime() + 3600_000))));
      expect(second.filter(Boolean)).to.have.length(1);
      await db.schedules.dueNow('retention-pass', later);
      expect(await db.schedules.claim('retention-pass', later, new Date(later.getTime() + 3600_000))).to.equal(true);
    });

    it('grants readers once and reads them back, one document or many', async () => {
      const now = new Date();
      await db.readers.grant('doc-1', ['u1', 'u2', 'u1'], 'disposition', now);
      await db.readers.grant('doc-1', ['u2'], 'review', now);
      expect((await db.readers.of('doc-1')).sort()).to.deep.equal(['u1', 'u2']);
      const many = await db.readers.ofMany(['doc-1', 'doc-2']);
      expect(many.get('doc-2')).to.deep.equal([]);
      expect(many.get('doc-1')?.sort()).to.deep.equal(['u1', 'u2']);
    });
  });
}

for (const target of databaseTargets()) {
  describe(`database migrations under concurrency (${target.name})`, function () {
    this.timeout(60_000);
    it('several processes opening a new database at once all succeed and apply each migration once', async () => {
      const tdb = await target.create({ empty: true });
      try {
        const dbs = await Promise.all([1, 2, 3].map(() => openSequelizeDatabase(tdb.config)));
        // Between them they applied every migration, each exactly once.
        expect(dbs.flatMap((d) => d.appliedMigrations).sort()).to.deep.equal([...MIGRATION_NAMES].sort());
        await dbs[0]!.units.create({ code: 'X', name: 'x', parentCode: null });
        expect((await dbs[2]!.units.all()).map((u) => u.code)).to.deep.equal(['X']);
        for (const d of dbs) await d.close();
      } finally {
        await tdb.drop();
      }
    });
  });
}
