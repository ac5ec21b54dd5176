import { expect } from 'chai';
import { forEachDatabase } from '../support/for-each-database.ts';
import { api, expectProblem } from '../support/http.ts';
import { issueCertificate, OUT, type Person, person, setUpUnits } from '../support/sign-office.ts';
import { PIN, signed, typedLetter } from '../support/typed-letters.ts';

const B = '/api/v1/berkas';

forEachDatabase(
  (db) => `berkas, files per matter (HTTP, ${db})`,
  { timeout: 240_000 },
  ({ app }) => {
    const p: Record<string, Person> = {};
    let letterId = '';
    let draftDocId = '';
    let incomingId = '';
    let setdaLetterId = '';
    let berkasId = '';

    before(async () => {
      await setUpUnits(app);
      p.konseptor = await person(app, 'konseptor', 'staff', 'BKD');
      p.kepala = await person(app, 'kepala', 'official', 'BKD', 'Dra. Sri Wahyuni');
      p.setda = await person(app, 'setda', 'staff', 'SETDA');
      p.auditor = await person(app, 'pemeriksa', 'auditor', 'ORG');
      expect((await issueCertificate(app, p.kepala, PIN)).status).to.equal(201);
      // A nota dinas to SETDA: once signed it is also an incoming letter in SETDA's register.
      letterId = await typedLetter(app, p.konseptor, p.kepala, { subject: 'Data formasi 2026' });
      draftDocId = String((await api(app, p.konseptor.token, 'GET', `${OUT}/${letterId}`)).body.documentId);
      await signed(app, p.kepala, letterId);
      incomingId = String(
        ((await api(app, p.konseptor.token, 'GET', `${OUT}/${letterId}`)).body.deliveries as { incomingLetterId: string }[])[0]!.incomingLetterId,
      );
      // A draft of SETDA's own, which BKD's staff may not read.
      setdaLetterId = await typedLetter(app, p.setda, p.kepala, { subject: 'Konsep Setda', addressees: [{ name: 'Dinas Sosial' }] });
    });

    it('opens a berkas of the creator’s unit and puts letters and documents in it, each once; all audited', async () => {
      expectProblem(await api(app, p.auditor!.token, 'POST', B, { name: 'Formasi' }), 403);
      expectProblem(await api(app, p.konseptor!.token, 'POST', B, { name: '' }), 422);
      const made = await api(app, p.konseptor!.token, 'POST', B, { name: 'Formasi pegawai 2026', description: 'Usulan dan penetapan formasi' });
      expect(made.status, JSON.stringify(made.body)).to.equal(201);
      expect(made.body).to.deep.include({ name: 'Formasi pegawai 2026', unitCode: 'BKD', items: [] });
      berkasId = String(made.body.id);

      const add = (who: Person, kind: string, id: string) => api(app, who.token, 'POST', `${B}/${berkasId}/items`, { kind, id });
      expect((await add(p.konseptor!, 'outgoing', letterId)).status).to.equal(201);
      expect((await add(p.konseptor!, 'outgoing', letterId)).status).to.equal(200);
      const withDoc = await add(p.konseptor!, 'document', draftDocId);
      expect(withDoc.status).to.equal(201);
      expect((withDoc.body.items as { kind: string; id: string; title: string }[]).map(({ kind, id }) => ({ kind, id }))).to.deep.equal([
        { kind: 'outgoing', id: letterId },
        { kind: 'document', id: draftDocId },
      ]);
      expect((withDoc.body.items as { title: string }[])[0]!.title).to.match(/^ND\/800\/1\/BKD\/\d{4} — Data formasi 2026$/);
      // The entry it made in SETDA's register holds the signed PDF the drafter reads: it may go in too.
      expect((await add(p.konseptor!, 'incoming', incomingId)).status).to.equal(201);
      // SETDA's own draft is not the drafter's to read: it is refused as missing, nothing added.
      expectProblem(await add(p.konseptor!, 'outgoing', setdaLetterId), 404);
      expectProblem(await add(p.konseptor!, 'memo', letterId), 422);
      expectProblem(await add(p.konseptor!, 'document', '00000000-0000-4000-8000-000000000000'), 404);
      const audit = await api(app, app.adminToken, 'GET', `/api/v1/audit?action=berkas.add_item`);
      expect(audit.body.items!.length).to.equal(3);
      expect((await api(app, app.adminToken, 'GET', `/api/v1/audit?action=berkas.create`)).body.items!.length).to.equal(1);
    });

    it('is seen by its unit and those above, found from its items, and not by another unit', async () => {
      expect((await api(app, p.kepala!.token, 'GET', `${B}/${berkasId}`)).body.name).to.equal('Formasi pegawai 2026');
      expect(((await api(app, p.konseptor!.token, 'GET', `${B}?q=formasi`)).body.items as { id: string; itemCount: number }[])[0]).to.deep.include({
        id: berkasId,
        itemCount: 3,
      });
      expect((await api(app, p.konseptor!.token, 'GET', `${B}?q=cuti`)).body.items).to.deep.equal([]);
      expectProblem(await api(app, p.setda!.token, 'GET', `${B}/${berkasId}`), 404);
      expect((await api(app, p.setda!.token, 'GET', B)).body.items).to.deep.equal([]);
      const held = await api(app, p.konseptor!.token, 'GET', `${B}?kind=outgoing&itemId=${letterId}`);
      expect((held.body.items as { id: string; items: unknown[] }[]).map((b) => [b.id, b.items.length])).to.deep.equal([[berkasId, 3]]);

      // SETDA keeps its own berkas with the letter as it arrived there.
      const own = await api(app, p.setda!.token, 'POST', B, { name: 'Formasi (Setda)' });
      const setdaBerkas = String(own.body.id);
      expect((await api(app, p.setda!.token, 'POST', `${B}/${setdaBerkas}/items`, { kind: 'incoming', id: incomingId })).status).to.equal(201);
      expect((await api(app, p.setda!.token, 'GET', `${B}?kind=incoming&itemId=${incomingId}`)).body.items).to.have.length(1);
      // The drafter's unit does not see SETDA's berkas, even from the letter it holds.
      expectProblem(await api(app, p.konseptor!.token, 'POST', `${B}/${setdaBerkas}/items`, { kind: 'outgoing', id: letterId }), 404);
    });

    it('takes an item out (audited); taking out what is not in it is a 404', async () => {
      const r = await api(app, p.konseptor!.token, 'DELETE', `${B}/${berkasId}/items/document/${draftDocId}`);
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      expect((r.body.items as { kind: string }[]).map((i) => i.kind)).to.deep.equal(['outgoing', 'incoming']);
      expectProblem(await api(app, p.konseptor!.token, 'DELETE', `${B}/${berkasId}/items/document/${draftDocId}`), 404);
      expectProblem(await api(app, p.setda!.token, 'DELETE', `${B}/${berkasId}/items/outgoing/${letterId}`), 404);
      expect((await api(app, app.adminToken, 'GET', `/api/v1/audit?action=berkas.remove_item`)).body.items).to.have.length(1);
    });

    it('shows a letter’s whole reply chain across units, oldest first, as far as the reader may read it', async () => {
      // SETDA answers the nota dinas (it lands in BKD's register), and BKD drafts an answer to that.
      const reply = await typedLetter(app, p.setda!, p.kepala!, { subject: 'Jawaban data formasi', addressees: [{ unitCode: 'BKD' }], inReplyTo: incomingId });
      await signed(app, p.kepala!, reply);
      const back = ((await api(app, p.setda!.token, 'GET', `${OUT}/${reply}`)).body.deliveries as { incomingLetterId: string }[])[0]!.incomingLetterId;
      const again = await typedLetter(app, p.konseptor!, p.kepala!, { subject: 'Tindak lanjut formasi', inReplyTo: back });
      const chain = async (who: Person, kind: string, id: string) => {
        const r = await api(app, who.token, 'GET', `/api/v1/letters/thread?kind=${kind}&id=${id}`);
        expect(r.status, JSON.stringify(r.body)).to.equal(200);
        return (r.body.items as { kind: string; id: string }[]).map((i) => `${i.kind}:${i.id}`);
      };
      const whole = [`outgoing:${letterId}`, `incoming:${incomingId}`, `outgoing:${reply}`, `incoming:${back}`, `outgoing:${again}`];
      expect(await chain(p.konseptor!, 'outgoing', again)).to.deep.equal(whole);
      expect(await chain(p.konseptor!, 'incoming', incomingId)).to.deep.equal(whole);
      // SETDA's staff may not read BKD's new draft: the chain stops before it, and asking for it is a 404.
      expect(await chain(p.setda!, 'incoming', incomingId)).to.deep.equal(whole.slice(0, 4));
      expectProblem(await api(app, p.setda!.token, 'GET', `/api/v1/letters/thread?kind=outgoing&id=${again}`), 404);
      expectProblem(await api(app, p.setda!.token, 'GET', `/api/v1/letters/thread?kind=memo&id=${again}`), 422);
    });
  },
);
