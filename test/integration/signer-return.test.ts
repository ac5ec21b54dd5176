import { expect } from 'chai';
import { forEachDatabase } from '../support/for-each-database.ts';
import { api, expectProblem } from '../support/http.ts';
import { approvedLetter, everything, issueCertificate, OUT, type Person, person, setUpUnits, sign } from '../support/sign-office.ts';

type Json = Record<string, unknown>;

forEachDatabase(
  (db) => `the signer returns an approved draft with a comment (HTTP, ${db})`,
  { timeout: 120_000 },
  ({ app }) => {
    const p: Record<string, Person> = {};

    before(async () => {
      await setUpUnits(app);
      p.konseptor = await person(app, 'konseptor', 'staff', 'BKD');
      p.pemeriksa = await person(app, 'pemeriksa', 'staff', 'BKD');
      p.kaban = await person(app, 'kaban', 'official', 'BKD');
      expect((await issueCertificate(app, p.kaban, 'pin-tanda-tangan')).status).to.equal(201);
    });

    it('returns it to the drafter, who is told; the comment is kept on the letter and it can no longer be signed', async () => {
      const id = await approvedLetter(app, p.konseptor!, p.kaban!, [p.pemeriksa!]);
      // Only the signer, and only with a comment.
      expectProblem(await api(app, p.kaban!.token, 'POST', `${OUT}/${id}/return`, { comment: '  ' }), 422);
      expectProblem(await api(app, p.pemeriksa!.token, 'POST', `${OUT}/${id}/return`, { comment: 'Ubah' }), 409);
      const r = await api(app, p.kaban!.token, 'POST', `${OUT}/${id}/return`, { comment: 'Perbaiki paragraf kedua.' });
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      expect(r.body).to.include({ status: 'returned', waitingFor: p.konseptor!.id });
      expect((r.body.signerReturn as Json).comment).to.equal('Perbaiki paragraf kedua.');
      const told = ((await api(app, p.konseptor!.token, 'GET', '/api/v1/notifications')).body.items as Json[]).filter(
        (n) => n.kind === 'outgoing_returned' && n.subjectId === id,
      );
      expect(told).to.have.length(1);
      const audit = (await app.naskah.deps.db.audit.list({ action: 'letter.outgoing_return', targetId: id }, everything, 1, 10)).items;
      expect(audit.map((a) => (a.details as Json).by)).to.deep.equal(['signer']);
      expectProblem(await sign(app, p.kaban!, id, { pin: 'pin-tanda-tangan', totp: app.nextTotp('kaban') }), 409);
      expectProblem(await api(app, p.kaban!.token, 'POST', `${OUT}/${id}/return`, { comment: 'Sekali lagi' }), 409);
    });
  },
);
