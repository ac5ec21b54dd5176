import { expect } from 'chai';
import { assignLetterNumber, planLetterNumber } from '../../src/app/outgoing/assign-letter-number.ts';
import { openSequelizeDatabase } from '../../src/infra/db/sequelize.database.ts';
import type { Database } from '../../src/ports/repositories.ts';
import { letterPdf } from '../../scripts/fixtures/letter-pdf.ts';
import { generateLetter } from '../../scripts/fixtures/letter-text.ts';
import { user } from '../support/factories.ts';
import { forEachDatabase } from '../support/for-each-database.ts';
import { takeNumbersInParallel } from '../support/parallel-numbers.ts';
import { ensureFixture } from '../support/fixtures.ts';
import { api, expectProblem, type Reply, upload } from '../support/http.ts';
import { footprint, idle } from '../support/leftovers.ts';
import { waitForDocument } from '../support/test-app.ts';

const everything = {
  userId: 'test',
  unitCodes: 'all' as const,
  levels: ['biasa' as const, 'terbatas' as const, 'rahasia' as const, 'sangat_rahasia' as const],
};
const OUT = '/api/v1/letters/outgoing';

const template = (body = 'Dengan hormat, kami mengundang Bapak/Ibu menghadiri rapat koordinasi kearsipan.') => ({
  addressee: 'Yth. Kepala Dinas Pendidikan\ndi\nTempat',
  body,
  place: 'Sleman',
  date: '2025-03-05',
  attachments: '1 (satu) berkas',
});

forEachDatabase(
  (db) => `outgoing letters through review (HTTP, ${db})`,
  { timeout: 120_000 },
  ({ app }) => {
    const id: Record<string, string> = {};
    const token: Record<string, string> = {};
    let seed = 500;
    const pdf = async () => letterPdf([generateLetter(seed++)]);

    const draft = (who: string, over: Record<string, unknown> = {}) =>
      api(app, token[who]!, 'POST', OUT, {
        subject: 'Undangan rapat koordinasi kearsipan',
        recipient: 'Dinas Pendidikan',
        classificationCode: '005',
        signerId: id.sekda,
        reviewerIds: [id.kasubbag, id.kabid],
        template: template(),
        ...over,
      });
    const act = (who: string, letterId: string, verb: 'approve' | 'return', body?: unknown) =>
      api(app, token[who]!, 'POST', `${OUT}/${letterId}/${verb}`, body);
    const queue = async (who: string) => ((await api(app, token[who]!, 'GET', `${OUT}?waitingFor=me`)).body.items ?? []).map((l) => l.id);
    const auditCount = async (action: string, targetId: string) => (await app.naskah.deps.db.audit.list({ action, targetId }, everything, 1, 100)).total;
    /** Rows, objects, temp files, index entries, audit head and the letter itself: what a refused request must not change. */
    const state = async (letterId?: string) => {
      await idle(app);
      return {
        footprint: await footprint(app),
        audit: (await app.naskah.deps.db.audit.head()).seq,
        letters: (await app.naskah.deps.db.outgoing.list({}, everything, 1, 1)).total,
        letter: letterId ? (await api(app, token.konseptor!, 'GET', `${OUT}/${letterId}`)).body : null,
      };
    };

    before(async () => {
      for (const [code, name] of [
        ['BKD', 'Badan Kepegawaian Daerah'],
        ['SETDA', 'Sekretariat Daerah'],
        ['DISDIK', 'Dinas Pendidikan'],
      ])
        await api(app, app.adminToken, 'POST', '/api/v1/units', { code, name, parentCode: 'ORG' });
      await api(app, app.adminToken, 'PATCH', '/api/v1/units/ORG', { name: 'Pemerintah Kabupaten Sleman' });
      const people: [string, string, string][] = [
        ['konseptor', 'staff', 'BKD'],
        ['kasubbag', 'staff', 'BKD'],
        ['kabid', 'official', 'BKD'],
        ['rekan', 'staff', 'BKD'],
        ['sekda', 'official', 'SETDA'],
        ['guru', 'staff', 'DISDIK'],
        ['pemeriksa', 'auditor', 'ORG'],
      ];
      for (const [username, role, unitCode] of people) {
        const u = await user(app, username, { role, unitCode });
        id[username] = u.id;
        token[username] = u.token;
      }
    });

    it('takes a template draft through two reviewers, a return, a revision and approval; the signer sees it only then', async () => {
      const created = await draft('konseptor');
      expect(created.status, JSON.stringify(created.body)).to.equal(201);
      const letter = created.body;
      const lid = String(letter.id);
      expect(created.headers.get('location')).to.equal(`${OUT}/${lid}`);
      expect(letter).to.include({
        status: 'in_review',
        version: 1,
        subject: 'Undangan rapat koordinasi kearsipan',
        recipient: 'Dinas Pendidikan',
        classificationCode: '005',
        signerId: id.sekda,
        unitCode: 'BKD',
        drafterId: id.konseptor,
        waitingFor: id.kasubbag,
        letterNumber: null,
      });
      expect(letter.reviewers).to.deep.equal([
        { userId: id.kasubbag, position: 1, state: 'pending', comment: null, decidedAt: null },
        { userId: id.kabid, position: 2, state: 'pending', comment: null, decidedAt: null },
      ]);
      // The system wrote the draft: an `outgoing` document of the drafter's unit, its text searchable.
      const doc = await waitForDocument(app, token.konseptor!, String(letter.documentId));
      expect(doc).to.include({
        kind: 'outgoing',
        unitCode: 'BKD',
        status: 'ready',
        textSource: 'pdf-text',
        mimeType: 'application/pdf',
        classificationCode: '005',
      });
      const text = String((await api(app, token.kasubbag!, 'GET', `/api/v1/documents/${String(letter.documentId)}/text`)).body.text);
      expect(text).to.include('PEMERINTAH KABUPATEN SLEMAN').and.include('BADAN KEPEGAWAIAN DAERAH').and.include('Sleman, 5 Maret 2025');
      expect(text).to.include('Undangan rapat koordinasi kearsipan').and.include('Kepala Sekretariat Daerah,').and.include('Bapak sekda');

      // The signer (another unit) does not see a letter still in review, nor its draft.
      expectProblem(await api(app, token.sekda!, 'GET', `${OUT}/${lid}`), 404);
      expect((await fetch(`${app.url}${OUT}/${lid}/document`, { headers: { authorization: `Bearer ${token.sekda}` } })).status).to.equal(404);
      expect(await queue('sekda')).to.deep.equal([]);
      expect(await queue('kasubbag')).to.deep.equal([lid]);
      expect(await queue('kabid')).to.deep.equal([]);
      expectProblem(await api(app, token.guru!, 'GET', `${OUT}/${lid}`), 404);

      // Out of turn: the second reviewer, the drafter, a colleague. Nothing changes.
      let before = await state(lid);
      expectProblem(await act('kabid', lid, 'approve'), 403);
      expectProblem(await act('konseptor', lid, 'approve'), 403);
      expectProblem(await act('rekan', lid, 'approve'), 403);
      expectProblem(await act('guru', lid, 'approve'), 404);
      expect(await state(lid)).to.deep.equal(before);

      const first = await act('kasubbag', lid, 'approve', { comment: 'Sudah sesuai.' });
      expect(first.status, JSON.stringify(first.body)).to.equal(200);
      expect(first.body).to.include({ status: 'in_review', waitingFor: id.kabid });
      expect((first.body.reviewers as { userId: string; state: string; comment: string | null }[]).map((r) => [r.userId, r.state, r.comment])).to.deep.equal([
        [id.kasubbag, 'approved', 'Sudah sesuai.'],
        [id.kabid, 'pending', null],
      ]);
      expect(await queue('kasubbag')).to.deep.equal([]);
      expect(await queue('kabid')).to.deep.equal([lid]);

      // A second approval, a return without a comment: refused, nothing changes.
      before = await state(lid);
      expectProblem(await act('kasubbag', lid, 'approve'), 409);
      expectProblem(await act('kabid', lid, 'return', {}), 422);
      expectProblem(await act('kabid', lid, 'return', { comment: '   ' }), 422);
      expect(await state(lid)).to.deep.equal(before);

      const returned = await act('kabid', lid, 'return', { comment: 'Perbaiki paragraf pertama.' });
      expect(returned.status).to.equal(200);
      expect(returned.body).to.include({ status: 'returned', waitingFor: id.konseptor });
      expectProblem(await act('kabid', lid, 'approve'), 409);
      expect(await queue('kabid')).to.deep.equal([]);

      // Only the drafter revises; a colleague's file changes nothing and leaves no object behind.
      before = await state(lid);
      expectProblem(await upload(app, token.rekan!, `${OUT}/${lid}/versions`, [{ name: 'v2.pdf', bytes: await pdf() }]), 403);
      expectProblem(await api(app, token.kasubbag!, 'POST', `${OUT}/${lid}/versions`, { template: template() }), 403);
      expect(await state(lid)).to.deep.equal(before);

      const revised = await upload(app, token.konseptor!, `${OUT}/${lid}/versions`, [{ name: 'undangan-v2.pdf', bytes: await pdf() }], {
        note: 'Paragraf pertama diperbaiki.',
      });
      expect(revised.status, JSON.stringify(revised.body)).to.equal(201);
      expect(revised.body).to.include({ status: 'in_review', version: 2, waitingFor: id.kasubbag });
      expect(revised.body.documentId).to.not.equal(letter.documentId);
      expect((revised.body.reviewers as unknown[]).map((r) => (r as { state: string }).state)).to.deep.equal(['pending', 'pending']);
      const versions = revised.body.versions as {
        version: number;
        source: string;
        note: string | null;
        reviews: { userId: string; state: string; comment: string | null }[];
      }[];
      expect(versions.map((v) => [v.version, v.source, v.note])).to.deep.equal([
        [1, 'template', null],
        [2, 'file', 'Paragraf pertama diperbaiki.'],
      ]);
      expect(versions[0]!.reviews.map((r) => [r.userId, r.state, r.comment])).to.deep.equal([
        [id.kasubbag, 'approved', 'Sudah sesuai.'],
        [id.kabid, 'returned', 'Perbaiki paragraf pertama.'],
      ]);
      expectProblem(await upload(app, token.konseptor!, `${OUT}/${lid}/versions`, [{ name: 'v3.pdf', bytes: await pdf() }]), 409); // in review again

      expect((await act('kasubbag', lid, 'approve')).status).to.equal(200);
      expectProblem(await api(app, token.sekda!, 'GET', `${OUT}/${lid}`), 404); // still not approved
      const approved = await act('kabid', lid, 'approve');
      expect(approved.status).to.equal(200);
      expect(approved.body).to.include({ status: 'approved', version: 2, waitingFor: id.sekda });
      expectProblem(await act('kabid', lid, 'approve'), 409);

      // Now the signer sees it, in their queue, with a notice, and may download the current version.
      expect((await api(app, token.sekda!, 'GET', `${OUT}/${lid}`)).body).to.include({ status: 'approved' });
      expect(await queue('sekda')).to.deep.equal([lid]);
      const notices = (await api(app, token.sekda!, 'GET', '/api/v1/notifications')).body.items ?? [];
      expect(notices.map((n) => [n.kind, n.subjectId])).to.deep.equal([['outgoing_sign', lid]]);
      const file = await fetch(`${app.url}${OUT}/${lid}/document`, { headers: { authorization: `Bearer ${token.sekda}` } });
      expect(file.status).to.equal(200);
      expect(file.headers.get('content-type')).to.equal('application/pdf');
      expect(file.headers.get('content-disposition')).to.match(/^attachment; filename="undangan-v2\.pdf"/);
      expect(file.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(
        Buffer.from(await file.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).to.equal('%PDF-');
      const v1 = await fetch(`${app.url}${OUT}/${lid}/document?version=1`, { headers: { authorization: `Bearer ${token.kabid}` } });
      expect(v1.status).to.equal(200);
      expect(v1.headers.get('content-disposition')).to.match(/surat-keluar-.*-v1\.pdf/);

      const kasubbagNotices = ((await api(app, token.kasubbag!, 'GET', '/api/v1/notifications')).body.items ?? []).map((n) => n.kind);
      expect(kasubbagNotices).to.deep.equal(['outgoing_review', 'outgoing_review']);
      expect(((await api(app, token.konseptor!, 'GET', '/api/v1/notifications')).body.items ?? []).map((n) => n.kind)).to.deep.equal(['outgoing_returned']);
      expect([
        await auditCount('letter.outgoing_draft', lid),
        await auditCount('letter.outgoing_approve', lid),
        await auditCount('letter.outgoing_return', lid),
        await auditCount('letter.outgoing_revise', lid),
      ]).to.deep.equal([1, 3, 1, 1]);
    });

    it('lets one of two simultaneous approvals by the same reviewer win; the other is a 409', async () => {
      const lid = String((await draft('konseptor', { reviewerIds: [id.kasubbag] })).body.id);
      const replies: Reply[] = await Promise.all([act('kasubbag', lid, 'approve'), act('kasubbag', lid, 'approve')]);
      expect(replies.map((r) => r.status).sort()).to.deep.equal([200, 409]);
      expect(await auditCount('letter.outgoing_approve', lid)).to.equal(1);
      expect((await api(app, token.konseptor!, 'GET', `${OUT}/${lid}`)).body).to.include({ status: 'approved' });
    });

    it('versions a letter by its draft: If-Match on approve, return and revise names the version read (412 on an older one)', async () => {
      const lid = String((await draft('konseptor', { reviewerIds: [id.kasubbag] })).body.id);
      const read = await api(app, token.kasubbag!, 'GET', `${OUT}/${lid}`);
      expect(read.headers.get('etag')).to.equal('"1"');
      const post = (who: string, path: string, ifMatch: string, body: unknown) =>
        fetch(`${app.url}${OUT}/${lid}/${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token[who]!}`, 'content-type': 'application/json', 'if-match': ifMatch },
          body: JSON.stringify(body),
        }).then(async (r) => ({ status: r.status, etag: r.headers.get('etag'), body: (await r.json()) as Record<string, unknown> }));
      const returned = await post('kasubbag', 'return', '"1"', { comment: 'Perbaiki tanggal rapat' });
      expect(returned.status, JSON.stringify(returned.body)).to.equal(200);
      const revised = await post('konseptor', 'versions', '"1"', { template: template('Dengan hormat, rapat diundur ke hari Selasa.') });
      expect(revised.status, JSON.stringify(revised.body)).to.equal(201);
      expect(revised.etag).to.equal('"2"');
      // The reviewer still holds version 1: initialling it now would approve what they never read.
      const before = await auditCount('letter.outgoing_approve', lid);
      const stale = await post('kasubbag', 'approve', '"1"', {});
      expect(stale.status).to.equal(412);
      expect(stale.body).to.include({ currentVersion: 2 });
      expect(String(stale.body.type)).to.match(/precondition-failed$/);
      expect(await auditCount('letter.outgoing_approve', lid)).to.equal(before);
      expect((await post('kasubbag', 'approve', 'versi-dua', {})).status).to.equal(400);
      const approved = await post('kasubbag', 'approve', '"2"', {});
      expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
      expect(approved.body).to.include({ status: 'approved', version: 2 });
    });

    it('sends a draft without reviewers straight to the signer; an uploaded PDF is a draft too', async () => {
      const r = await upload(app, token.kabid!, OUT, [{ name: 'nota.pdf', bytes: await pdf() }], {
        subject: 'Nota dinas',
        recipient: 'Sekretariat Daerah',
        classificationCode: '800',
        signerId: id.sekda!,
      });
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
      expect(r.body).to.include({ status: 'approved', version: 1, waitingFor: id.sekda });
      expect(r.body.reviewers).to.deep.equal([]);
      expect((await api(app, token.sekda!, 'GET', `${OUT}/${String(r.body.id)}`)).status).to.equal(200);
      expect(await queue('sekda')).to.include(String(r.body.id));
      // Reviewers named comma-separated or repeated in a form, in that order.
      const form = await upload(app, token.konseptor!, OUT, [{ name: 'x.pdf', bytes: await pdf() }], {
        subject: 'S',
        recipient: 'R',
        classificationCode: '800',
        signerId: id.sekda!,
        reviewerIds: `${id.kabid}, ${id.kasubbag}`,
      });
      expect((form.body.reviewers as { userId: string }[]).map((x) => x.userId)).to.deep.equal([id.kabid, id.kasubbag]);
      const repeated = new FormData();
      for (const [k, v] of Object.entries({ subject: 'S', recipient: 'R', classificationCode: '800', signerId: id.sekda!, reviewerIds: id.kasubbag! }))
        repeated.append(k, v);
      repeated.append('reviewerIds', id.kabid!);
      repeated.append('file', new Blob([new Uint8Array(await pdf())]), 'y.pdf');
      const rep = await fetch(`${app.url}${OUT}`, { method: 'POST', headers: { authorization: `Bearer ${token.konseptor}` }, body: repeated });
      expect(((await rep.json()) as { reviewers: { userId: string }[] }).reviewers.map((x) => x.userId)).to.deep.equal([id.kasubbag, id.kabid]);
    });

    it('lists only letters whose current document the caller may see, with status and drafter filters', async () => {
      const mine = await api(app, token.konseptor!, 'GET', `${OUT}?drafter=me&limit=100`);
      expect(mine.body.total).to.be.greaterThan(1);
      expect((mine.body.items ?? []).every((l) => l.drafterId === id.konseptor)).to.equal(true);
      const approved = await api(app, token.rekan!, 'GET', `${OUT}?status=approved&limit=100`);
      expect((approved.body.items ?? []).every((l) => l.status === 'approved')).to.equal(true);
      expect(approved.body.total).to.be.greaterThan(0);
      expect((await api(app, token.guru!, 'GET', OUT)).body).to.include({ total: 0 });
      expectProblem(await api(app, token.rekan!, 'GET', `${OUT}?waitingFor=someone`), 422);
      expectProblem(await api(app, token.rekan!, 'GET', `${OUT}?limit=1000`), 422);
    });

    it('refuses bad drafts with a clear 4xx and leaves nothing behind', async () => {
      const before = await state();
      const unknown = '00000000-0000-4000-8000-000000000000';
      for (const [over, field] of [
        [{ signerId: unknown }, 'signerId'],
        [{ signerId: id.rekan }, 'signerId'], // staff cannot sign
        [{ reviewerIds: [id.kasubbag, unknown] }, 'reviewerIds.1'],
        [{ reviewerIds: [id.kasubbag, id.kasubbag] }, 'reviewerIds.1'],
        [{ reviewerIds: [id.konseptor] }, 'reviewerIds.0'],
        [{ reviewerIds: [id.sekda] }, 'reviewerIds.0'],
        [{ reviewerIds: [id.pemeriksa] }, 'reviewerIds.0'], // auditors do not review letters
        [{ securityLevel: 'rahasia' }, 'securityLevel'], // above the drafter's (and everyone's) clearance
        [{ template: undefined }, 'template'],
        [{ template: { ...template(), body: '' } }, 'template.body'],
        [{ template: { ...template(), date: '2025-02-30' } }, 'template.date'],
        [{ template: { ...template(), body: 'Tabel 漢字' } }, 'template'],
        [{ classificationCode: '../x' }, 'classificationCode'],
        [{ reviewerIds: 'not-an-id' }, 'reviewerIds.0'],
        // Control and bidi-override characters: they would print garbled, or read backwards, on the letter.
        [{ subject: 'Undangan\u0000rapat' }, 'subject'],
        [{ subject: 'Undangan \u202Edcba' }, 'subject'],
        [{ subject: 'Undangan\nrapat' }, 'subject'], // one line
        [{ recipient: 'Dinas\u2066Pendidikan\u2069' }, 'recipient'],
        [{ recipient: 'Dinas\u001b[31m' }, 'recipient'],
        [{ template: { ...template(), addressee: 'Yth. Kepala\u202D Dinas' } }, 'template.addressee'],
        [{ template: { ...template(), body: 'Dengan hormat,\u0007 kami' } }, 'template.body'],
        [{ template: { ...template(), body: 'Dengan hormat,\u0085kami' } }, 'template.body'], // a C1 control
        [{ template: { ...template(), body: 'Dengan hormat, \u2067kami\u2069' } }, 'template.body'],
        [{ template: { ...template(), place: 'Sle\nman' } }, 'template.place'],
        [{ template: { ...template(), date: '0000-03-05' } }, 'template.date'],
        [{ template: { ...template(), date: '3000-03-05' } }, 'template.date'],
      ] as [Record<string, unknown>, string][]) {
        const r = await draft('konseptor', over);
        expectProblem(r, 422);
        expect(
          ((r.body.errors ?? []) as { field: string }[]).map((e) => e.field),
          JSON.stringify(over),
        ).to.include(field);
      }
      expectProblem(await draft('pemeriksa'), 403);
      expectProblem(await api(app, app.adminToken, 'POST', OUT, {}), 403);
      expectProblem(await api(app, token.konseptor!, 'POST', OUT, ['x']), 400);
      const fields = { subject: 'S', recipient: 'R', classificationCode: '800', signerId: id.sekda! };
      expectProblem(await upload(app, token.konseptor!, OUT, [], fields), 400);
      expectProblem(await upload(app, token.konseptor!, OUT, [{ name: 'scan.png', bytes: await ensureFixture('scan-top-1p.png') }], fields), 415);
      expectProblem(await upload(app, token.konseptor!, OUT, [{ name: 'x.pdf', bytes: await pdf() }], { ...fields, signerId: unknown }), 422);
      // The same rules on a multipart draft's fields.
      for (const [over, field] of [
        [{ subject: 'S\u202E' }, 'subject'],
        [{ recipient: 'R\u0000' }, 'recipient'],
      ] as [Record<string, string>, string][]) {
        const r = expectProblem(await upload(app, token.konseptor!, OUT, [{ name: 'x.pdf', bytes: await pdf() }], { ...fields, ...over }), 422);
        expect((r.errors as { field: string }[]).map((e) => e.field)).to.include(field);
      }
      const text = await fetch(`${app.url}${OUT}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token.konseptor}`, 'content-type': 'text/plain' },
        body: 'hello',
      });
      expect(text.status).to.equal(415);
      expect(await state()).to.deep.equal(before);
      // Newlines in the body and the addressee block (also as CR LF, as a browser form sends them) are fine.
      const ok = await draft('konseptor', {
        template: { ...template(), addressee: 'Yth. Kepala Dinas\r\ndi\r\nTempat', body: 'Dengan hormat,\r\n\r\nkami mengundang.' },
      });
      expect(ok.status, JSON.stringify(ok.body)).to.equal(201);
    });

    it('refuses a version whose bytes are archived already', async () => {
      const bytes = await pdf();
      const lid = String(
        (
          await upload(app, token.konseptor!, OUT, [{ name: 'a.pdf', bytes }], {
            subject: 'S',
            recipient: 'R',
            classificationCode: '800',
            signerId: id.sekda!,
            reviewerIds: id.kasubbag!,
          })
        ).body.id,
      );
      expect((await act('kasubbag', lid, 'return', { comment: 'Ganti lampiran.' })).status).to.equal(200);
      const before = await state(lid);
      expectProblem(await upload(app, token.konseptor!, `${OUT}/${lid}/versions`, [{ name: 'a.pdf', bytes }]), 409);
      expect(await state(lid)).to.deep.equal(before);
      const again = await api(app, token.konseptor!, 'POST', `${OUT}/${lid}/versions`, { template: template('Lampiran sudah diganti.') });
      expect(again.status, JSON.stringify(again.body)).to.equal(201);
      expect(again.body).to.include({ version: 2, status: 'in_review' });
    });
  },
);

forEachDatabase('letter numbers at signing', { timeout: 120_000, app: false }, ({ database }) => {
  let db: Database;
  before(async () => {
    db = await openSequelizeDatabase(database.config);
  });
  after(async () => {
    await db?.close();
  });

  it('gives 200 numbers to 20 parallel signers as 1..200, with no gap where a signing rolled back', async () => {
    const letter = { classificationCode: '800', unitCode: 'BKD' };
    const in2025 = await planLetterNumber({ db, officeTimeZone: 'Asia/Jakarta' }, letter, new Date('2025-06-01T03:00:00Z'));
    const { taken, failures } = await takeNumbersInParallel(db, in2025);
    expect(failures).to.equal(40);
    const sequences = taken.map((n) => Number(n.split('/')[1])).sort((a, b) => a - b);
    expect(sequences).to.deep.equal(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(taken.every((n) => /^800\/\d+\/BKD\/2025$/.test(n))).to.equal(true);
    const in2026 = await planLetterNumber({ db, officeTimeZone: 'Asia/Jakarta' }, letter, new Date('2026-01-01T03:00:00Z'));
    expect((await db.transaction((tx) => assignLetterNumber(tx, in2026))).letterNumber).to.equal('800/1/BKD/2026');
  });
});
