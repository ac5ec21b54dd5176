import { expect } from 'chai';
import { forEachDatabase } from '../support/for-each-database.ts';
import { user } from '../support/factories.ts';
import { api, expectProblem } from '../support/http.ts';

const PATH = '/api/v1/classifications';
type Code = {
  code: string;
  name: string;
  parentCode: string | null;
  active: boolean;
  activeYears: number | null;
  inactiveYears: number | null;
  finalDisposition: string | null;
};

forEachDatabase(
  'the classification scheme over HTTP',
  {
    timeout: 60_000,
    // the scheme as a new office gets it
    start: { freshScheme: true },
  },
  ({ app }) => {
    let staff: string;
    before(async () => {
      staff = (await user(app, 'staf', { name: 'Staf' })).token;
    });

    const list = async (token: string, query = '') => {
      const r = await api(app, token, 'GET', `${PATH}${query}`);
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      return r.body as unknown as { items: Code[]; total: number; page: number; limit: number };
    };

    it('starts with the ten main subjects, which everyone may read', async () => {
      const all = await list(staff);
      expect(all.items.map((c) => c.code)).to.deep.equal(['000', '100', '200', '300', '400', '500', '600', '700', '800', '900']);
      expect(all.items.find((c) => c.code === '800')).to.include({ name: 'Kepegawaian', parentCode: null, active: true });
      expect(all).to.include({ total: 10, page: 1, limit: 100 });
    });

    it('lets an admin refine a code with its retention, in reading order, and audits it', async () => {
      const made = await api(app, app.adminToken, 'POST', PATH, {
        code: '800.1',
        name: 'Formasi Pegawai',
        activeYears: 2,
        inactiveYears: 3,
        finalDisposition: 'destroy',
      });
      expect(made.status, JSON.stringify(made.body)).to.equal(201);
      expect(made.body).to.include({ code: '800.1', parentCode: '800', finalDisposition: 'destroy', activeYears: 2 });
      for (const [code, name] of [
        ['800.10', 'Sepuluh'],
        ['800.2', 'Dua'],
        ['800.1.2', 'Satu dua'],
      ]) {
        expect((await api(app, app.adminToken, 'POST', PATH, { code, name })).status).to.equal(201);
      }
      const found = await list(staff, '?q=800.');
      expect(found.items.map((c) => c.code)).to.deep.equal(['800.1', '800.1.2', '800.2', '800.10']);
      expect((await list(staff, '?q=formasi')).items.map((c) => c.code)).to.deep.equal(['800.1']);
      const entries = await app.naskah.deps.db.audit.list({ targetId: '800.1' }, { userId: 'x', unitCodes: 'all', levels: ['biasa'] }, 1, 10);
      expect(entries.items.map((e) => e.action)).to.include('admin.classification_create');
    });

    it('retires and restores a code: gone from the pickers, kept for the record', async () => {
      const retired = await api(app, app.adminToken, 'PATCH', `${PATH}/800.2`, { active: false, name: 'Dua (lama)' });
      expect(retired.status, JSON.stringify(retired.body)).to.equal(200);
      expect(retired.body).to.include({ active: false, name: 'Dua (lama)' });
      expect((await list(staff, '?q=800.')).items.map((c) => c.code)).to.not.include('800.2');
      expect((await list(staff, '?q=800.&all=true')).items.map((c) => c.code)).to.include('800.2');
      expect((await api(app, staff, 'GET', `${PATH}/800.2`)).body).to.include({ active: false });
      expect((await api(app, app.adminToken, 'PATCH', `${PATH}/800.2`, { active: true })).body).to.include({ active: true, name: 'Dua (lama)' });
    });

    it('refuses non-admins, duplicates, holes in the tree and bad values, leaving nothing behind', async () => {
      expectProblem(await api(app, staff, 'POST', PATH, { code: '900.9', name: 'x' }), 403);
      expectProblem(await api(app, staff, 'PATCH', `${PATH}/800`, { name: 'x' }), 403);
      expectProblem(await api(app, app.adminToken, 'POST', PATH, { code: '800', name: 'lagi' }), 409);
      const hole = expectProblem(await api(app, app.adminToken, 'POST', PATH, { code: '700.5.1', name: 'x' }), 422);
      expect((hole.errors as { field: string }[]).map((e) => e.field)).to.deep.equal(['code']);
      for (const [body, field] of [
        [{ code: '8 0 0', name: 'x' }, 'code'],
        [{ code: "800'--", name: 'x' }, 'code'],
        [{ code: '800.', name: 'x' }, 'code'],
        [{ code: '800..1', name: 'x' }, 'code'],
        [{ code: '950', name: '' }, 'name'],
        [{ code: '950', name: 'x\u202E' }, 'name'],
        [{ code: '950', name: 'x', activeYears: -1 }, 'activeYears'],
        [{ code: '950', name: 'x', activeYears: 1.5 }, 'activeYears'],
        [{ code: '950', name: 'x', finalDisposition: 'burn' }, 'finalDisposition'],
      ] as [Record<string, unknown>, string][]) {
        const r = expectProblem(await api(app, app.adminToken, 'POST', PATH, body), 422);
        expect(
          (r.errors as { field: string }[]).map((e) => e.field),
          JSON.stringify(body),
        ).to.include(field);
      }
      expectProblem(await api(app, app.adminToken, 'POST', PATH, { code: '950', name: 'x', parent: '900' }), 422);
      expectProblem(await api(app, app.adminToken, 'PATCH', `${PATH}/800`, { code: '801' }), 422);
      expectProblem(await api(app, app.adminToken, 'PATCH', `${PATH}/999`, { name: 'x' }), 404);
      // Nothing to change: the code as it is, and no audit entry for it.
      const updatesBefore = (
        await app.naskah.deps.db.audit.list(
          { targetId: '900', action: 'admin.classification_update' },
          { userId: 'x', unitCodes: 'all', levels: ['biasa'] },
          1,
          10,
        )
      ).total;
      expect((await api(app, app.adminToken, 'PATCH', `${PATH}/900`, {})).body).to.include({ code: '900', name: 'Keuangan' });
      expect(
        (
          await app.naskah.deps.db.audit.list(
            { targetId: '900', action: 'admin.classification_update' },
            { userId: 'x', unitCodes: 'all', levels: ['biasa'] },
            1,
            10,
          )
        ).total,
      ).to.equal(updatesBefore);
      expectProblem(await api(app, staff, 'GET', `${PATH}?limit=5000`), 422);
      expect((await list(staff, '?all=true')).items.map((c) => c.code)).to.not.include('950');
    });
  },
);
