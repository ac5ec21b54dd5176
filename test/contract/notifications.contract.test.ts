import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import type { NotificationRecord } from '../../src/domain/correspondence.ts';
import { openSequelizeDatabase } from '../../src/infra/db/sequelize.database.ts';
import type { Database } from '../../src/ports/repositories.ts';
import { databaseTargets, type TestDatabase } from '../support/databases.ts';

const t0 = new Date('2025-03-10T01:00:00.000Z');
const note = (over: Partial<NotificationRecord> = {}): NotificationRecord => ({
  id: randomUUID(),
  userId: 'u1',
  kind: 'due_soon',
  dedupeKey: `disposition:${randomUUID()}:due_soon:u1`,
  subjectType: 'disposition',
  subjectId: randomUUID(),
  message: 'Pengingat: disposisi jatuh tempo 2025-03-10 16:00 WIB — due',
  readAt: null,
  emailState: 'pending',
  createdAt: t0,
  ...over,
});

for (const target of databaseTargets()) {
  describe(`notification repository contract (${target.name})`, function () {
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

    it('add records a dedupe key once, even when many try it at the same moment', async () => {
      const key = 'disposition:d1:overdue:u1';
      const results = await Promise.all(Array.from({ length: 8 }, () => db.notifications.add(note({ dedupeKey: key }))));
      expect(results.filter(Boolean)).to.have.length(1);
      expect(await db.notifications.add(note({ dedupeKey: key }))).to.equal(false);
      expect((await db.notifications.listFor('u1', false, 1, 100)).total).to.equal(1);
      // Inside a transaction too (the transaction survives the refused insert).
      await db.transaction(async (tx) => {
        expect(await tx.notifications.add(note({ dedupeKey: key }))).to.equal(false);
        expect(await tx.notifications.add(note({ dedupeKey: `${key}:x` }))).to.equal(true);
      });
      expect((await db.notifications.listFor('u1', false, 1, 100)).total).to.equal(2);
    });

    it('lists a user’s own, newest first, paged, optionally unread only; round-trips every field', async () => {
      const a = note({ createdAt: new Date(t0.getTime() + 1) });
      const b = note({ createdAt: new Date(t0.getTime() + 2), kind: 'due_today' });
      const other = note({ userId: 'u2' });
      for (const n of [a, b, other]) await db.notifications.add(n);
      const page1 = await db.notifications.listFor('u1', false, 1, 1);
      expect(page1.total).to.equal(2);
      expect(page1.items).to.deep.equal([b]);
      expect((await db.notifications.listFor('u1', false, 2, 1)).items.map((n) => n.id)).to.deep.equal([a.id]);

      const readAt = new Date('2025-03-10T02:00:00.123Z');
      expect(await db.notifications.markRead(a.id, 'u1', readAt)).to.equal(true);
      expect(await db.notifications.markRead(a.id, 'u1', new Date())).to.equal(true); // again: still theirs, first readAt kept
      expect(await db.notifications.markRead(a.id, 'u2', new Date())).to.equal(false); // not theirs
      expect(await db.notifications.markRead(randomUUID(), 'u1', new Date())).to.equal(false);
      expect((await db.notifications.listFor('u1', true, 1, 10)).items.map((n) => n.id)).to.deep.equal([b.id]);
      expect((await db.notifications.listFor('u1', false, 1, 10)).items.find((n) => n.id === a.id)!.readAt).to.deep.equal(readAt);
    });

    it('finds a notification by id; the email state moves only by compare-and-set', async () => {
      const older = note({ createdAt: new Date(t0.getTime() - 1000) });
      const none = note({ emailState: 'none' });
      for (const n of [none, older]) await db.notifications.add(n);
      expect(await db.notifications.findById(older.id)).to.deep.include({ id: older.id, emailState: 'pending', message: older.message });
      expect(await db.notifications.findById(randomUUID())).to.equal(null);

      const takes = await Promise.all([1, 2, 3, 4].map(() => db.notifications.setEmailState(older.id, 'pending', 'sending')));
      expect(takes.filter(Boolean)).to.have.length(1);
      expect(await db.notifications.setEmailState(older.id, 'pending', 'sent')).to.equal(false);
      expect(await db.notifications.setEmailState(older.id, 'sending', 'sent')).to.equal(true);
      expect((await db.notifications.findById(older.id))!.emailState).to.equal('sent');
    });

    it('keeps a user’s email address (null when none)', async () => {
      const base = {
        username: 'siti',
        passwordHash: 'h',
        name: 'Siti',
        roles: ['staff' as const],
        unitCode: 'BKD',
        clearance: 'biasa' as const,
        disabled: false,
        totpSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
      };
      const u = await db.users.create({ ...base, id: randomUUID() });
      expect((await db.users.findById(u.id))!.email).to.equal(null);
      await db.users.update(u.id, { email: 'siti@bkd.example.go.id' });
      expect((await db.users.findById(u.id))!.email).to.equal('siti@bkd.example.go.id');
      const v = await db.users.create({ ...base, id: randomUUID(), username: 'rina', email: 'rina@bkd.example.go.id' });
      expect((await db.users.findById(v.id))!.email).to.equal('rina@bkd.example.go.id');
    });
  });
}
