import { expect } from 'chai';
import { forEachDatabase } from '../support/for-each-database.ts';
import { incomingLetter, unit } from '../support/factories.ts';
import { api, expectProblem, form } from '../support/http.ts';
import { person, type Person } from '../support/sign-office.ts';

type Json = Record<string, unknown>;

/**
 * The inbox of issue 18: a letter sent to someone and to their unit is two dispositions, each
 * saying how it reaches them; open and done are separate lists; a completion blocked by open
 * forwarded dispositions is known before the report is typed, and each refusal has its own type.
 */
forEachDatabase(
  (db) => `the disposition inbox on ${db} (HTTP)`,
  { timeout: 90_000 },
  ({ app }) => {
    let clerk: Person;
    let head: Person;
    let ana: Person;
    let citra: Person;
    before(async () => {
      await unit(app, 'BKD', { name: 'Badan Kepegawaian' });
      await unit(app, 'BKD-MUT', { name: 'Bidang Mutasi', parentCode: 'BKD' });
      clerk = await person(app, 'tu.inbox', 'clerk', 'ORG');
      head = await person(app, 'kadis.inbox', 'official', 'ORG');
      ana = await person(app, 'ana.inbox', 'staff', 'BKD');
      citra = await person(app, 'citra.inbox', 'staff', 'BKD-MUT');
    });
    const inbox = async (who: Person, state = 'open') => {
      const r = await api(app, who.token, 'GET', `/api/v1/dispositions/inbox?state=${state}`);
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      return r.body.items as Json[];
    };

    it('tells a disposition to a person from one to their unit, keeps done apart, and blocks completion up front', async () => {
      const reg = await incomingLetter(app, clerk.token, 181, {}, 'surat.pdf');
      const sent = await api(app, head.token, 'POST', `/api/v1/letters/incoming/${reg.body.id}/dispositions`, {
        to: [{ userId: ana.id }, { unitCode: 'BKD' }],
        instruction: 'Tindak lanjuti',
      });
      expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
      const items = await inbox(ana);
      expect(items.map((i) => i.via).sort()).to.deep.equal(['personal', 'unit']);
      const personal = items.find((i) => i.via === 'personal')!;

      const fwd = await api(app, ana.token, 'POST', `/api/v1/letters/incoming/${reg.body.id}/dispositions`, {
        to: [{ userId: citra.id }],
        instruction: 'Siapkan jawaban',
        parentId: personal.id,
      });
      expect(fwd.status, JSON.stringify(fwd.body)).to.equal(201);
      const child = fwd.body.items![0]!;
      const opened = await api(app, ana.token, 'GET', `/api/v1/dispositions/${String(personal.id)}`);
      expect(opened.body.openChildren).to.deep.equal([{ id: child.id, to: { user: { id: citra.id, name: `Bapak ${citra.username}` } } }]);
      const refused = expectProblem(await api(app, ana.token, 'POST', `/api/v1/dispositions/${String(personal.id)}/complete`, { report: 'selesai' }), 409);
      expect(refused.type).to.match(/\/forwarded-still-open$/);
      expect(refused.openChildren).to.deep.equal([child.id]);

      expect((await api(app, citra.token, 'POST', `/api/v1/dispositions/${String(child.id)}/complete`, { report: 'Sudah' })).status).to.equal(200);
      expect((await api(app, ana.token, 'GET', `/api/v1/dispositions/${String(personal.id)}`)).body.openChildren).to.deep.equal([]);
      expect((await api(app, ana.token, 'POST', `/api/v1/dispositions/${String(personal.id)}/complete`, { report: 'Selesai' })).status).to.equal(200);
      const again = expectProblem(await api(app, ana.token, 'POST', `/api/v1/dispositions/${String(personal.id)}/complete`, { report: 'lagi' }), 409);
      expect(again.type).to.match(/\/disposition-closed$/);

      expect((await inbox(ana)).map((i) => i.via)).to.deep.equal(['unit']);
      const done = await inbox(ana, 'done');
      expect(done.map((i) => [i.id, i.via, i.status])).to.deep.equal([[personal.id, 'personal', 'completed']]);
      expectProblem(await api(app, ana.token, 'GET', '/api/v1/dispositions/inbox?state=semua'), 422);

      // A report file that is the very bytes of a document Ana may not see: its own problem type, nothing completed.
      const { bytes: otherBytes } = await incomingLetter(app, clerk.token, 182, {}, 'lain.pdf');
      const viaUnit = (await inbox(ana))[0]!;
      const elsewhere = expectProblem(
        await form(app, ana.token, `/api/v1/dispositions/${String(viaUnit.id)}/complete`, { report: 'Terlampir' }, { name: 'laporan.pdf', bytes: otherBytes }),
        409,
      );
      expect(elsewhere.type).to.match(/\/archived-elsewhere$/);
      expect((await inbox(ana)).map((i) => i.id)).to.deep.equal([viaUnit.id]);
    });
  },
);
