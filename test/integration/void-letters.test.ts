import { expect } from 'chai';
import { letterPdf } from '../../scripts/fixtures/letter-pdf.ts';
import { generateLetter } from '../../scripts/fixtures/letter-text.ts';
import { reconcile } from '../../src/app/operations/reconcile.ts';
import { reindex } from '../../src/app/operations/reindex.ts';
import { forEachDatabase } from '../support/for-each-database.ts';
import { api, form } from '../support/http.ts';
import { person, setUpUnits } from '../support/sign-office.ts';
import { waitForDocument } from '../support/test-app.ts';

type Json = Record<string, unknown>;

/** Issue 18: a void agenda entry was a mistake; the office's figures, search and the officials' notices forget it. */
forEachDatabase(
  (db) => `a void agenda entry counts for nothing (HTTP, ${db})`,
  { timeout: 180_000 },
  ({ app }) => {
    const t: Record<string, string> = {};

    const receivedThisMonth = async () => {
      const r = await api(app, t.head!, 'GET', '/api/v1/stats');
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      return (r.body.months as { incoming: number }[]).at(-1)!.incoming;
    };
    const found = async (word: string, documentId: string) =>
      ((await api(app, t.clerk!, 'GET', `/api/v1/search?q=${encodeURIComponent(word)}`)).body.items as { id: string }[]).some((h) => h.id === documentId);
    const notices = async (letterId: string) =>
      ((await api(app, t.head!, 'GET', '/api/v1/notifications')).body.items as Json[]).filter(
        (n) => n.kind === 'incoming_registered' && n.subjectId === letterId,
      );

    before(async () => {
      await setUpUnits(app);
      t.clerk = (await person(app, 'tu.bkd', 'clerk', 'BKD')).token;
      t.head = (await person(app, 'kaban', 'official', 'BKD')).token;
    });

    it('leaves the figures, search (also after a reindex) and the official’s notices once voided', async () => {
      const l = generateLetter(901);
      const fields = { letterNumber: l.letterNumber, letterDate: l.letterDate, sender: l.sender, subject: l.subject, urgency: 'biasa', unitCode: 'BKD' };
      const reg = await form(app, t.clerk!, '/api/v1/letters/incoming', fields, { name: 'surat.pdf', bytes: await letterPdf([l]) });
      expect(reg.status, JSON.stringify(reg.body)).to.equal(201);
      const id = String(reg.body.id);
      const documentId = String(reg.body.documentId);
      await waitForDocument(app, t.clerk!, documentId);
      const word = l.subject.split(/\s+/).find((w) => w.length >= 7)!;
      expect(await found(word, documentId)).to.equal(true);
      const counted = await receivedThisMonth();
      expect(counted).to.be.at.least(1);
      expect(await notices(id)).to.have.length(1);

      const voided = await fetch(`${app.url}/api/v1/letters/incoming/${id}/void`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.clerk}`, 'content-type': 'application/json', 'if-match': '"1"' },
        body: JSON.stringify({ reason: 'tercatat dua kali' }),
      });
      expect(voided.status, await voided.clone().text()).to.equal(200);

      expect(await receivedThisMonth(), 'not counted as received').to.equal(counted - 1);
      expect(await found(word, documentId), 'not found by search').to.equal(false);
      expect(await notices(id), 'the notice that it waits for a disposition is gone').to.deep.equal([]);
      // Still readable from the register, marked void.
      expect((await api(app, t.clerk!, 'GET', `/api/v1/letters/incoming/${id}`)).body.voided).to.include({ reason: 'tercatat dua kali' });

      // A rebuilt index leaves it out too, and reconcile does not call that a gap.
      await reindex(app.naskah.deps);
      expect(await found(word, documentId)).to.equal(false);
      const report = await reconcile(app.naskah.deps, { repair: false });
      expect(report.findings.filter((f) => f.subject === documentId)).to.deep.equal([]);
    });
  },
);
