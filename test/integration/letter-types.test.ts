import { expect } from 'chai';
import { assignLetterNumber, planLetterNumber } from '../../src/app/outgoing/assign-letter-number.ts';
import { openSequelizeDatabase } from '../../src/infra/db/sequelize.database.ts';
import type { Database } from '../../src/ports/repositories.ts';
import { databaseTargets } from '../support/databases.ts';
import { describeOnDatabase } from '../support/for-each-database.ts';
import { footprint, idle } from '../support/leftovers.ts';
import { pdfText } from '../support/nss.ts';
import { takeNumbersInParallel } from '../support/parallel-numbers.ts';
import { api, expectProblem } from '../support/http.ts';
import { issueCertificate, OUT, type Person, person, setUpUnits } from '../support/sign-office.ts';
import { letterText, PIN, signed, typedDraft, typedLetter } from '../support/typed-letters.ts';

const TYPES = '/api/v1/letter-types';

for (const target of databaseTargets()) {
  describeOnDatabase(
    target,
    (db) => `naskah types: templates and numbering (HTTP, ${db})`,
    { timeout: 240_000 },
    ({ app }) => {
      const p: Record<string, Person> = {};
      const year = () => Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric' }).format(app.clock.now()));

      before(async () => {
        await setUpUnits(app);
        p.konseptor = await person(app, 'konseptor', 'staff', 'BKD');
        p.kepala = await person(app, 'kepala', 'official', 'BKD', 'Dra. Sri Wahyuni');
        p.pemeriksa = await person(app, 'pemeriksa', 'staff', 'BKD');
        p.admin = { id: 'admin', username: 'admin', token: app.adminToken };
        expect((await issueCertificate(app, p.kepala, PIN)).status).to.equal(201);
      });

      it('lists the six usual types with their number formats to anyone logged in', async () => {
        const r = await api(app, p.konseptor!.token, 'GET', TYPES);
        expect(r.status).to.equal(200);
        const types = r.body as unknown as { code: string; name: string; numberFormat: string }[];
        expect(types.map((t) => t.code)).to.include.members(['surat-dinas', 'nota-dinas', 'undangan', 'edaran', 'surat-tugas', 'keterangan']);
        for (const t of types) expect(t.numberFormat).to.match(/\{seq\}/);
        expect(types.find((t) => t.code === 'surat-dinas')!.numberFormat).to.equal('{code}/{seq}/{unit}/{year}');
      });

      it('lets an admin add and edit a type; refuses others, duplicates and formats without {seq} or {year}', async () => {
        const body = {
          code: 'surat-kuasa',
          name: 'Surat Kuasa',
          numberFormat: 'SK/{code}/{seq}/{unit}/{year}',
          template: { heading: 'SURAT KUASA', fields: [{ name: 'penerima', label: 'Penerima kuasa', required: true }] },
        };
        expectProblem(await api(app, p.konseptor!.token, 'POST', TYPES, body), 403);
        expectProblem(await api(app, app.adminToken, 'POST', TYPES, { ...body, numberFormat: 'SK/{code}/{unit}/{year}' }), 422);
        expectProblem(await api(app, app.adminToken, 'POST', TYPES, { ...body, numberFormat: 'SK/{seq}/{unit}' }), 422);
        expectProblem(await api(app, app.adminToken, 'POST', TYPES, { ...body, numberFormat: '{nomor}/{seq}/{year}' }), 422);
        expectProblem(await api(app, app.adminToken, 'POST', TYPES, { ...body, code: 'Surat Kuasa' }), 422);
        const made = await api(app, app.adminToken, 'POST', TYPES, body);
        expect(made.status, JSON.stringify(made.body)).to.equal(201);
        expect(made.body).to.include({ code: 'surat-kuasa', name: 'Surat Kuasa', numberFormat: 'SK/{code}/{seq}/{unit}/{year}', builtin: false });
        expectProblem(await api(app, app.adminToken, 'POST', TYPES, body), 409);
        const edited = await api(app, app.adminToken, 'PATCH', `${TYPES}/surat-kuasa`, {
          name: 'Surat Kuasa Dinas',
          unitFormats: { BKD: 'KUASA/{seq}/BKD/{month}/{year}' },
        });
        expect(edited.status, JSON.stringify(edited.body)).to.equal(200);
        expect(edited.body).to.deep.include({ name: 'Surat Kuasa Dinas', unitFormats: { BKD: 'KUASA/{seq}/BKD/{month}/{year}' } });
        expectProblem(await api(app, app.adminToken, 'PATCH', `${TYPES}/surat-kuasa`, { unitFormats: { NOPE: '{seq}/{year}' } }), 422);
        expect((await api(app, app.adminToken, 'PUT', `${TYPES}/surat-kuasa`, { name: 'Surat Kuasa Dinas' })).body).to.include({
          name: 'Surat Kuasa Dinas',
          numberFormat: 'SK/{code}/{seq}/{unit}/{year}',
        });
        expectProblem(await api(app, app.adminToken, 'PATCH', `${TYPES}/tidak-ada`, { name: 'X' }), 404);
        expectProblem(await api(app, p.konseptor!.token, 'PATCH', `${TYPES}/surat-kuasa`, { name: 'X' }), 403);
        // The new type is drafted and numbered with the unit's own format.
        const id = await typedLetter(app, p.konseptor!, p.kepala!, {
          type: 'surat-kuasa',
          addressees: [{ name: 'Sdr. Bambang Riyadi' }],
          template: { body: 'Memberi kuasa untuk mengurus berkas kepegawaian.', fields: { penerima: 'Bambang Riyadi' } },
        });
        const text = await letterText(app, p.konseptor!, id);
        expect(text).to.include('SURAT KUASA').and.include('Penerima kuasa : Bambang Riyadi').and.include('Yth. Sdr. Bambang Riyadi');
        const month = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'][
          Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', month: 'numeric' }).format(app.clock.now())) - 1
        ];
        expect((await signed(app, p.kepala!, id)).body.letterNumber).to.equal(`KUASA/1/BKD/${month}/${year()}`);
      });

      it('renders each type with its heading, addressees, copies after the signature, and a surat tugas with the people assigned', async () => {
        const cases: [string, Record<string, unknown>, string[]][] = [
          ['surat-dinas', {}, ['Yth.', 'Kepala Sekretariat Daerah']],
          ['nota-dinas', {}, ['NOTA DINAS']],
          [
            'undangan',
            { fields: { hari: 'Senin, 10 Maret 2025', waktu: '09.00 WIB', tempat: 'Aula BKD' } },
            ['Hari/tanggal : Senin, 10 Maret 2025', 'Tempat : Aula BKD'],
          ],
          ['edaran', {}, ['SURAT EDARAN']],
          [
            'surat-tugas',
            { assignees: [{ name: 'Agus Salim', nip: '198001012005011001', position: 'Analis Kepegawaian' }, { userId: p.konseptor!.id }, 'Wulan Sari'] },
            ['SURAT TUGAS', '1. Agus Salim, NIP 198001012005011001, Analis Kepegawaian', '2. Bapak konseptor', '3. Wulan Sari'],
          ],
          ['keterangan', {}, ['SURAT KETERANGAN']],
        ];
        for (const [type, extra, expected] of cases) {
          const id = await typedLetter(app, p.konseptor!, p.kepala!, {
            type,
            addressees: [{ unitCode: 'SETDA' }, { name: 'Dinas Pendidikan Kabupaten Sleman', address: 'Jl. Parasamya 1, Sleman' }],
            copies: [{ unitCode: 'BKD' }, { name: 'Inspektorat Daerah' }],
            template: { body: `Isi ${type} untuk diperiksa.`, place: 'Sleman', ...extra },
          });
          const letter = (await api(app, p.konseptor!.token, 'GET', `${OUT}/${id}`)).body;
          expect(letter).to.deep.include({ type, inReplyTo: null });
          expect(letter.addressees).to.deep.equal([
            { unitCode: 'SETDA', name: 'Sekretariat Daerah' },
            { name: 'Dinas Pendidikan Kabupaten Sleman', address: 'Jl. Parasamya 1, Sleman', email: null },
          ]);
          expect(letter.copies).to.deep.equal([
            { unitCode: 'BKD', name: 'Badan Kepegawaian Daerah' },
            { name: 'Inspektorat Daerah', address: null, email: null },
          ]);
          const text = await letterText(app, p.konseptor!, id);
          for (const e of expected) expect(text, type).to.include(e);
          expect(text).to.include('1. Kepala Sekretariat Daerah').and.include('2. Dinas Pendidikan Kabupaten Sleman');
          // TNDE order: addressees, body, the signer, then the copies.
          const at = (s: string) => text.indexOf(s);
          expect(at('Yth.'), type).to.be.lessThan(at(`Isi ${type}`));
          expect(at(`Isi ${type}`)).to.be.lessThan(at('Dra. Sri Wahyuni'));
          expect(at('Dra. Sri Wahyuni')).to.be.lessThan(at('Tembusan:'));
          expect(text.slice(at('Tembusan:')))
            .to.include('1. Kepala Badan Kepegawaian Daerah')
            .and.include('2. Inspektorat Daerah');
        }
        // The tembusan survive signing (the letter is rendered again with its number).
        const id = await typedLetter(app, p.konseptor!, p.kepala!, { copies: [{ name: 'Inspektorat Daerah' }] });
        await signed(app, p.kepala!, id);
        expect(await letterText(app, p.konseptor!, id, 'signed')).to.match(/Tembusan:\s*\n?\s*1\. Inspektorat Daerah/);
      });

      it('keeps the heading, fields and copies of a typed letter through a return and a revision of its text', async () => {
        const id = await typedLetter(app, p.konseptor!, p.kepala!, { reviewerIds: [p.pemeriksa!.id], copies: [{ name: 'Inspektorat Daerah' }] });
        expect((await api(app, p.pemeriksa!.token, 'POST', `${OUT}/${id}/return`, { comment: 'Perbaiki kalimatnya.' })).status).to.equal(200);
        const v1 = (await api(app, p.konseptor!.token, 'GET', `${OUT}/${id}`)).body.versions as { template: { addressee: string } }[];
        const r = await api(app, p.konseptor!.token, 'POST', `${OUT}/${id}/versions`, {
          template: { addressee: v1[0]!.template.addressee, body: 'Dengan hormat, kalimat yang sudah diperbaiki.' },
        });
        expect(r.status, JSON.stringify(r.body)).to.equal(201);
        const text = await letterText(app, p.konseptor!, id);
        expect(text)
          .to.include('NOTA DINAS')
          .and.include('kalimat yang sudah diperbaiki')
          .and.match(/Tembusan:\s*\n?\s*1\. Inspektorat Daerah/);
      });

      it('still takes one external recipient alone (no parties), printing it as the addressee', async () => {
        const r = await api(app, p.konseptor!.token, 'POST', OUT, {
          type: 'undangan',
          subject: 'Undangan',
          recipient: 'Kepala Dinas Kesehatan',
          classificationCode: '005',
          signerId: p.kepala!.id,
          template: { body: 'Kami mengundang Saudara.' },
        });
        expect(r.status, JSON.stringify(r.body)).to.equal(201);
        expect(r.body).to.deep.include({ type: 'undangan', recipient: 'Kepala Dinas Kesehatan', addressees: [], copies: [] });
        expect(await letterText(app, p.konseptor!, String(r.body.id))).to.include('Yth. Kepala Dinas Kesehatan');
      });

      it('previews a typed letter as it would print, storing nothing', async () => {
        await idle(app); // the drafts of the tests before finish their extraction first
        const before = await footprint(app);
        const body = {
          type: 'undangan',
          subject: 'Undangan rapat',
          classificationCode: '005',
          signerId: p.kepala!.id,
          addressees: [{ unitCode: 'SETDA' }],
          copies: [{ name: 'Inspektorat Daerah' }],
          template: { body: 'Kami mengundang Saudara.', fields: { hari: 'Senin', waktu: '09.00 WIB', tempat: 'Aula BKD' } },
        };
        const res = await fetch(`${app.url}${OUT}/preview`, {
          method: 'POST',
          headers: { authorization: `Bearer ${p.konseptor!.token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect(res.status).to.equal(200);
        expect(res.headers.get('content-type')).to.match(/^application\/pdf/);
        const text = (await pdfText(new Uint8Array(await res.arrayBuffer()))).replace(/[ \t]+/g, ' ');
        expect(text)
          .to.include('Yth. Kepala Sekretariat Daerah')
          .and.include('Tempat : Aula BKD')
          .and.include('Dra. Sri Wahyuni')
          .and.match(/Tembusan:\s*\n?\s*1\. Inspektorat Daerah/);
        expectProblem(await api(app, p.konseptor!.token, 'POST', `${OUT}/preview`, { ...body, signerId: p.konseptor!.id }), 422);
        expectProblem(await api(app, p.konseptor!.token, 'POST', `${OUT}/preview`, { ...body, template: { body: 'x', fields: { warna: 'biru' } } }), 422);
        await idle(app);
        expect(await footprint(app)).to.deep.equal(before);
      });

      it('refuses a typed draft that misses what its type asks for, or names unknown parties, with field errors and nothing stored', async () => {
        const before = (await app.naskah.deps.db.outgoing.list({}, { userId: 'x', unitCodes: 'all', levels: ['biasa'] }, 1, 1)).total;
        const fields = async (over: Record<string, unknown>) => {
          const r = await typedDraft(app, p.konseptor!, p.kepala!, over);
          return (expectProblem(r, r.status === 400 ? 400 : 422).errors as { field: string }[]).map((e) => e.field);
        };
        expect(await fields({ type: 'surat-kuasa', template: { body: 'Kuasa.' } })).to.include('template.fields.penerima');
        expect(
          await fields({ type: 'undangan', template: { body: 'Undangan.', fields: { hari: 'Senin', waktu: '9', tempat: 'Aula', warna: 'biru' } } }),
        ).to.include('template.fields.warna');
        expect(await fields({ type: 'surat-tugas' })).to.include('template.assignees');
        expect(await fields({ type: 'tidak-ada' })).to.include('type');
        expect(await fields({ addressees: [{ unitCode: 'NOPE' }], copies: [{ contactId: '00000000-0000-4000-8000-000000000000' }] })).to.include.members([
          'addressees.0.unitCode',
          'copies.0.contactId',
        ]);
        expect(await fields({ addressees: [] })).to.include('addressees');
        expect(await fields({ addressees: [{ unitCode: 'SETDA', name: 'both' }] })).to.not.be.empty;
        expect((await app.naskah.deps.db.outgoing.list({}, { userId: 'x', unitCodes: 'all', levels: ['biasa'] }, 1, 1)).total).to.equal(before);
      });

      it('numbers each type on its own gap-free sequence', async () => {
        const nota = await typedLetter(app, p.konseptor!, p.kepala!, { type: 'nota-dinas' });
        const tugas = await typedLetter(app, p.konseptor!, p.kepala!, {
          type: 'surat-tugas',
          template: { body: 'Tugas.', assignees: [{ name: 'Agus Salim' }] },
        });
        const nota2 = await typedLetter(app, p.konseptor!, p.kepala!, { type: 'nota-dinas' });
        const numbers = [];
        for (const id of [nota, tugas, nota2]) numbers.push((await signed(app, p.kepala!, id)).body.letterNumber);
        const notaBefore = Number(String(numbers[0]).split('/')[2]);
        expect(numbers[0]).to.match(new RegExp(`^ND/800/\\d+/BKD/${year()}$`));
        expect(numbers[1]).to.equal(`ST/800/1/BKD/${year()}`);
        expect(numbers[2]).to.equal(`ND/800/${notaBefore + 1}/BKD/${year()}`);
      });
    },
  );

  describeOnDatabase(target, 'naskah type numbering under 20 parallel signers', { timeout: 120_000, app: false }, ({ database }) => {
    let db: Database;
    before(async () => {
      db = await openSequelizeDatabase(database.config);
    });
    after(async () => {
      await db?.close();
    });

    it('gives 200 nota dinas numbers to 20 parallel signers as 1..200 in the type format, apart from surat dinas', async () => {
      const at = new Date('2025-06-01T03:00:00Z');
      const deps = { db, officeTimeZone: 'Asia/Jakarta' };
      const nota = await planLetterNumber(deps, { classificationCode: '800', unitCode: 'BKD', type: 'nota-dinas' }, at);
      const dinas = await planLetterNumber(deps, { classificationCode: '800', unitCode: 'BKD', type: 'surat-dinas' }, at);
      const { taken, failures } = await takeNumbersInParallel(db, nota);
      expect(failures).to.equal(40);
      expect(taken.every((n) => /^ND\/800\/\d+\/BKD\/2025$/.test(n))).to.equal(true);
      expect(taken.map((n) => Number(n.split('/')[2])).sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 200 }, (_, i) => i + 1));
      expect((await db.transaction((tx) => assignLetterNumber(tx, dinas))).letterNumber).to.equal('800/1/BKD/2025');
    });
  });
}
