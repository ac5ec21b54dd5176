import { expect } from 'chai';
import { forEachDatabase } from '../support/for-each-database.ts';
import { incomingLetter } from '../support/factories.ts';
import { api, expectProblem, type Reply } from '../support/http.ts';
import { person, setUpUnits } from '../support/sign-office.ts';
import { waitForDocument } from '../support/test-app.ts';

type Json = Record<string, unknown>;

/** Polls until `check` holds (the re-index job runs after the correction commits). */
const until = async (check: () => Promise<boolean>, what: string, ms = 30_000) => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) if (await check()) return;
  throw new Error(`timed out waiting until ${what}`);
};

forEachDatabase(
  (db) => `correcting a letter's security level and unit (HTTP, ${db})`,
  { timeout: 180_000 },
  ({ app }) => {
    const t: Record<string, string> = {};

    const send = async (who: string, path: string, body: unknown, ifMatch?: string): Promise<Reply> => {
      const res = await fetch(`${app.url}${path}`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${t[who]}`, 'content-type': 'application/json', ...(ifMatch ? { 'if-match': ifMatch } : {}) },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Reply['body']) : {} };
    };
    const found = async (who: string, word: string, documentId: string) =>
      ((await api(app, t[who]!, 'GET', `/api/v1/search?q=${encodeURIComponent(word)}`)).body.items as { id: string }[]).some((h) => h.id === documentId);

    /** A letter registered for BKD by its clerk, processed. */
    const register = async (seed: number) => {
      const reg = await incomingLetter(app, t.clerk!, seed, { unitCode: 'BKD' }, 'surat.pdf');
      await waitForDocument(app, t.clerk!, reg.documentId);
      return { l: reg.letter, reg };
    };

    before(async () => {
      await setUpUnits(app);
      for (const [key, username, role, unit, extra] of [
        ['clerk', 'tu.bkd', 'clerk', 'BKD', { clearance: 'terbatas' }],
        ['tu', 'tu.kantor', 'clerk', 'SETDA', { clearance: 'rahasia', filingScope: { kind: 'office' } }],
        ['staff', 'staf.bkd', 'staff', 'BKD', {}],
      ] as const) {
        t[key] = (await person(app, username, role, unit, `Bapak ${username}`, extra)).token;
      }
    });

    it('raises the level within the corrector’s clearance only; the scan follows and search stops showing it to those not cleared', async () => {
      const { l, reg } = await register(811);
      const id = String(reg.body.id);
      const documentId = String(reg.body.documentId);
      const word = l.subject.split(/\s+/).find((w) => w.length >= 7)!;
      await until(() => found('staff', word, documentId), 'staff find the letter');

      // Above the clerk's own clearance: refused, naming the field and its rule; nothing changes.
      const above = expectProblem(await send('clerk', `/api/v1/letters/incoming/${id}`, { securityLevel: 'rahasia' }, '"1"'), 403);
      expect(above.errors).to.deep.include({ field: 'securityLevel', code: 'not_cleared', message: (above.errors as Json[])[0]!.message });
      expect((await api(app, t.clerk!, 'GET', `/api/v1/letters/incoming/${id}`)).body).to.include({ version: 1, securityLevel: 'biasa' });

      const r = await send('clerk', `/api/v1/letters/incoming/${id}`, { securityLevel: 'terbatas', reason: 'salah pilih' }, '"1"');
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      expect(r.body).to.include({ version: 2, securityLevel: 'terbatas' });
      expect((await api(app, t.clerk!, 'GET', `/api/v1/documents/${documentId}`)).body).to.include({ securityLevel: 'terbatas' });
      const history = (await api(app, t.clerk!, 'GET', `/api/v1/letters/incoming/${id}/corrections`)).body;
      expect((history.corrections as Json[])[0]).to.deep.include({
        changed: ['securityLevel'],
        before: { securityLevel: 'biasa' },
        after: { securityLevel: 'terbatas' },
      });
      // The staff member (cleared for biasa) no longer reads it, nor finds it.
      expectProblem(await api(app, t.staff!, 'GET', `/api/v1/letters/incoming/${id}`), 404);
      expect(await found('staff', word, documentId), 'taken out of search at once').to.equal(false);
      await until(() => found('clerk', word, documentId), 're-indexed for those cleared');
      expect(await found('staff', word, documentId)).to.equal(false);
    });

    it('moves a letter to a unit within the filing scope only: the next number of that register, the old one kept there marked void', async () => {
      const { reg } = await register(812);
      const id = String(reg.body.id);
      const old = Number(reg.body.agendaNumber);
      const year = Number(reg.body.agendaYear);

      // A clerk of BKD alone may not file for SETDA; an unknown unit is 422 naming the field.
      const outside = expectProblem(await send('clerk', `/api/v1/letters/incoming/${id}`, { unitCode: 'SETDA' }, '"1"'), 403);
      expect(String(outside.type)).to.match(/\/outside-filing-scope$/);
      const unknown = expectProblem(await send('tu', `/api/v1/letters/incoming/${id}`, { unitCode: 'NOPE' }, '"1"'), 422);
      expect((unknown.errors as Json[])[0]).to.include({ field: 'unitCode', code: 'unknown_unit' });

      // The office's front desk files for every unit.
      const setdaBefore = (await api(app, t.tu!, 'GET', '/api/v1/letters/incoming?unitCode=SETDA&limit=100')).body.total as number;
      const moved = await send('tu', `/api/v1/letters/incoming/${id}`, { unitCode: 'SETDA', reason: 'salah unit' }, '"1"');
      expect(moved.status, JSON.stringify(moved.body)).to.equal(200);
      expect(moved.body).to.include({ id, unitCode: 'SETDA', version: 2, agendaYear: year });
      expect(Number(moved.body.agendaNumber)).to.equal(setdaBefore + 1);
      const doc = (await api(app, t.tu!, 'GET', `/api/v1/documents/${reg.body.documentId}`)).body;
      expect(doc).to.include({ unitCode: 'SETDA' });
      // The scan still leads to the letter in force, not to the mark it left behind.
      expect((await api(app, t.tu!, 'GET', `/api/v1/documents/by-sha256/${doc.sha256}`)).body.letter).to.include({ id, unitCode: 'SETDA', voided: false });
      // The BKD register keeps the old number, void, saying where the letter went.
      const bkd = (await api(app, t.tu!, 'GET', `/api/v1/letters/incoming?unitCode=BKD&voided=true&limit=100`)).body.items as Json[];
      const mark = bkd.find((e) => e.agendaNumber === old && e.agendaYear === year);
      expect(mark, 'the old number stays in the BKD register').to.not.equal(undefined);
      expect(String((mark!.voided as Json).reason)).to.contain(`SETDA sebagai agenda ${moved.body.agendaNumber}/${year}`);
      const history = (await api(app, t.tu!, 'GET', `/api/v1/letters/incoming/${id}/corrections`)).body;
      expect((history.corrections as Json[])[0]).to.deep.include({
        changed: ['unitCode', 'agendaNumber'],
        before: { unitCode: 'BKD', agendaNumber: old },
        after: { unitCode: 'SETDA', agendaNumber: moved.body.agendaNumber },
      });
      // The BKD clerk no longer reads a SETDA letter.
      expectProblem(await api(app, t.clerk!, 'GET', `/api/v1/letters/incoming/${id}`), 404);
    });
  },
);
