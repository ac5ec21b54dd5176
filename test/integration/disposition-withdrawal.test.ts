import { expect } from 'chai';
import { forEachDatabase } from '../support/for-each-database.ts';
import { incomingLetter } from '../support/factories.ts';
import { api, expectProblem } from '../support/http.ts';
import { approvedLetter, issueCertificate, people, person, setUpUnits, sign } from '../support/sign-office.ts';

const everything = {
  userId: 'test',
  unitCodes: 'all' as const,
  levels: ['biasa' as const, 'terbatas' as const, 'rahasia' as const, 'sangat_rahasia' as const],
};
type Json = Record<string, unknown>;

forEachDatabase(
  (db) => `withdrawing a disposition, and the notices people wait for (HTTP, ${db})`,
  { timeout: 180_000 },
  ({ app }) => {
    const t: Record<string, string> = {};
    const ids: Record<string, string> = {};

    const register = async (seed: number) => {
      const r = await incomingLetter(app, t.clerk!, seed, { urgency: 'segera', securityLevel: 'biasa' });
      return { id: r.id, documentId: r.documentId, subject: r.letter.subject };
    };
    const dispose = async (letterId: string, to: Json[]) => {
      const r = await api(app, t.head!, 'POST', `/api/v1/letters/incoming/${letterId}/dispositions`, { to, instruction: 'Mohon ditindaklanjuti' });
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
      return (r.body.items as Json[]).map((d) => String(d.id));
    };
    const notices = async (who: string, kind: string) =>
      ((await api(app, t[who]!, 'GET', '/api/v1/notifications')).body.items as Json[]).filter((n) => n.kind === kind);
    const inbox = async (who: string) => ((await api(app, t[who]!, 'GET', '/api/v1/dispositions/inbox')).body.items as Json[]).map((d) => d.id);
    const withdraw = (who: string, id: string) => api(app, t[who]!, 'POST', `/api/v1/dispositions/${id}/withdraw`);

    before(async () => {
      await setUpUnits(app);
      await people(
        app,
        [
          ['clerk', 'tu.org', 'clerk', 'ORG'],
          ['head', 'kadis', 'official', 'ORG'],
          ['ana', 'ana.bkd', 'staff', 'BKD'],
          ['budi', 'budi.bkd', 'staff', 'BKD'],
        ],
        ids,
        t,
      );
    });

    it('tells the unit official a letter was registered, and the recipient of a new disposition', async () => {
      const L = await register(501);
      const registered = await notices('head', 'incoming_registered');
      expect(registered.map((n) => n.subjectId)).to.include(L.id);
      expect(String(registered[0]!.message)).to.include(L.subject.slice(0, 30));
      expect(await notices('clerk', 'incoming_registered')).to.deep.equal([]);
      const [d] = await dispose(L.id, [{ userId: ids.ana }]);
      expect((await notices('ana', 'disposition_new')).map((n) => n.subjectId)).to.deep.equal([d]);
      // To a unit: each of its members hears of it.
      const [u] = await dispose(L.id, [{ unitCode: 'BKD' }]);
      expect((await notices('budi', 'disposition_new')).map((n) => n.subjectId)).to.include(u);
    });

    it('lets the sender withdraw an unread disposition: it leaves the inbox, is audited and the recipient is told; once read it is 409', async () => {
      const L = await register(502);
      const [unread, read] = await dispose(L.id, [{ userId: ids.ana }, { userId: ids.budi }]);
      expect(await inbox('ana')).to.include(unread);
      // Only its sender withdraws it.
      expectProblem(await withdraw('ana', unread!), 403);
      const r = await withdraw('head', unread!);
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      expect(r.body.status).to.equal('withdrawn');
      expect(await inbox('ana')).to.not.include(unread);
      expect((await notices('ana', 'disposition_withdrawn')).map((n) => n.subjectId)).to.deep.equal([unread]);
      const audit = (await app.naskah.deps.db.audit.list({ action: 'letter.disposition_withdraw' }, everything, 1, 10)).items;
      expect(audit.map((a) => (a.details as Json).dispositionId)).to.include(unread);
      expectProblem(await withdraw('head', unread!), 409); // withdrawn already

      // Budi opens his: read, so no longer withdrawn.
      expect((await api(app, t.budi!, 'GET', `/api/v1/dispositions/${read}`)).status).to.equal(200);
      expectProblem(await withdraw('head', read!), 409);
      expect(await inbox('budi')).to.include(read);
      expect((await api(app, t.clerk!, 'GET', `/api/v1/letters/incoming/${L.id}`)).body.status).to.equal('disposed');
    });

    it('puts the letter back to registered when its only disposition is withdrawn', async () => {
      const L = await register(503);
      const [d] = await dispose(L.id, [{ userId: ids.ana }]);
      expect((await withdraw('head', d!)).status).to.equal(200);
      expect((await api(app, t.clerk!, 'GET', `/api/v1/letters/incoming/${L.id}`)).body.status).to.equal('registered');
      expectProblem(await api(app, t.head!, 'POST', '/api/v1/dispositions/bukan-id/withdraw'), 422);
    });

    it('tells the sender when a disposition is reported back', async () => {
      const L = await register(504);
      const [d] = await dispose(L.id, [{ userId: ids.ana }]);
      const r = await api(app, t.ana!, 'POST', `/api/v1/dispositions/${d}/complete`, { report: 'Sudah ditindaklanjuti' });
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      expect((await notices('head', 'disposition_report')).map((n) => n.subjectId)).to.deep.equal([d]);
    });

    it('tells the drafter when the letter is signed', async () => {
      const drafter = await person(app, 'konseptor', 'staff', 'BKD');
      const signer = await person(app, 'kaban', 'official', 'BKD');
      expect((await issueCertificate(app, signer, 'pin-tanda-tangan')).status).to.equal(201);
      const id = await approvedLetter(app, drafter, signer);
      expect((await api(app, signer.token, 'GET', '/api/v1/notifications')).body.items).to.satisfy((items: Json[]) =>
        items.some((n) => n.kind === 'outgoing_sign' && n.subjectId === id),
      );
      const s = await sign(app, signer, id, { pin: 'pin-tanda-tangan', totp: app.nextTotp('kaban') });
      expect(s.status, JSON.stringify(s.body)).to.equal(200);
      const told = ((await api(app, drafter.token, 'GET', '/api/v1/notifications')).body.items as Json[]).filter((n) => n.kind === 'outgoing_signed');
      expect(told.map((n) => n.subjectId)).to.deep.equal([id]);
      expect(String(told[0]!.message)).to.include(String(s.body.letterNumber));
    });
  },
);
