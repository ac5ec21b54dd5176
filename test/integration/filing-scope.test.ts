import { expect } from 'chai';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { forEachDatabase } from '../support/for-each-database.ts';
import { unit } from '../support/factories.ts';
import { api, expectProblem, upload } from '../support/http.ts';
import { person, type Person } from '../support/sign-office.ts';
import type { TestApp } from '../support/test-app.ts';

const IN = '/api/v1/letters/incoming';
let serial = 0;

const letterPdf = async (line: string): Promise<Uint8Array> => {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([595.28, 841.89]).drawText(line, { x: 64, y: 760, size: 12, font });
  return pdf.save();
};

const register = async (app: TestApp, clerk: Person, unitCode: string) => {
  const n = `${Date.now().toString(36)}-${++serial}`;
  return upload(app, clerk.token, IN, [{ name: 'surat.pdf', bytes: await letterPdf(`Surat lingkup ${n}`) }], {
    letterNumber: `800/${n}/UJI/2026`,
    letterDate: '2026-03-01',
    sender: 'Badan Kepegawaian Negara',
    subject: `Surat lingkup ${n}`,
    urgency: 'biasa',
    unitCode,
  });
};

/** A clerk's filing scope (issue 18): own unit by default, the whole office, or named units, set by the admin. */
forEachDatabase(
  (db) => `a clerk's filing scope on ${db} (HTTP)`,
  { timeout: 60_000 },
  ({ app }) => {
    let clerk: Person;
    before(async () => {
      for (const [code, parentCode] of [
        ['TU', 'ORG'],
        ['BKD', 'ORG'],
        ['BKD-MUT', 'BKD'],
        ['DISDIK', 'ORG'],
      ] as const)
        await unit(app, code, { parentCode });
      clerk = await person(app, 'agendaris.tu', 'clerk', 'TU');
    });
    const setScope = (filingScope: unknown) => api(app, app.adminToken, 'PATCH', `/api/v1/users/${clerk.id}`, { filingScope });

    it('files for the own unit only until the admin widens it, and says why in a code', async () => {
      expect((await api(app, clerk.token, 'GET', '/api/v1/auth/me')).body.filingScope).to.deep.equal({ kind: 'own' });
      expect((await register(app, clerk, 'TU')).status).to.equal(201);
      const refused = expectProblem(await register(app, clerk, 'BKD'), 403);
      expect(refused.type).to.match(/\/outside-filing-scope$/);
    });

    it('a named set of units adds those units and the ones below them, nothing else', async () => {
      const r = await setScope({ kind: 'units', unitCodes: ['BKD'] });
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      expect(r.body.filingScope).to.deep.equal({ kind: 'units', unitCodes: ['BKD'] });
      expect((await register(app, clerk, 'BKD-MUT')).status).to.equal(201);
      expect((await register(app, clerk, 'TU')).status).to.equal(201);
      expectProblem(await register(app, clerk, 'DISDIK'), 403);
    });

    it('the whole office files for every unit and reads the register it keeps', async () => {
      expect((await setScope({ kind: 'office' })).status).to.equal(200);
      const r = await register(app, clerk, 'DISDIK');
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
      expect((await api(app, clerk.token, 'GET', `${IN}/${r.body.id}`)).status).to.equal(200);
      const audit = await app.naskah.deps.db.audit.list(
        { targetId: clerk.id, action: 'admin.user_update' },
        { userId: 't', unitCodes: 'all', levels: ['biasa', 'terbatas', 'rahasia', 'sangat_rahasia'] },
        1,
        10,
      );
      expect(audit.items.map((a) => a.details.filingScope)).to.deep.include({ kind: 'office' });
    });

    it('refuses a named unit that does not exist and changes nothing', async () => {
      const bad = expectProblem(await setScope({ kind: 'units', unitCodes: ['TIDAK-ADA'] }), 422);
      expect(bad.type).to.match(/\/unknown-unit$/);
      expect((await api(app, clerk.token, 'GET', '/api/v1/auth/me')).body.filingScope).to.deep.equal({ kind: 'office' });
      expectProblem(await setScope({ kind: 'units', unitCodes: [] }), 422);
    });
  },
);
