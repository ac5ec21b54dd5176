import { expect } from 'chai';
import { letterPdf } from '../../scripts/fixtures/letter-pdf.ts';
import { generateLetter } from '../../scripts/fixtures/letter-text.ts';
import { forEachDatabase } from '../support/for-each-database.ts';
import { api, expectProblem, form } from '../support/http.ts';
import { everything, issueCertificate, OUT, type Person, person, setUpUnits } from '../support/sign-office.ts';
import { waitForDocument } from '../support/test-app.ts';
import { PIN, signed, typedLetter } from '../support/typed-letters.ts';

type Hit = Record<string, unknown> & { id: string; letter: Record<string, unknown> | null; collapsed: string[]; replies: { id: string }[] };

/** A word of `b` (long enough to search alone) that `a` does not have. */
const wordOnlyIn = (a: string, b: string): string => {
  const words = (s: string) => new Set(s.toLowerCase().match(/\p{L}{7,}/gu) ?? []);
  const inA = words(a);
  return [...words(b)].find((w) => !inA.has(w))!;
};

forEachDatabase(
  (db) => `search results that say what they found (issue 18) on ${db}`,
  { timeout: 180_000 },
  ({ app }) => {
    const p: Record<string, Person> = {};

    /** Search is eventually consistent: polls until `until` holds for the answer (or time runs out). */
    const searchUntil = async (who: Person, query: string, until: (items: Hit[]) => boolean, timeoutMs = 30_000): Promise<Hit[]> => {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const r = await api(app, who.token, 'GET', `/api/v1/search?${query}`);
        expect(r.status, JSON.stringify(r.body)).to.equal(200);
        const items = (r.body.items ?? []) as Hit[];
        if (until(items) || Date.now() > end) return items;
        await new Promise((res) => setTimeout(res, 150));
      }
    };

    before(async () => {
      await setUpUnits(app);
      p.clerk = await person(app, 'tu.bkd', 'clerk', 'BKD');
      p.konseptor = await person(app, 'konseptor', 'staff', 'BKD');
      p.kaban = await person(app, 'kaban', 'official', 'BKD');
      p.pemeriksa = await person(app, 'pemeriksa', 'staff', 'BKD');
      p.lain = await person(app, 'lain', 'staff', 'SETDA');
      expect((await issueCertificate(app, p.kaban, PIN)).status).to.equal(201);
    });

    it('shows an incoming letter’s agenda and number, sender, date, the page of the hit and the replies to it', async () => {
      const [one, two] = [generateLetter(611), generateLetter(612)];
      const word = wordOnlyIn(one.text, two.text);
      const fields = {
        letterNumber: '800/611/BKD/2025',
        letterDate: '2025-02-03',
        sender: 'Dinas Pendidikan Provinsi',
        subject: one.subject,
        urgency: 'biasa',
      };
      const r = await form(app, p.clerk!.token, '/api/v1/letters/incoming', fields, { name: 'dua-halaman.pdf', bytes: await letterPdf([one, two]) });
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
      expect((await waitForDocument(app, p.clerk!.token, String(r.body.documentId))).status).to.equal('ready');
      const reply = await typedLetter(app, p.konseptor!, p.kaban!, { inReplyTo: r.body.id, subject: 'Balasan undangan' });

      const [hit] = await searchUntil(p.konseptor!, `q=${encodeURIComponent(word)}`, (items) => items.length > 0);
      expect(hit, word).to.include({
        id: r.body.documentId,
        letterNumber: '800/611/BKD/2025',
        sender: 'Dinas Pendidikan Provinsi',
        date: '2025-02-03',
        page: 2,
      });
      expect(hit!.letter).to.deep.include({ type: 'incoming', id: r.body.id, agendaNumber: 1, unitCode: 'BKD' });
      expect(hit!.replies.map((x) => x.id)).to.deep.equal([reply]);
      // A word of the first page is found on page 1.
      const first = wordOnlyIn(two.text, one.text);
      const [onFirst] = await searchUntil(p.konseptor!, `q=${encodeURIComponent(first)}`, (items) => items.length > 0);
      expect(onFirst).to.include({ id: r.body.documentId, page: 1 });
    });

    it('collapses the draft versions and the signed PDF of one outgoing letter into one result, the signed PDF standing for it', async () => {
      const body = 'Dengan hormat, kami sampaikan rencana pemutakhiran arsip kepegawaian kelurahan Wonokromo.';
      const draft = { subject: 'Pemutakhiran arsip', reviewerIds: [p.pemeriksa!.id], template: { body, place: 'Sleman' } };
      const id = await typedLetter(app, p.konseptor!, p.kaban!, draft);
      expect((await api(app, p.pemeriksa!.token, 'POST', `${OUT}/${id}/return`, { comment: 'Tambahkan tanggal.' })).status).to.equal(200);
      const v2 = await api(app, p.konseptor!.token, 'POST', `${OUT}/${id}/versions`, { template: { body: `${body} Mulai 1 Maret.`, place: 'Sleman' } });
      expect(v2.status, JSON.stringify(v2.body)).to.equal(201);
      expect((await api(app, p.pemeriksa!.token, 'POST', `${OUT}/${id}/approve`)).status).to.equal(200);
      const signature = await signed(app, p.kaban!, id);
      const signedId = String(signature.body.signedDocumentId);

      const items = await searchUntil(p.konseptor!, 'q=Wonokromo', (found) => found.some((h) => h.id === signedId && h.collapsed.length === 2));
      const ofLetter = items.filter((h) => h.letter?.type === 'outgoing' && h.letter.id === id);
      expect(ofLetter, JSON.stringify(items)).to.have.length(1);
      expect(ofLetter[0]).to.include({ id: signedId, letterNumber: signature.body.letterNumber });
      expect(ofLetter[0]!.letter).to.include({ signed: true, status: 'signed' });
      expect(ofLetter[0]!.collapsed).to.have.length(2);
      // The addressed unit's staff see the signed letter delivered to them, never the drafts;
      const theirs = await searchUntil(p.lain!, 'q=Wonokromo', () => true, 0);
      expect(theirs.map((h) => [h.id, h.collapsed])).to.deep.equal([[signedId, []]]);
      // For them it is their register's entry (the page they can open), not the drafting unit's letter.
      expect(theirs[0]!.letter).to.include({ type: 'incoming', unitCode: 'SETDA' });
    });

    it('sorts by date or relevance and refuses another order', async () => {
      const byDate = await api(app, p.konseptor!.token, 'GET', '/api/v1/search?q=&sort=date');
      expect(byDate.status).to.equal(200);
      const dates = (byDate.body.items ?? []).map((h) => String(h.date));
      expect(dates).to.deep.equal([...dates].sort().reverse());
      expect((await api(app, p.konseptor!.token, 'GET', '/api/v1/search?q=arsip&sort=relevance')).status).to.equal(200);
      expectProblem(await api(app, p.konseptor!.token, 'GET', '/api/v1/search?q=arsip&sort=newest'), 422);
    });

    it('keeps saved searches per user: save, list, run, delete; names unique per user; bad filters refused', async () => {
      const saved = await api(app, p.konseptor!.token, 'POST', '/api/v1/search/saved', {
        name: 'Arsip kepegawaian',
        query: 'arsip',
        filters: { unitCode: 'BKD', from: '2025-01-01', sort: 'date' },
      });
      expect(saved.status, JSON.stringify(saved.body)).to.equal(201);
      expect(saved.body).to.deep.include({ name: 'Arsip kepegawaian', query: 'arsip', filters: { unitCode: 'BKD', from: '2025-01-01', sort: 'date' } });
      expectProblem(await api(app, p.konseptor!.token, 'POST', '/api/v1/search/saved', { name: 'arsip KEPEGAWAIAN', query: 'x' }), 409);
      expectProblem(await api(app, p.konseptor!.token, 'POST', '/api/v1/search/saved', { name: 'Salah', filters: { kind: 'surat' } }), 422);
      expectProblem(await api(app, p.konseptor!.token, 'POST', '/api/v1/search/saved', { name: 'Salah', filters: { sql: '1=1' } }), 422);
      expectProblem(await api(app, p.konseptor!.token, 'POST', '/api/v1/search/saved', { name: ' ', query: 'x' }), 422);

      const mine = await api(app, p.konseptor!.token, 'GET', '/api/v1/search/saved');
      expect((mine.body.items ?? []).map((s) => s.name)).to.deep.equal(['Arsip kepegawaian']);
      expect((await api(app, p.lain!.token, 'GET', '/api/v1/search/saved')).body.items).to.deep.equal([]);
      expectProblem(await api(app, p.lain!.token, 'DELETE', `/api/v1/search/saved/${saved.body.id}`), 404);

      expect((await api(app, p.konseptor!.token, 'DELETE', `/api/v1/search/saved/${saved.body.id}`)).status).to.equal(204);
      expect((await api(app, p.konseptor!.token, 'GET', '/api/v1/search/saved')).body.items).to.deep.equal([]);
      expectProblem(await api(app, p.konseptor!.token, 'DELETE', `/api/v1/search/saved/${saved.body.id}`), 404);
      const audit = await app.naskah.deps.db.audit.list({ targetId: String(saved.body.id) }, everything, 1, 10);
      expect(audit.items.map((e) => e.action)).to.deep.equal(['search.save', 'search.delete']);
    });
  },
);
