import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { letterPdf } from '../../scripts/fixtures/letter-pdf.ts';
import { generateLetter } from '../../scripts/fixtures/letter-text.ts';
import { forEachDatabase } from '../support/for-each-database.ts';
import { incomingLetter } from '../support/factories.ts';
import { api, expectProblem, form } from '../support/http.ts';
import { waitForDocument } from '../support/test-app.ts';
import { passwordOf } from '../support/passwords.ts';

const everything = {
  userId: 'test',
  unitCodes: 'all' as const,
  levels: ['biasa' as const, 'terbatas' as const, 'rahasia' as const, 'sangat_rahasia' as const],
};
const HOUR = 3600_000;

type Json = Record<string, unknown>;
type Node = Json & { id: string; status: string; children: Node[]; to: Json };

forEachDatabase(
  (db) => `dispositions (disposisi) over HTTP on ${db}`,
  { timeout: 120_000 },
  ({ app }) => {
    const t: Record<'clerk' | 'head' | 'kabid' | 'ana' | 'budi' | 'citra' | 'sari', string> = {
      clerk: '',
      head: '',
      kabid: '',
      ana: '',
      budi: '',
      citra: '',
      sari: '',
    };
    const ids: Record<string, string> = {};

    const register = async (seed: number, securityLevel: 'terbatas' | 'rahasia' = 'terbatas') => {
      const r = await incomingLetter(app, t.clerk, seed, { urgency: 'segera', securityLevel });
      // As someone cleared: the admin is not cleared for terbatas, and a 404 would end the wait at once.
      expect((await waitForDocument(app, securityLevel === 'terbatas' ? t.clerk : t.head, r.documentId)).status).to.equal('ready');
      return { id: r.id, documentId: r.documentId, agendaNumber: r.body.agendaNumber, letter: r.letter };
    };
    const dispose = (token: string, letterId: string, body: unknown) => api(app, token, 'POST', `/api/v1/letters/incoming/${letterId}/dispositions`, body);
    const tree = async (token: string, letterId: string) => {
      const r = await api(app, token, 'GET', `/api/v1/letters/incoming/${letterId}/dispositions`);
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      return r.body as unknown as { status: string; items: Node[]; holders: { dispositionId: string; holder: Json; since: string }[] };
    };
    const letterStatus = async (letterId: string) => String((await api(app, t.clerk, 'GET', `/api/v1/letters/incoming/${letterId}`)).body.status);
    const auditOf = async (documentId: string) => (await app.naskah.deps.db.audit.list({ targetId: documentId }, everything, 1, 1000)).items;
    const inbox = async (token: string) => (await api(app, token, 'GET', '/api/v1/dispositions/inbox')).body.items as Json[];
    const inFuture = (hours: number) => new Date(app.clock.now().getTime() + hours * HOUR).toISOString();
    /** Search is eventually consistent: polls until the document shows for the user (or time runs out). */
    const finds = async (token: string, q: string, documentId: string, timeoutMs = 15_000) => {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const r = await api(app, token, 'GET', `/api/v1/search?q=${encodeURIComponent(q)}`);
        if ((r.body.items ?? []).some((i) => i.id === documentId)) return true;
        if (Date.now() > until) return false;
        await new Promise((res) => setTimeout(res, 100));
      }
    };

    before(async () => {
      const a = app.adminToken;
      // ORG ─┬─ BKD ── BKD-MUT
      //      └─ DISDIK
      for (const u of [
        { code: 'BKD', name: 'Badan Kepegawaian', parentCode: 'ORG' },
        { code: 'BKD-MUT', name: 'Bidang Mutasi', parentCode: 'BKD' },
        { code: 'DISDIK', name: 'Dinas Pendidikan', parentCode: 'ORG' },
      ]) {
        expect((await api(app, a, 'POST', '/api/v1/units', u)).status).to.equal(201);
      }
      const people = [
        // Recipients are cleared for the terbatas letters sent to them (a disposition needs that).
        ['clerk', 'tu.org', 'clerk', 'ORG', 'terbatas', 'Tata Usaha'],
        ['head', 'kadis', 'official', 'ORG', 'rahasia', 'Kepala Dinas'],
        ['kabid', 'kabid.bkd', 'official', 'BKD', 'terbatas', 'Kabid BKD'],
        ['ana', 'ana.bkd', 'staff', 'BKD', 'terbatas', 'Ana'],
        ['budi', 'budi.disdik', 'staff', 'DISDIK', 'terbatas', 'Budi'],
        ['citra', 'citra.mut', 'staff', 'BKD-MUT', 'terbatas', 'Citra'],
        ['sari', 'sari.org', 'staff', 'ORG', 'terbatas', 'Sari'],
        ['-', 'lama.bkd', 'staff', 'BKD', 'biasa', 'Pensiun'],
      ] as const;
      for (const [key, username, role, unitCode, clearance, name] of people) {
        const r = await api(app, a, 'POST', '/api/v1/users', { username, password: passwordOf(username, '1'), name, role, unitCode, clearance });
        expect(r.status, JSON.stringify(r.body)).to.equal(201);
        ids[key === '-' ? 'retired' : key] = String(r.body.id);
        if (key !== '-') t[key] = await app.login(username, passwordOf(username, '1'));
      }
      expect((await api(app, a, 'PATCH', `/api/v1/users/${ids.retired}`, { disabled: true })).status).to.equal(200);
    });

    it('routes a letter: head → two units, a unit member forwards to staff, staff reports with a file; the letter completes', async () => {
      const L = await register(21);
      expect(await letterStatus(L.id)).to.equal('registered');
      // Before any disposition, staff of the units cannot read it (terbatas, filed at ORG).
      expectProblem(await api(app, t.ana, 'GET', `/api/v1/documents/${L.documentId}`), 404);
      expectProblem(await api(app, t.budi, 'GET', `/api/v1/letters/incoming/${L.id}/dispositions`), 404);

      // The head disposes to BKD and DISDIK.
      const dueAt = inFuture(72);
      const d1 = await dispose(t.head, L.id, {
        to: [{ unitCode: 'BKD' }, { unitCode: 'DISDIK' }],
        instruction: 'Mohon ditindaklanjuti dan dilaporkan',
        actions: ['untuk_ditindaklanjuti', 'siapkan_jawaban'],
        dueAt,
      });
      expect(d1.status, JSON.stringify(d1.body)).to.equal(201);
      expect(d1.body.items).to.have.length(2);
      const bkd = d1.body.items!.find((i) => (i.to as Json).unit && ((i.to as Json).unit as Json).code === 'BKD')!;
      const disdik = d1.body.items!.find((i) => (i.to as Json).unit && ((i.to as Json).unit as Json).code === 'DISDIK')!;
      expect(bkd).to.deep.include({
        status: 'open',
        parentId: null,
        instruction: 'Mohon ditindaklanjuti dan dilaporkan',
        dueAt: new Date(dueAt).toISOString(),
        read: false,
      });
      expect(bkd.from).to.deep.equal({ id: ids.head, name: 'Kepala Dinas' });
      expect(bkd.to).to.deep.equal({ unit: { code: 'BKD', name: 'Badan Kepegawaian' } });
      expect(await letterStatus(L.id)).to.equal('disposed');

      // Members of both units see it in their inbox with the letter's summary; Citra (a unit below) does not.
      const [item] = await inbox(t.ana);
      expect(item).to.deep.include({ id: bkd.id, read: false, dueAt: new Date(dueAt).toISOString() });
      expect(item!.letter).to.deep.include({
        id: L.id,
        agendaNumber: L.agendaNumber,
        letterNumber: L.letter.letterNumber,
        subject: L.letter.subject,
        sender: L.letter.sender,
        urgency: 'segera',
      });
      expect(item!.from).to.deep.equal({ id: ids.head, name: 'Kepala Dinas' });
      expect((await inbox(t.kabid)).map((i) => i.id)).to.deep.equal([bkd.id]);
      expect((await inbox(t.budi)).map((i) => i.id)).to.deep.equal([disdik.id]);
      expect(await inbox(t.citra)).to.deep.equal([]);

      // Recipients (every active member of a unit) may now read the letter and find it.
      for (const who of [t.ana, t.kabid, t.budi]) expect((await api(app, who, 'GET', `/api/v1/documents/${L.documentId}`)).status).to.equal(200);
      expect(await finds(t.budi, L.letter.letterNumber, L.documentId)).to.equal(true);

      // Opening it as its holder marks it read, once.
      const opened = await api(app, t.ana, 'GET', `/api/v1/dispositions/${String(bkd.id)}`);
      expect(opened.status).to.equal(200);
      expect(opened.body).to.deep.include({ read: true });
      expect((opened.body.letter as Json).id).to.equal(L.id);
      const readAt = opened.body.readAt;
      app.clock.advance(1000);
      expect((await api(app, t.kabid, 'GET', `/api/v1/dispositions/${String(bkd.id)}`)).body.readAt).to.equal(readAt);
      // The sender opening it does not mark it read (it was already; the DISDIK one stays unread).
      expect((await api(app, t.head, 'GET', `/api/v1/dispositions/${String(disdik.id)}`)).body.read).to.equal(false);

      // Ana (staff, holds the BKD one through her unit) forwards it down to Citra — not sideways to DISDIK.
      const sideways = expectProblem(await dispose(t.ana, L.id, { to: [{ unitCode: 'DISDIK' }], instruction: 'x' }), 422);
      expect(sideways.errors).to.deep.equal([{ field: 'to.0.unitCode', message: 'outside your unit and the units below it', code: 'outside_reach' }]);
      const fwd = await dispose(t.ana, L.id, {
        to: [{ userId: ids.citra }],
        instruction: 'Siapkan konsep jawaban',
        actions: ['siapkan_jawaban'],
        dueAt: inFuture(48),
      });
      expect(fwd.status, JSON.stringify(fwd.body)).to.equal(201);
      const toCitra = fwd.body.items![0]!;
      expect(toCitra).to.deep.include({ parentId: bkd.id });
      expect(toCitra.from).to.deep.equal({ id: ids.ana, name: 'Ana' });
      expect(toCitra.to).to.deep.equal({ user: { id: ids.citra, name: 'Citra' } });
      expect((await inbox(t.citra)).map((i) => i.id)).to.deep.equal([toCitra.id]);
      expect(await finds(t.citra, L.letter.letterNumber, L.documentId)).to.equal(true);

      // The tree shows who holds it now: DISDIK since it was sent, Citra since she got it.
      let tr = await tree(t.head, L.id);
      expect(tr.items.map((n) => n.id).sort()).to.deep.equal([bkd.id, disdik.id].sort());
      expect(tr.items.find((n) => n.id === bkd.id)!.children.map((n) => n.id)).to.deep.equal([toCitra.id]);
      expect(tr.holders.map((h) => h.dispositionId).sort()).to.deep.equal([disdik.id, toCitra.id].sort());
      expect(tr.holders.find((h) => h.dispositionId === toCitra.id)).to.deep.include({
        holder: { user: { id: ids.citra, name: 'Citra' } },
        since: toCitra.createdAt,
      });
      expect((await tree(t.citra, L.id)).holders).to.have.length(2); // a recipient may see the whole routing

      // Ana cannot report before what she forwarded is back.
      expectProblem(await api(app, t.ana, 'POST', `/api/v1/dispositions/${String(bkd.id)}/complete`, { report: 'selesai' }), 409);

      // Citra opens hers and completes it with an attachment.
      expect((await api(app, t.citra, 'GET', `/api/v1/dispositions/${String(toCitra.id)}`)).body.read).to.equal(true);
      const report = generateLetter(23);
      app.clock.advance(60_000);
      const done = await form(
        app,
        t.citra,
        `/api/v1/dispositions/${String(toCitra.id)}/complete`,
        { report: 'Konsep jawaban terlampir' },
        { name: 'laporan.pdf', bytes: await letterPdf([report]) },
      );
      expect(done.status, JSON.stringify(done.body)).to.equal(200);
      expect(done.body).to.deep.include({ status: 'completed', report: 'Konsep jawaban terlampir' });
      expect(done.body.completedBy).to.deep.equal({ id: ids.citra, name: 'Citra' });
      const reportDoc = String(done.body.reportDocumentId);
      const stored = await waitForDocument(app, t.citra, reportDoc);
      expect(stored).to.deep.include({ securityLevel: 'terbatas', unitCode: 'BKD-MUT', status: 'ready' });
      // The one who asked for it (Ana) may read the report; someone outside may not.
      expect((await api(app, t.ana, 'GET', `/api/v1/documents/${reportDoc}`)).status).to.equal(200);
      expectProblem(await api(app, t.budi, 'GET', `/api/v1/documents/${reportDoc}`), 404);

      // Back with BKD (since Citra's report), then BKD and DISDIK report: the letter is completed.
      tr = await tree(t.head, L.id);
      expect(tr.holders.find((h) => h.dispositionId === bkd.id)?.since).to.equal(done.body.completedAt);
      expect(tr.status).to.equal('disposed');
      expect((await api(app, t.ana, 'POST', `/api/v1/dispositions/${String(bkd.id)}/complete`, { report: 'Sudah ditindaklanjuti' })).status).to.equal(200);
      expect(await letterStatus(L.id)).to.equal('disposed');
      expect((await api(app, t.budi, 'POST', `/api/v1/dispositions/${String(disdik.id)}/complete`, { report: 'Dicatat' })).status).to.equal(200);
      expect(await letterStatus(L.id)).to.equal('completed');
      tr = await tree(t.head, L.id);
      expect(tr.holders).to.deep.equal([]);
      expect(tr.items.every((n) => n.status === 'completed' && n.children.every((c) => c.status === 'completed'))).to.equal(true);
      for (const who of [t.ana, t.budi, t.citra]) expect(await inbox(who)).to.deep.equal([]);

      // Every step is in the trail, about the letter's document.
      const actions = (await auditOf(L.documentId)).map((e) => e.action);
      expect(actions.filter((a) => a === 'letter.disposition')).to.have.length(2);
      expect(actions.filter((a) => a === 'letter.disposition_forward')).to.have.length(1);
      expect(actions.filter((a) => a === 'letter.disposition_complete')).to.have.length(3);
      expect(actions.filter((a) => a === 'letter.disposition_read')).to.have.length(2); // Ana's BKD one, Citra's
    });

    it('lists the inbox due first, lets a late unit member in on opening, and offers due ones to reminders', async () => {
      const L = await register(26);
      const soon = inFuture(2);
      const later = inFuture(30);
      for (const body of [
        { to: [{ unitCode: 'BKD-MUT' }, { userId: ids.budi }], instruction: 'Untuk diketahui', dueAt: later },
        { to: [{ userId: ids.citra }], instruction: 'Segera', dueAt: soon },
        { to: [{ userId: ids.citra }], instruction: 'Arsipkan', actions: ['arsipkan'] },
      ]) {
        expect((await dispose(t.head, L.id, body)).status).to.equal(201);
      }
      expect((await inbox(t.citra)).map((i) => [i.instruction, i.dueAt])).to.deep.equal([
        ['Segera', soon],
        ['Untuk diketahui', later],
        ['Arsipkan', null],
      ]);

      // Dewi joins BKD-MUT after it was sent: she holds it, and gets read access when she opens it.
      const dewi = await api(app, app.adminToken, 'POST', '/api/v1/users', {
        username: 'dewi.mut',
        password: 'sandi-dewi-mut-1',
        name: 'Dewi',
        role: 'staff',
        unitCode: 'BKD-MUT',
        clearance: 'terbatas',
      });
      const dewiToken = await app.login('dewi.mut', 'sandi-dewi-mut-1');
      const [held] = await inbox(dewiToken);
      expect(held).to.deep.include({ instruction: 'Untuk diketahui', read: false });
      expectProblem(await api(app, dewiToken, 'GET', `/api/v1/documents/${L.documentId}`), 404);
      expect((await api(app, dewiToken, 'GET', `/api/v1/dispositions/${String(held!.id)}`)).body.read).to.equal(true);
      expect((await api(app, dewiToken, 'GET', `/api/v1/documents/${L.documentId}`)).status).to.equal(200);
      const grant = (await auditOf(L.documentId)).find((e) => e.action === 'letter.disposition_grant');
      expect(grant?.details).to.deep.include({ readersGranted: [String(dewi.body.id)] });

      // The reminders' query: open ones due by a time, paged by id.
      const repo = app.naskah.deps.db.dispositions;
      const now = app.clock.now();
      expect((await repo.openDueBy(new Date(now.getTime() + 3 * HOUR), 10, null)).map((d) => d.instruction)).to.deep.equal(['Segera']);
      const paged: string[] = [];
      for (let after: string | null = null; ; ) {
        const page = await repo.openDueBy(new Date(now.getTime() + 31 * HOUR), 1, after);
        if (page.length === 0) break;
        paged.push(page[0]!.id);
        after = page[0]!.id;
      }
      expect(paged).to.have.length(3);
      expect([...paged].sort()).to.deep.equal(paged);
      const budiOne = (await inbox(t.budi)).find((i) => (i.letter as Json).id === L.id)!;
      expect((await api(app, t.budi, 'POST', `/api/v1/dispositions/${String(budiOne.id)}/complete`, { report: 'Dicatat' })).status).to.equal(200);
      expect(await repo.openDueBy(new Date(now.getTime() + 31 * HOUR), 10, null)).to.have.length(2);
    });

    it('sends a rahasia letter only to people cleared for it; of a unit, only cleared members may read it', async () => {
      const L = await register(29, 'rahasia');
      const readers = () => app.naskah.deps.db.readers.of(L.documentId);
      const state = async () => ({ tree: await tree(t.head, L.id), audit: (await auditOf(L.documentId)).length, readers: (await readers()).sort() });
      const before = await state();
      expect(before.tree.status).to.equal('registered');

      // Ana (terbatas) is not cleared for rahasia: refused with the field named, and nothing is written,
      // not even the disposition to DISDIK named beside her.
      const p = expectProblem(await dispose(t.head, L.id, { to: [{ unitCode: 'DISDIK' }, { userId: ids.ana }], instruction: 'Tindak lanjuti' }), 422);
      expect(p.errors).to.deep.equal([{ field: 'to.1.userId', message: "not cleared for this letter's security level", code: 'not_cleared' }]);
      expectProblem(await dispose(t.head, L.id, { to: [{ userId: ids.citra }], instruction: 'Tindak lanjuti' }), 422);
      expect(await state()).to.deep.equal(before);
      expectProblem(await api(app, t.ana, 'GET', `/api/v1/documents/${L.documentId}`), 404);

      // A unit with one cleared member (Rini) and one who is not (Tono).
      expect((await api(app, app.adminToken, 'POST', '/api/v1/units', { code: 'INSP', name: 'Inspektorat', parentCode: 'ORG' })).status).to.equal(201);
      const member = async (username: string, name: string, clearance: string) => {
        const r = await api(app, app.adminToken, 'POST', '/api/v1/users', {
          username,
          password: passwordOf(username, '1'),
          name,
          role: 'staff',
          unitCode: 'INSP',
          clearance,
        });
        expect(r.status, JSON.stringify(r.body)).to.equal(201);
        return { id: String(r.body.id), token: await app.login(username, passwordOf(username, '1')) };
      };
      const rini = await member('rini.insp', 'Rini', 'rahasia');
      const tono = await member('tono.insp', 'Tono', 'terbatas');
      const sent = await dispose(t.head, L.id, { to: [{ unitCode: 'INSP' }], instruction: 'Periksa dan laporkan' });
      expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
      const dId = String(sent.body.items![0]!.id);
      expect(await readers()).to.deep.equal([rini.id]);
      const entry = (await auditOf(L.documentId)).find((e) => e.action === 'letter.disposition');
      expect(entry?.details).to.deep.include({ toUnitCode: 'INSP', readersGranted: [rini.id] });

      // Rini reads the letter and finds it; Tono is refused it as if it did not exist.
      expect((await api(app, rini.token, 'GET', `/api/v1/documents/${L.documentId}`)).status).to.equal(200);
      expect((await api(app, rini.token, 'GET', `/api/v1/letters/incoming/${L.id}`)).status).to.equal(200);
      expect(await finds(rini.token, L.letter.letterNumber, L.documentId)).to.equal(true);
      expectProblem(await api(app, tono.token, 'GET', `/api/v1/documents/${L.documentId}`), 404);
      expectProblem(await api(app, tono.token, 'GET', `/api/v1/letters/incoming/${L.id}`), 404);
      expect(await finds(tono.token, L.letter.letterNumber, L.documentId, 500)).to.equal(false);

      // Both hold it; only Rini sees its subject and sender in the inbox.
      const [rinis] = await inbox(rini.token);
      expect(rinis!.letter).to.deep.include({ id: L.id, subject: L.letter.subject, sender: L.letter.sender });
      const [tonos] = await inbox(tono.token);
      expect(tonos).to.deep.include({ id: dId, instruction: 'Periksa dan laporkan' });
      expect(tonos!.letter).to.deep.include({ id: L.id, subject: null, sender: null });
      expect(JSON.stringify(tonos)).to.not.include(L.letter.subject);

      // Opening it does not give Tono the late grant a cleared newcomer gets.
      const opened = await api(app, tono.token, 'GET', `/api/v1/dispositions/${dId}`);
      expect(opened.status).to.equal(200);
      expect(opened.body.read).to.equal(true);
      expect(opened.body.letter).to.deep.include({ subject: null, sender: null });
      expectProblem(await api(app, tono.token, 'GET', `/api/v1/documents/${L.documentId}`), 404);
      expect(await readers()).to.deep.equal([rini.id]);
      expect((await auditOf(L.documentId)).some((e) => e.action === 'letter.disposition_grant')).to.equal(false);
      // A cleared newcomer to the unit does get it on opening.
      const wati = await member('wati.insp', 'Wati', 'rahasia');
      expect((await api(app, wati.token, 'GET', `/api/v1/dispositions/${dId}`)).body.letter).to.deep.include({ subject: L.letter.subject });
      expect((await api(app, wati.token, 'GET', `/api/v1/documents/${L.documentId}`)).status).to.equal(200);

      // Tono may still complete what his unit holds; his report (at rahasia, titled after the letter)
      // is granted to the head who sent it, not to him, and the answer withholds the summary.
      const done = await form(
        app,
        tono.token,
        `/api/v1/dispositions/${dId}/complete`,
        { report: 'Sudah diperiksa' },
        { name: 'lap.pdf', bytes: await letterPdf([generateLetter(30)]) },
      );
      expect(done.status, JSON.stringify(done.body)).to.equal(200);
      expect(done.body.letter).to.deep.include({ subject: null, sender: null });
      const reportDoc = String(done.body.reportDocumentId);
      expect(await app.naskah.deps.db.readers.of(reportDoc)).to.deep.equal([ids.head]);
      expectProblem(await api(app, tono.token, 'GET', `/api/v1/documents/${reportDoc}`), 404);
      expect((await waitForDocument(app, t.head, reportDoc)).securityLevel).to.equal('rahasia');
    });

    it('settles racing completions: one wins a double completion, and the last two at once complete the letter', async () => {
      const L = await register(27);
      const r = await dispose(t.head, L.id, { to: [{ unitCode: 'BKD' }, { unitCode: 'DISDIK' }], instruction: 'Koordinasikan', actions: ['koordinasikan'] });
      const [bkd, disdik] = ['BKD', 'DISDIK'].map((code) => String(r.body.items!.find((i) => ((i.to as Json).unit as Json | undefined)?.code === code)!.id));
      const replies = await Promise.all([
        api(app, t.kabid, 'POST', `/api/v1/dispositions/${bkd}/complete`, { report: 'oleh kabid' }),
        api(app, t.ana, 'POST', `/api/v1/dispositions/${bkd}/complete`, { report: 'oleh ana' }),
        form(
          app,
          t.budi,
          `/api/v1/dispositions/${disdik}/complete`,
          { report: 'oleh budi' },
          { name: 'lap.pdf', bytes: await letterPdf([generateLetter(28)]) },
        ),
      ]);
      expect(
        replies
          .map((x) => x.status)
          .slice(0, 2)
          .sort(),
        JSON.stringify(replies.map((x) => x.body)),
      ).to.deep.equal([200, 409]);
      expect(replies[2]!.status, JSON.stringify(replies[2]!.body)).to.equal(200);
      expect(await letterStatus(L.id)).to.equal('completed');
      const actions = (await auditOf(L.documentId)).map((e) => e.action);
      expect(actions.filter((a) => a === 'letter.disposition_complete')).to.have.length(2);
      expect(actions.filter((a) => a === 'letter.completed')).to.have.length(1);
    });

    it('leaves no stored file behind when completions with files race: one object for the one that won', async () => {
      const originals = async () => (await app.filesIn('objects')).filter((f) => f.startsWith('objects/originals/')).length;
      const race = async (files: Uint8Array[]) => {
        const L = await register(31 + files.length);
        const r = await dispose(t.head, L.id, { to: [{ unitCode: 'BKD' }], instruction: 'Laporkan' });
        const id = String(r.body.items![0]!.id);
        const before = await originals();
        const replies = await Promise.all(
          files.map((bytes, i) =>
            form(app, i % 2 ? t.ana : t.kabid, `/api/v1/dispositions/${id}/complete`, { report: `laporan ${i}` }, { name: `lap-${i}.pdf`, bytes }),
          ),
        );
        expect(replies.map((x) => x.status).sort(), JSON.stringify(replies.map((x) => x.body))).to.deep.equal([200, ...files.slice(1).map(() => 409)]);
        return { before, winner: replies.find((x) => x.status === 200)!.body };
      };
      // Four different files: three lose, and their objects go.
      const four = await race(await Promise.all([40, 41, 42, 43].map((n) => letterPdf([generateLetter(n)]))));
      expect(await originals()).to.equal(four.before + 1);
      // The same file twice: the loser's cleanup must not remove what the winner's document uses.
      const same = await letterPdf([generateLetter(44)]);
      const two = await race([same, same]);
      expect(await originals()).to.equal(two.before + 1);
      const content = await fetch(`${app.url}/api/v1/documents/${String(two.winner.reportDocumentId)}/content`, {
        headers: { authorization: `Bearer ${t.kabid}` },
      });
      expect(content.status).to.equal(200);
      expect(Buffer.from(await content.arrayBuffer()).equals(Buffer.from(same))).to.equal(true);
    });

    describe('bad input changes nothing', () => {
      let L: Awaited<ReturnType<typeof register>>;
      let bkdId: string;
      let snapshot: { tree: unknown; audit: number; objects: number };
      const take = async () => ({
        tree: await tree(t.head, L.id),
        audit: (await auditOf(L.documentId)).length,
        // Originals only: the worker renders earlier uploads' page images whenever it gets to them,
        // staging each in the store's scratch folder first.
        objects: (await app.filesIn('objects')).filter((f) => f.startsWith('objects/originals/')).length,
      });
      before(async () => {
        L = await register(22);
        const r = await dispose(t.head, L.id, { to: [{ unitCode: 'BKD' }], instruction: 'Untuk diketahui', actions: ['untuk_diketahui'] });
        expect(r.status, JSON.stringify(r.body)).to.equal(201);
        bkdId = String(r.body.items![0]!.id);
      });
      beforeEach(async () => {
        snapshot = await take();
      });
      afterEach(async () => {
        expect(await take()).to.deep.equal(snapshot);
      });

      it('refuses unknown, disabled, outside and duplicate recipients, yourself and an empty list (422, naming the field)', async () => {
        const bad = async (token: string, to: unknown[], field: string) => {
          const p = expectProblem(await dispose(token, L.id, { to, instruction: 'Tindak lanjuti' }), 422);
          expect(
            (p.errors as { field: string }[]).map((e) => e.field),
            JSON.stringify(p),
          ).to.include(field);
        };
        await bad(t.head, [{ userId: randomUUID() }], 'to.0.userId');
        await bad(t.head, [{ unitCode: 'BKD' }, { unitCode: 'NOPE' }], 'to.1.unitCode');
        await bad(t.head, [{ userId: ids.retired }], 'to.0.userId');
        await bad(t.head, [{ userId: ids.head }], 'to.0.userId');
        await bad(t.head, [{ userId: ids.ana }, { userId: ids.ana }], 'to.1.userId');
        await bad(t.head, [], 'to');
        await bad(t.kabid, [{ unitCode: 'DISDIK' }], 'to.0.unitCode'); // kabid holds the BKD one; DISDIK is beside BKD
        await bad(t.kabid, [{ userId: ids.budi }], 'to.0.userId');
        await bad(t.kabid, [{ unitCode: 'ORG' }], 'to.0.unitCode'); // up the hierarchy
        expectProblem(await dispose(t.head, L.id, { to: [{ email: 'x@y' }], instruction: 'x' }), 422);
        expectProblem(await dispose(t.head, L.id, { to: [{ unitCode: 'BKD-MUT' }], instruction: '   ' }), 422);
        expectProblem(await dispose(t.head, L.id, { to: [{ unitCode: 'BKD-MUT' }], instruction: 'x', actions: ['lempar'] }), 422);
        expectProblem(await dispose(t.head, L.id, { to: [{ unitCode: 'BKD-MUT' }], instruction: 'x', parentId: bkdId }), 422); // the head does not hold it
        expectProblem(await dispose(t.head, L.id, 'not an object'), 400);
      });

      it('refuses due dates in the past or without an offset', async () => {
        const p = expectProblem(
          await dispose(t.head, L.id, { to: [{ unitCode: 'DISDIK' }], instruction: 'x', dueAt: new Date(app.clock.now().getTime() - HOUR).toISOString() }),
          422,
        );
        expect(p.errors).to.deep.equal([{ field: 'dueAt', message: 'the due date is in the past', code: 'in_past' }]);
        expectProblem(await dispose(t.head, L.id, { to: [{ unitCode: 'DISDIK' }], instruction: 'x', dueAt: '2030-01-01' }), 422);
        expectProblem(
          await dispose(t.kabid, L.id, { to: [{ userId: ids.citra }], instruction: 'x', dueAt: new Date(app.clock.now().getTime() - 1000).toISOString() }),
          422,
        );
      });

      it('refuses routing by someone who neither holds it nor is an official (403), or cannot see the letter (404)', async () => {
        expectProblem(await dispose(t.sari, L.id, { to: [{ unitCode: 'BKD' }], instruction: 'x' }), 403);
        expectProblem(await dispose(t.budi, L.id, { to: [{ userId: ids.citra }], instruction: 'x' }), 404);
        expectProblem(await dispose(t.head, randomUUID(), { to: [{ unitCode: 'BKD' }], instruction: 'x' }), 404);
        expectProblem(await api(app, t.budi, 'GET', `/api/v1/dispositions/${bkdId}`), 404);
        expectProblem(await api(app, t.budi, 'GET', `/api/v1/letters/incoming/${L.id}/dispositions`), 404);
      });

      it('refuses completing a disposition one does not hold (403, or 404 when it is not visible)', async () => {
        expectProblem(await api(app, t.head, 'POST', `/api/v1/dispositions/${bkdId}/complete`, { report: 'saya yang selesaikan' }), 403);
        expectProblem(await api(app, t.sari, 'POST', `/api/v1/dispositions/${bkdId}/complete`, { report: 'x' }), 403);
        expectProblem(await api(app, t.budi, 'POST', `/api/v1/dispositions/${bkdId}/complete`, { report: 'x' }), 404);
        expectProblem(
          await form(app, t.head, `/api/v1/dispositions/${bkdId}/complete`, { report: 'x' }, { name: 'l.pdf', bytes: await letterPdf([generateLetter(24)]) }),
          403,
        );
        expectProblem(await api(app, t.kabid, 'POST', `/api/v1/dispositions/${bkdId}/complete`, { report: '' }), 422);
        expectProblem(await api(app, t.kabid, 'POST', `/api/v1/dispositions/${bkdId}/complete`, {}), 422);
        expectProblem(await api(app, t.kabid, 'POST', `/api/v1/dispositions/${randomUUID()}/complete`, { report: 'x' }), 404);
      });

      it('completes once: a second completion, with or without a file, is a 409', async () => {
        const ok = await api(app, t.kabid, 'POST', `/api/v1/dispositions/${bkdId}/complete`, { report: 'Sudah diketahui' });
        expect(ok.status).to.equal(200);
        expect(await letterStatus(L.id)).to.equal('completed');
        snapshot = await take(); // the completion itself is the one change
        expectProblem(await api(app, t.kabid, 'POST', `/api/v1/dispositions/${bkdId}/complete`, { report: 'lagi' }), 409);
        expectProblem(await api(app, t.ana, 'POST', `/api/v1/dispositions/${bkdId}/complete`, { report: 'lagi' }), 409);
        expectProblem(
          await form(app, t.ana, `/api/v1/dispositions/${bkdId}/complete`, { report: 'lagi' }, { name: 'l.pdf', bytes: await letterPdf([generateLetter(25)]) }),
          409,
        );
        // Nobody holds it now, so nobody may forward it; the head may route the letter afresh (not here).
        expectProblem(await dispose(t.ana, L.id, { to: [{ userId: ids.citra }], instruction: 'x' }), 403);
      });
    });
  },
);
