import { expect } from 'chai';
import { deliverInternally, planDelivery } from '../../src/app/outgoing/deliver-internally.ts';
import { forEachDatabase } from '../support/for-each-database.ts';
import { unit } from '../support/factories.ts';
import { letterPdf } from '../../scripts/fixtures/letter-pdf.ts';
import { generateLetter } from '../../scripts/fixtures/letter-text.ts';
import { api, expectProblem, upload } from '../support/http.ts';
import { everything, issueCertificate, OUT, type Person, person, setUpUnits, signedPdf } from '../support/sign-office.ts';
import { PIN, signed, typedDraft, typedLetter } from '../support/typed-letters.ts';

const IN = '/api/v1/letters/incoming';

forEachDatabase(
  (db) => `internal delivery and replies (HTTP, ${db})`,
  { timeout: 240_000 },
  ({ app }) => {
    const p: Record<string, Person> = {};
    const register = async (who: Person, unitCode: string) => (await api(app, who.token, 'GET', `${IN}?unitCode=${unitCode}&limit=100`)).body.items ?? [];

    before(async () => {
      await setUpUnits(app);
      for (const [code, name] of [
        ['DISDIK', 'Dinas Pendidikan'],
        ['DISHUB', 'Dinas Perhubungan'],
      ] as const)
        await unit(app, code, { name });
      p.konseptor = await person(app, 'konseptor', 'staff', 'BKD');
      p.kepala = await person(app, 'kepala', 'official', 'BKD');
      p.sekda = await person(app, 'sekda', 'official', 'SETDA');
      p.tuSetda = await person(app, 'tusetda', 'clerk', 'SETDA');
      p.stafSetda = await person(app, 'stafsetda', 'staff', 'SETDA');
      p.guru = await person(app, 'guru', 'staff', 'DISDIK');
      p.petugas = await person(app, 'petugas', 'staff', 'DISHUB');
      for (const o of [p.kepala, p.sekda]) expect((await issueCertificate(app, o!, PIN)).status).to.equal(201);
    });

    it('registers a signed nota dinas once in each addressed and copied unit, with its own agenda number, the signed PDF and read access for that unit', async () => {
      const setdaBefore = await register(p.tuSetda!, 'SETDA');
      const id = await typedLetter(app, p.konseptor!, p.kepala!, {
        addressees: [{ unitCode: 'SETDA' }],
        copies: [{ unitCode: 'DISDIK' }, { name: 'Inspektorat Daerah' }],
      });
      // Nothing arrives before signing.
      expect(await register(p.tuSetda!, 'SETDA')).to.have.length(setdaBefore.length);
      const s = await signed(app, p.kepala!, id);

      const letter = (await api(app, p.konseptor!.token, 'GET', `${OUT}/${id}`)).body;
      const deliveries = letter.deliveries as { unitCode: string; incomingLetterId: string; kind: string }[];
      expect(deliveries.map((d) => [d.unitCode, d.kind])).to.deep.equal([
        ['DISDIK', 'copy'],
        ['SETDA', 'addressee'],
      ]);

      const setda = await register(p.tuSetda!, 'SETDA');
      expect(setda).to.have.length(setdaBefore.length + 1);
      const entry = setda.find((l) => l.sourceOutgoingId === id)!;
      expect(entry).to.include({
        id: deliveries.find((d) => d.unitCode === 'SETDA')!.incomingLetterId,
        unitCode: 'SETDA',
        letterNumber: s.body.letterNumber,
        subject: 'Penyampaian data pegawai',
        sender: 'Badan Kepegawaian Daerah',
        documentId: s.body.signedDocumentId,
        forInformation: false,
        deliveryKind: 'addressee',
        agendaNumber: setdaBefore.length + 1,
      });
      // Its document is the signed PDF, readable in the recipient unit (the head and the clerk).
      const signedBytes = (await signedPdf(app, p.kepala!, id)).bytes;
      for (const reader of [p.sekda!, p.tuSetda!]) {
        const res = await fetch(`${app.url}/api/v1/documents/${String(entry.documentId)}/content`, { headers: { authorization: `Bearer ${reader.token}` } });
        expect(res.status).to.equal(200);
        expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(signedBytes))).to.equal(true);
      }
      // The addressed unit's official is told it waits for a disposition; a copy is only for information.
      const notices = async (who: Person) =>
        ((await api(app, who.token, 'GET', '/api/v1/notifications?limit=100')).body.items ?? []) as { subjectId: string; kind: string }[];
      expect((await notices(p.sekda!)).filter((n) => n.subjectId === entry.id).map((n) => n.kind)).to.deep.equal(['incoming_registered']);
      const copy = (await register(p.guru!, 'DISDIK')).find((l) => l.sourceOutgoingId === id)!;
      expect((await notices(p.guru!)).some((n) => n.subjectId === copy.id)).to.equal(false);
      expect(copy).to.include({ deliveryKind: 'copy', forInformation: true, unitCode: 'DISDIK' });
      // Units it was not sent to neither list nor open it.
      expect((await register(p.petugas!, 'SETDA')).some((l) => l.sourceOutgoingId === id)).to.equal(false);
      expectProblem(await api(app, p.petugas!.token, 'GET', `${IN}/${String(entry.id)}`), 404);
      // The drafting unit's own register is not an addressee.
      expect((await app.naskah.deps.db.incoming.ofSource(id)).map((l) => l.unitCode).sort()).to.deep.equal(['DISDIK', 'SETDA']);
      expect(
        (await app.naskah.deps.db.audit.list({ action: 'letter.incoming_register', targetId: String(s.body.signedDocumentId) }, everything, 1, 10)).total,
      ).to.equal(2);
    });

    it('delivers exactly once: signing again is refused, running the delivery again adds nothing, and the database refuses a second entry', async () => {
      const id = await typedLetter(app, p.konseptor!, p.kepala!, {
        addressees: [{ unitCode: 'SETDA' }, { unitCode: 'DISDIK' }],
        copies: [{ unitCode: 'SETDA' }],
      });
      const codes = [app.nextTotp(p.kepala!.username), app.nextTotp(p.kepala!.username)];
      const both = await Promise.all(codes.map((totp) => api(app, p.kepala!.token, 'POST', `${OUT}/${id}/sign`, { pin: PIN, totp })));
      expect(both.map((r) => r.status).sort()).to.deep.equal([200, 409]);
      expectProblem(await api(app, p.kepala!.token, 'POST', `${OUT}/${id}/sign`, { pin: PIN, totp: app.nextTotp(p.kepala!.username) }), 409);
      const db = app.naskah.deps.db;
      const entries = await db.incoming.ofSource(id);
      // SETDA is an addressee and a copy: one entry, as the addressee.
      expect(entries.map((e) => [e.unitCode, e.deliveryKind])).to.deep.equal([
        ['DISDIK', 'addressee'],
        ['SETDA', 'addressee'],
      ]);
      // A retried delivery (as a job would run it again) finds both units served.
      const letter = (await db.outgoing.findById(id))!;
      const plan = await planDelivery(app.naskah.deps, letter, app.clock.now());
      const again = await db.transaction((tx) =>
        deliverInternally(
          app.naskah.deps,
          tx,
          plan,
          { ...letter, letterNumber: letter.letterNumber!, signedDocumentId: letter.signedDocumentId! },
          { id: p.kepala!.id, roles: ['official'], unitCode: 'BKD', clearance: 'biasa' },
        ),
      );
      expect(again).to.deep.equal([]);
      // The unique key is the last word: a second entry for the same letter and unit is refused.
      const copyOf = { ...entries[0]!, id: '00000000-0000-4000-8000-0000000000aa', agendaNumber: 999 };
      let refused: unknown = null;
      await db.incoming.create(copyOf).catch((e: unknown) => (refused = e));
      expect(refused, 'a second delivery row was accepted').to.have.property('code', 'conflict');
      expect(await db.incoming.ofSource(id)).to.have.length(2);
    });

    it('keeps every register gap-free while letters are signed and delivered at the moment clerks register others', async () => {
      const db = app.naskah.deps.db;
      // One letter per signer (a signer's codes are spent in order), naming the units in both orders.
      const signers = [p.kepala!, p.sekda!];
      const letters = await Promise.all(
        signers.map((signer, i) =>
          typedLetter(app, p.konseptor!, signer, {
            subject: `Nota serentak ${i}`,
            addressees: i % 2 ? [{ unitCode: 'SETDA' }, { unitCode: 'DISDIK' }] : [{ unitCode: 'DISDIK' }, { unitCode: 'SETDA' }],
          }),
        ),
      );
      let n = 0;
      const registrations = [0, 1, 2, 3].map(async () => {
        const k = ++n;
        const bytes = await letterPdf([generateLetter(4000 + k)]);
        return upload(app, p.tuSetda!.token, IN, [{ name: 'surat.pdf', bytes }], {
          letterNumber: `800/${k}/SERENTAK/2025`,
          letterDate: '2025-03-01',
          sender: 'Kantor Regional I BKN',
          subject: `Surat serentak ${k}`,
          urgency: 'biasa',
        });
      });
      const signings = letters.map((id, i) => api(app, signers[i]!.token, 'POST', `${OUT}/${id}/sign`, { pin: PIN, totp: app.nextTotp(signers[i]!.username) }));
      const results = await Promise.all([...registrations, ...signings]);
      expect(
        results.map((r) => r.status),
        JSON.stringify(results.filter((r) => r.status >= 300).map((r) => r.body)),
      ).to.deep.equal([201, 201, 201, 201, 200, 200]);
      for (const unit of ['SETDA', 'DISDIK']) {
        const { items } = await db.incoming.list({ unitCode: unit }, everything, 1, 100);
        const numbers = items.map((l) => l.agendaNumber).sort((a, b) => a - b);
        expect(numbers, unit).to.deep.equal(Array.from({ length: numbers.length }, (_, i) => i + 1));
      }
      for (const id of letters) expect((await db.incoming.ofSource(id)).map((e) => e.unitCode)).to.deep.equal(['DISDIK', 'SETDA']);
    });

    it('links a reply both ways: the draft names the letter it answers, the incoming letter lists its replies', async () => {
      const id = await typedLetter(app, p.konseptor!, p.kepala!, { subject: 'Permintaan data formasi' });
      await signed(app, p.kepala!, id);
      const incomingId = (await app.naskah.deps.db.incoming.ofSource(id)).find((e) => e.unitCode === 'SETDA')!.id;
      const reply = await typedLetter(app, p.stafSetda!, p.sekda!, {
        subject: 'Jawaban permintaan data formasi',
        addressees: [{ unitCode: 'BKD' }],
        inReplyTo: incomingId,
      });
      // Another letter of the same unit that answers nothing is not in the thread.
      await typedLetter(app, p.stafSetda!, p.sekda!, { subject: 'Surat lain dari Setda', addressees: [{ unitCode: 'BKD' }] });
      const out = (await api(app, p.stafSetda!.token, 'GET', `${OUT}/${reply}`)).body;
      expect(out.inReplyTo).to.equal(incomingId);
      const inc = (await api(app, p.tuSetda!.token, 'GET', `${IN}/${incomingId}`)).body;
      expect(inc.sourceOutgoingId).to.equal(id);
      expect((inc.replies as { id: string; subject: string }[]).map((r) => [r.id, r.subject])).to.deep.equal([[reply, 'Jawaban permintaan data formasi']]);
      // The reply is signed and delivered back: BKD's register gets it.
      await signed(app, p.sekda!, reply);
      expect((await app.naskah.deps.db.incoming.ofSource(reply)).map((e) => e.unitCode)).to.deep.equal(['BKD']);
      // A letter the drafter may not see, or none at all, cannot be answered.
      for (const bad of [incomingId, '00000000-0000-4000-8000-000000000000']) {
        const r = await typedDraft(app, p.petugas!, p.sekda!, { inReplyTo: bad });
        expect((expectProblem(r, 422).errors as { field: string }[]).map((e) => e.field)).to.deep.equal(['inReplyTo']);
      }
      expectProblem(await typedDraft(app, p.stafSetda!, p.sekda!, { inReplyTo: 'bukan-id' }), 422);
    });
  },
);
