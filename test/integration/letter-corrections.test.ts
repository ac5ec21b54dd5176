import { readFile } from 'node:fs/promises';
import { expect } from 'chai';
import { letterPdf } from '../../scripts/fixtures/letter-pdf.ts';
import { generateLetter } from '../../scripts/fixtures/letter-text.ts';
import { sha256 as sha256Hex } from '../support/backup-office.ts';
import { forEachDatabase } from '../support/for-each-database.ts';
import { ensureFixture, FIXTURES, type FixtureName } from '../support/fixtures.ts';
import { footprint } from '../support/leftovers.ts';
import { incomingLetter } from '../support/factories.ts';
import { api, expectProblem, form, type Reply, upload } from '../support/http.ts';
import { people, setUpUnits } from '../support/sign-office.ts';

type Json = Record<string, unknown>;
const everything = {
  userId: 'test',
  unitCodes: 'all' as const,
  levels: ['biasa' as const, 'terbatas' as const, 'rahasia' as const, 'sangat_rahasia' as const],
};

forEachDatabase(
  (db) => `correcting and voiding incoming letters, and what a file says before it is registered (HTTP, ${db})`,
  {
    timeout: 180_000,
    // A busy test machine reads a scan far slower than the product's 25 s allow.
    env: { SUGGEST_OCR_TIMEOUT_MS: '300000' },
  },
  ({ app }) => {
    const t: Record<string, string> = {};
    const ids: Record<string, string> = {};

    /** A JSON request with an If-Match header. */
    const send = async (who: string, method: string, path: string, body: unknown, ifMatch?: string): Promise<Reply> => {
      const res = await fetch(`${app.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${t[who]}`, 'content-type': 'application/json', ...(ifMatch ? { 'if-match': ifMatch } : {}) },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Reply['body']) : {} };
    };
    const register = async (seed: number) => {
      const r = await incomingLetter(app, t.clerk!, seed, { unitCode: 'BKD' });
      return { body: r.body, bytes: r.bytes, l: r.letter };
    };
    const audits = async (action: string) => (await app.naskah.deps.db.audit.list({ action }, everything, 1, 100)).items;

    before(async () => {
      await setUpUnits(app);
      await people(
        app,
        [
          ['clerk', 'tu.bkd', 'clerk', 'BKD'],
          ['other', 'tu.setda', 'clerk', 'SETDA'],
          ['head', 'kaban', 'official', 'BKD'],
          ['staff', 'staf.bkd', 'staff', 'BKD'],
        ],
        ids,
        t,
      );
    });

    it('suggests number, date, sender and subject from a PDF’s text layer, and from a scan’s OCR, storing nothing', async () => {
      const fieldsOf = (l: ReturnType<typeof generateLetter>) => ({
        letterNumber: l.letterNumber,
        letterDate: l.letterDate,
        sender: l.sender,
        subject: l.subject,
      });
      const suggest = async (name: string, bytes: Uint8Array | string) => {
        const r = await upload(app, t.clerk!, '/api/v1/letters/incoming/suggest', [{ name, bytes }]);
        expect(r.status, JSON.stringify(r.body)).to.equal(200);
        return r.body;
      };
      const l = generateLetter(601);
      const before = await footprint(app);
      expect(await suggest('surat.pdf', await letterPdf([l]))).to.deep.equal({
        mimeType: 'application/pdf',
        textLayer: true,
        source: 'text-layer',
        suggestions: fieldsOf(l),
      });
      // A phone-quality scan: its first page is OCR'd on the request.
      const photo = generateLetter(FIXTURES['scan-1p.jpg'].seeds[0]!);
      expect(await suggest('scan.jpg', await ensureFixture('scan-1p.jpg'))).to.deep.equal({
        mimeType: 'image/jpeg',
        textLayer: false,
        source: 'ocr',
        suggestions: fieldsOf(photo),
      });
      // A PDF of page images has no text layer: its first page is OCR'd too.
      const scanned = generateLetter(FIXTURES['scan-2p.pdf'].seeds[0]!);
      const scan = await suggest('scan.pdf', await ensureFixture('scan-2p.pdf'));
      expect(scan).to.include({ textLayer: false, source: 'ocr' });
      expect(scan.suggestions).to.include({ letterNumber: scanned.letterNumber, letterDate: scanned.letterDate });
      const after = await footprint(app);
      expect({ ...after, temp: 0 }).to.deep.equal({ ...before, temp: 0 });
      expect(after.temp, 'temp files left').to.equal(0);
      expectProblem(await upload(app, t.staff!, '/api/v1/letters/incoming/suggest', [{ name: 'surat.pdf', bytes: await letterPdf([l]) }]), 403);
      expectProblem(await upload(app, t.clerk!, '/api/v1/letters/incoming/suggest', []), 400);
    });

    it('refuses a hostile or broken scan with a problem before any OCR, and leaves nothing behind', async () => {
      const before = await footprint(app);
      const suggest = async (name: FixtureName | 'cut.jpg') => {
        const bytes = name === 'cut.jpg' ? (await readFile(await ensureFixture('scan-1p.jpg'))).subarray(0, 20_000) : await ensureFixture(name);
        return upload(app, t.clerk!, '/api/v1/letters/incoming/suggest', [{ name, bytes }]);
      };
      // Over the pixel limit, a page bomb, not a letter at all, a JPEG cut short.
      expectProblem(await suggest('huge-pixels.png'), 422);
      expectProblem(await suggest('bomb.tiff'), 422);
      expectProblem(await suggest('executable.pdf'), 415);
      expectProblem(await suggest('cut.jpg'), 422);
      const after = await footprint(app);
      expect({ ...after, temp: 0 }).to.deep.equal({ ...before, temp: 0 });
      expect(after.temp, 'temp files left').to.equal(0);
    });

    it('tells a clerk before registering that a file is archived: the letter they may see, only "elsewhere" for what they may not', async () => {
      const l = generateLetter(602);
      const bytes = await letterPdf([l]);
      const hash = sha256Hex(bytes);
      const ask = (who: string, h = hash) => api(app, t[who]!, 'GET', `/api/v1/documents/by-sha256/${h}`);
      expect((await ask('clerk')).body).to.deep.equal({ exists: false, visible: false, document: null, letter: null });
      const fields = { letterNumber: l.letterNumber, letterDate: l.letterDate, sender: l.sender, subject: l.subject, urgency: 'biasa' };
      const reg = await form(app, t.clerk!, '/api/v1/letters/incoming', fields, { name: 'a.pdf', bytes });
      expect(reg.status).to.equal(201);
      const mine = await ask('clerk', hash.toUpperCase());
      expect(mine.status).to.equal(200);
      expect(mine.body).to.include({ exists: true, visible: true });
      expect(mine.body.letter).to.deep.equal({
        id: reg.body.id,
        agendaNumber: reg.body.agendaNumber,
        agendaYear: reg.body.agendaYear,
        unitCode: 'BKD',
        voided: false,
      });
      // Another unit's clerk learns that it exists, and nothing about it.
      expect((await ask('other')).body).to.deep.equal({ exists: true, visible: false, document: null, letter: null });
      expectProblem(await ask('staff'), 403);
      expectProblem(await ask('clerk', 'abc'), 422);
    });

    it('corrects a letter: versioned, audited before and after in one entry, its scan’s description follows, the original stays visible', async () => {
      const { body } = await register(603);
      const id = String(body.id);
      const got = await api(app, t.clerk!, 'GET', `/api/v1/letters/incoming/${id}`);
      expect(got.headers.get('etag')).to.equal('"1"');
      const r = await send(
        'clerk',
        'PATCH',
        `/api/v1/letters/incoming/${id}`,
        { letterNumber: '800/9/BKD/2025', subject: 'Perihal yang benar', reason: 'salah ketik' },
        '"1"',
      );
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      expect(r.body).to.include({ letterNumber: '800/9/BKD/2025', subject: 'Perihal yang benar', version: 2 });
      expect(r.headers.get('etag')).to.equal('"2"');
      const history = (await api(app, t.clerk!, 'GET', `/api/v1/letters/incoming/${id}/corrections`)).body;
      expect(history.original).to.include({ letterNumber: body.letterNumber, subject: body.subject });
      expect(history.corrections).to.have.length(1);
      expect((history.corrections as Json[])[0]).to.deep.include({
        version: 2,
        actorId: ids.clerk,
        reason: 'salah ketik',
        changed: ['letterNumber', 'subject'],
        before: { letterNumber: body.letterNumber, subject: body.subject },
        after: { letterNumber: '800/9/BKD/2025', subject: 'Perihal yang benar' },
      });
      const doc = (await api(app, t.clerk!, 'GET', `/api/v1/documents/${body.documentId}`)).body;
      expect(doc).to.include({ title: 'Perihal yang benar', letterNumber: '800/9/BKD/2025' });
      expect((await audits('letter.incoming_edit')).map((a) => (a.details as Json).letterId)).to.include(id);
      const docEdits = (await api(app, t.clerk!, 'GET', `/api/v1/documents/${body.documentId}/corrections`)).body;
      expect((docEdits.original as Json).title).to.equal(body.subject);
      // The version read is no longer current; nothing changes.
      expectProblem(await send('clerk', 'PATCH', `/api/v1/letters/incoming/${id}`, { sender: 'Orang lain' }, '"1"'), 412);
      expectProblem(await send('clerk', 'PATCH', `/api/v1/letters/incoming/${id}`, { receivedAt: '2999-01-01T08:00:00+07:00' }), 422);
      // Into another year's register: its agenda number belongs to the year it was given in.
      const lastYear = `${Number(body.agendaYear) - 1}-12-31T08:00:00+07:00`;
      const moved = expectProblem(await send('clerk', 'PATCH', `/api/v1/letters/incoming/${id}`, { receivedAt: lastYear }), 422);
      expect(JSON.stringify(moved.errors)).to.contain('receivedAt');
      expectProblem(await send('clerk', 'PATCH', `/api/v1/letters/incoming/${id}`, { classificationCode: '999.99' }), 422);
      expectProblem(await send('clerk', 'PATCH', `/api/v1/letters/incoming/${id}`, { agendaNumber: 1 }), 422);
      expectProblem(await send('staff', 'PATCH', `/api/v1/letters/incoming/${id}`, { sender: 'Orang lain' }), 403);
      expectProblem(await send('other', 'PATCH', `/api/v1/letters/incoming/${id}`, { sender: 'Orang lain' }), 404);
      const now = (await api(app, t.clerk!, 'GET', `/api/v1/letters/incoming/${id}`)).body;
      expect(now).to.include({ sender: body.sender, version: 2 });
    });

    it('voids an agenda entry with a reason: the number stays, marked, is never given again, and the letter leaves the working lists', async () => {
      const routed = await register(604);
      const d = await api(app, t.head!, 'POST', `/api/v1/letters/incoming/${routed.body.id}/dispositions`, {
        to: [{ userId: ids.staff }],
        instruction: 'Proses',
      });
      expect(d.status, JSON.stringify(d.body)).to.equal(201);
      expect(expectProblem(await send('clerk', 'POST', `/api/v1/letters/incoming/${routed.body.id}/void`, { reason: 'ganda' }), 409).type).to.match(
        /letter-routing-open$/,
      );

      const { body } = await register(605);
      const id = String(body.id);
      expectProblem(await send('clerk', 'POST', `/api/v1/letters/incoming/${id}/void`, {}), 422);
      const r = await send('clerk', 'POST', `/api/v1/letters/incoming/${id}/void`, { reason: 'surat tercatat dua kali' }, '"1"');
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      expect(r.body.voided).to.include({ by: ids.clerk, reason: 'surat tercatat dua kali' });
      expect((await api(app, t.head!, 'GET', `/api/v1/letters/incoming/${id}`)).status).to.equal(200);
      const listed = async (query: string) =>
        ((await api(app, t.clerk!, 'GET', `/api/v1/letters/incoming?unitCode=BKD&limit=100${query}`)).body.items as Json[]).map((l) => l.id);
      expect(await listed('')).to.include(id);
      expect(await listed('&voided=true')).to.deep.equal([id]);
      expect(await listed('&status=registered')).to.not.include(id);
      const next = await register(606);
      expect(next.body.agendaNumber).to.equal(Number(body.agendaNumber) + 1);
      expectProblem(await send('clerk', 'POST', `/api/v1/letters/incoming/${id}/void`, { reason: 'lagi' }), 409);
      expectProblem(await send('clerk', 'PATCH', `/api/v1/letters/incoming/${id}`, { subject: 'baru' }), 409);
      expectProblem(
        await api(app, t.head!, 'POST', `/api/v1/letters/incoming/${id}/dispositions`, { to: [{ userId: ids.staff }], instruction: 'Proses' }),
        409,
      );
      const entry = (await audits('letter.incoming_void')).find((a) => (a.details as Json).letterId === id);
      expect(entry?.details).to.include({ agendaNumber: body.agendaNumber, reason: 'surat tercatat dua kali' });
      expect((await api(app, t.clerk!, 'GET', `/api/v1/letters/incoming/${id}/corrections`)).body.voided).to.include({ reason: 'surat tercatat dua kali' });
    });
  },
);
