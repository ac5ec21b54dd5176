import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { originalKey } from '../../src/app/documents/keys.ts';
import { agendaYearOf } from '../../src/domain/correspondence.ts';
import type { Database } from '../../src/ports/repositories.ts';
import { inParallel } from '../support/access-world.ts';
import { forEachDatabase } from '../support/for-each-database.ts';
import { unit, user } from '../support/factories.ts';
import { ensureFixture } from '../support/fixtures.ts';
import { api, expectProblem, upload, type Reply } from '../support/http.ts';
import { footprint, idle } from '../support/leftovers.ts';
import { waitForDocument, type TestApp } from '../support/test-app.ts';

const IN = '/api/v1/letters/incoming';
const PASSWORD = 'sandi-panjang-sekali';
const everything = {
  userId: 'test',
  unitCodes: 'all' as const,
  levels: ['biasa', 'terbatas', 'rahasia', 'sangat_rahasia'] as ('biasa' | 'terbatas' | 'rahasia' | 'sangat_rahasia')[],
};

/** A one-page born-digital letter: different lines, different bytes. */
const letterPdf = async (...lines: string[]): Promise<Uint8Array> => {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595.28, 841.89]);
  ['Pemerintah Kabupaten Contoh', 'Surat dinas untuk pengujian buku agenda surat masuk.', ...lines].forEach((l, i) =>
    page.drawText(l, { x: 64, y: 760 - 18 * i, size: 12, font }),
  );
  return pdf.save();
};

let serial = 0;
const unique = () => `${Date.now().toString(36)}-${++serial}`;

/** Registers a letter; every field can be overridden, and a field given as null is left out. */
const register = async (app: TestApp, token: string, over: Record<string, string | null> = {}, bytes?: Uint8Array): Promise<Reply> => {
  const n = unique();
  const base: Record<string, string | null> = {
    letterNumber: `800/${n}/UJI/2025`,
    letterDate: '2025-03-01',
    sender: 'Badan Kepegawaian Negara',
    subject: `Surat uji ${n}`,
    urgency: 'biasa',
    ...over,
  };
  const fields = Object.fromEntries(Object.entries(base).filter((e): e is [string, string] => e[1] !== null));
  return upload(app, token, IN, [{ name: 'surat.pdf', bytes: bytes ?? (await letterPdf(`Isi surat ${n}`)) }], fields);
};

const created = (r: Reply): Record<string, unknown> => {
  expect(r.status, JSON.stringify(r.body)).to.equal(201);
  return r.body;
};

/** Units and users over the admin API; returns each user's id and token. */
const people = async (app: TestApp, units: [string, string][], users: [string, string, string, string?][]) => {
  for (const [code, parentCode] of units) await unit(app, code, { parentCode });
  const out: Record<string, { id: string; token: string }> = {};
  for (const [username, role, unitCode, clearance] of users) {
    const { id, token } = await user(app, username, { password: PASSWORD, name: username, role, unitCode, clearance: clearance ?? 'biasa' });
    out[username] = { id, token };
  }
  return out;
};

const letterCount = async (db: Database) => (await db.incoming.list({}, everything, 1, 1)).total;

forEachDatabase(
  (db) => `the incoming register on ${db} (HTTP)`,
  { timeout: 60_000 },
  ({ app }) => {
    let u: Record<string, { id: string; token: string }>;
    let year: number;
    before(async () => {
      u = await people(
        app,
        [
          ['BKD', 'ORG'],
          ['BKD-MUT', 'BKD'],
          ['DISDIK', 'ORG'],
          ['SETDA', 'ORG'],
          ['UJI', 'ORG'],
        ],
        [
          ['tu.bkd', 'clerk', 'BKD'],
          ['tu2.bkd', 'clerk', 'BKD', 'terbatas'],
          ['staf.bkd', 'staff', 'BKD'],
          ['kabid.bkd', 'official', 'BKD', 'rahasia'],
          ['tu.disdik', 'clerk', 'DISDIK'],
          ['staf.disdik', 'staff', 'DISDIK'],
          ['tu.setda', 'clerk', 'SETDA'],
          ['tu.uji', 'clerk', 'UJI'],
        ],
      );
      year = agendaYearOf(app.clock.now(), 'Asia/Jakarta');
    });
    const tok = (name: string) => u[name]!.token;
    const auditOf = async (targetId: string, action: string) => (await app.naskah.deps.db.audit.list({ targetId, action }, everything, 1, 100)).items;

    it('registers a letter with the next agenda number, archives the scan as an incoming document, and reads it back', async () => {
      const bytes = await letterPdf('Perihal: permohonan data pegawai golongan tiga.');
      const r = await register(
        app,
        tok('tu.bkd'),
        {
          letterNumber: '800/77/BKN/2025',
          sender: 'Kantor Regional BKN',
          subject: 'Permohonan data pegawai',
          urgency: 'segera',
          classificationCode: '800',
          letterDate: '2025-03-01',
        },
        bytes,
      );
      const letter = created(r);
      expect(letter).to.include({
        agendaNumber: 1,
        agendaYear: year,
        unitCode: 'BKD',
        letterNumber: '800/77/BKN/2025',
        letterDate: '2025-03-01',
        sender: 'Kantor Regional BKN',
        subject: 'Permohonan data pegawai',
      });
      expect(letter).to.include({ urgency: 'segera', securityLevel: 'biasa', classificationCode: '800', status: 'registered', registeredBy: u['tu.bkd']!.id });
      expect(letter.possibleDuplicates).to.deep.equal([]);
      expect(Math.abs(Date.parse(String(letter.receivedAt)) - app.clock.now().getTime())).to.be.lessThan(60_000);
      expect(r.headers.get('location')).to.equal(`${IN}/${String(letter.id)}`);

      const back = await api(app, tok('tu.bkd'), 'GET', `${IN}/${String(letter.id)}`);
      expect(back.status).to.equal(200);
      const { possibleDuplicates: _, ...rest } = letter;
      expect(back.body).to.deep.equal(rest);

      const doc = await api(app, tok('tu.bkd'), 'GET', `/api/v1/documents/${String(letter.documentId)}`);
      expect(doc.body).to.include({
        kind: 'incoming',
        title: 'Permohonan data pegawai',
        letterNumber: '800/77/BKN/2025',
        sender: 'Kantor Regional BKN',
        classificationCode: '800',
        documentDate: '2025-03-01',
        unitCode: 'BKD',
        securityLevel: 'biasa',
      });
      const [entry] = await auditOf(String(letter.documentId), 'letter.incoming_register');
      expect(entry?.details).to.include({ letterId: letter.id, agendaNumber: 1, agendaYear: year, unitCode: 'BKD' });

      expect(created(await register(app, tok('tu.bkd'))).agendaNumber).to.equal(2);
      // The letter number and the sender are in the index although the scan's text has neither.
      expect((await waitForDocument(app, tok('tu.bkd'), String(letter.documentId))).status).to.equal('ready');
      for (const q of ['800/77/BKN/2025', 'Kantor Regional BKN']) {
        const found = await api(app, tok('staf.bkd'), 'GET', `/api/v1/search?q=${encodeURIComponent(q)}`);
        expect(
          found.body.items!.map((i) => i.id),
          q,
        ).to.include(letter.documentId);
      }
    });

    it('numbers per unit and per year of the office calendar (Asia/Jakarta), not of UTC', async () => {
      expect(created(await register(app, tok('tu.bkd'), { unitCode: 'BKD-MUT' }))).to.include({ unitCode: 'BKD-MUT', agendaNumber: 1 });
      expect(created(await register(app, tok('tu.disdik')))).to.include({ unitCode: 'DISDIK', agendaNumber: 1 });
      // 23:30 WIB on New Year's Eve is 2019's; 00:30 WIB on New Year's Day (still 31 Dec in UTC) is 2020's.
      const eve = created(await register(app, tok('tu.bkd'), { receivedAt: '2019-12-31T23:30:00+07:00' }));
      expect(eve).to.include({ agendaYear: 2019, agendaNumber: 1, receivedAt: '2019-12-31T16:30:00.000Z' });
      expect(created(await register(app, tok('tu.bkd'), { receivedAt: '2019-12-31T17:30:00Z' }))).to.include({ agendaYear: 2020, agendaNumber: 1 });
      expect(created(await register(app, tok('tu.bkd'), { receivedAt: '2019-06-01T10:00:00+07:00' }))).to.include({ agendaYear: 2019, agendaNumber: 2 });
      expect(created(await register(app, tok('tu.bkd'), { unitCode: '' }))).to.include({ unitCode: 'BKD', agendaYear: year, agendaNumber: 3 });
    });

    it('lists with filters, whole office days and paging, newest received first', async () => {
      const t = tok('tu.setda');
      const add = async (letterNumber: string, sender: string, subject: string, urgency: string, receivedAt: string) =>
        String(created(await register(app, t, { letterNumber, sender, subject, urgency, receivedAt })).id);
      const a = await add('005/11/DISDIK/2023', 'Dinas Pendidikan Provinsi', 'Undangan rapat koordinasi', 'biasa', '2023-03-01T09:00:00+07:00');
      const b = await add('B-77/BPS/2023', 'Badan Pusat Statistik', 'Permintaan data pegawai', 'segera', '2023-03-02T23:30:00+07:00');
      const c = await add('440/9/DINKES/2023', 'dinas kesehatan', 'Laporan 100% vaksinasi', 'sangat_segera', '2023-03-03T00:30:00+07:00'); // 2 March in UTC
      const d = await add('100_2/KEMENDAGRI', 'Kementerian Dalam Negeri', 'Surat edaran', 'penting', '2023-03-04T10:00:00+07:00');
      const ids = async (query: string) => {
        const r = await api(app, t, 'GET', `${IN}?unitCode=SETDA&${query}`);
        expect(r.status, JSON.stringify(r.body)).to.equal(200);
        return { ids: r.body.items!.map((i) => i.id), total: r.body.total, page: r.body.page, limit: r.body.limit };
      };
      expect(await ids('')).to.deep.equal({ ids: [d, c, b, a], total: 4, page: 1, limit: 20 });
      expect((await ids('urgency=segera')).ids).to.deep.equal([b]);
      expect((await ids('sender=DINAS')).ids).to.deep.equal([c, a]);
      expect((await ids('from=2023-03-03&to=2023-03-03')).ids).to.deep.equal([c]);
      expect((await ids('from=2023-03-02&to=2023-03-02')).ids).to.deep.equal([b]);
      expect((await ids('from=2023-03-02')).ids).to.deep.equal([d, c, b]);
      expect((await ids('to=2023-03-01')).ids).to.deep.equal([a]);
      expect((await ids('q=vaksinasi')).ids).to.deep.equal([c]);
      expect((await ids('q=b-77')).ids).to.deep.equal([b]);
      expect((await ids('q=kementerian')).ids).to.deep.equal([d]);
      // % and _ are matched as themselves, not as wildcards.
      expect((await ids(`q=${encodeURIComponent('100%')}`)).ids).to.deep.equal([c]);
      expect((await ids('q=100_')).ids).to.deep.equal([d]);
      expect((await ids('status=registered&q=&sender=')).total).to.equal(4);
      expect((await ids('status=disposed')).total).to.equal(0);
      expect(await ids('limit=2&page=2')).to.deep.equal({ ids: [b, a], total: 4, page: 2, limit: 2 });
      for (const odd of ['\\', "'", '"', '!']) expect((await ids(`q=${encodeURIComponent(odd)}`)).total, odd).to.equal(0);
      await app.naskah.deps.db.incoming.setStatus(a, 'disposed', new Date());
      expect((await ids('status=disposed')).ids).to.deep.equal([a]);
      expect((await ids('status=registered')).ids).to.deep.equal([d, c, b]);
      // Control characters (NUL fails SQLite's LIKE) and bidi overrides are refused, not searched for.
      for (const bad of ['q=%00', 'sender=%00', 'q=a%00b', 'q=%1B', 'sender=%C2%85', 'q=%E2%80%AE', 'sender=x%E2%81%A6y']) {
        const p = expectProblem(await api(app, t, 'GET', `${IN}?${bad}`), 422);
        expect(
          (p.errors as { field: string }[]).map((e) => e.field),
          bad,
        ).to.deep.equal([bad.split('=')[0]]);
      }
      for (const bad of [
        'urgency=kilat',
        'status=lost',
        'from=2023-02-30',
        'from=2023-03-04&to=2023-03-01',
        'limit=0',
        'page=0',
        'unitCode=a%20b',
        'from=2023-03-01T00:00:00Z',
      ]) {
        expectProblem(await api(app, t, 'GET', `${IN}?${bad}`), 422);
      }
    });

    it('flags a letter already registered with the same sender and number, or the same bytes, and still registers it', async () => {
      const t = tok('tu.bkd');
      const bytes = await letterPdf('Undangan pelantikan pejabat administrator.');
      const first = created(await register(app, t, { sender: 'Badan Kepegawaian Negara', letterNumber: '800/1/BKN/2025' }, bytes));
      const flag = (l: Record<string, unknown>, reason: string) => ({
        id: l.id,
        agendaNumber: l.agendaNumber,
        agendaYear: l.agendaYear,
        unitCode: l.unitCode,
        reason,
      });

      const byNumber = created(await register(app, t, { sender: '  badan kepegawaian  NEGARA ', letterNumber: '800 / 1 / bkn / 2025' }));
      expect(byNumber.possibleDuplicates).to.deep.equal([flag(first, 'same-number')]);
      expect(byNumber.agendaNumber).to.equal(Number(first.agendaNumber) + 1);
      expect(byNumber.documentId).to.not.equal(first.documentId);

      const byBytes = created(await register(app, t, { letterNumber: '800/2/BKN/2025' }, bytes));
      expect(byBytes.documentId).to.equal(first.documentId);
      expect(byBytes.possibleDuplicates).to.deep.equal([flag(first, 'same-file')]);

      const both = created(await register(app, t, { letterNumber: '800/1/BKN/2025' }, bytes));
      expect(both.possibleDuplicates).to.deep.equal([flag(first, 'same-file'), flag(byNumber, 'same-number'), flag(byBytes, 'same-file')]);
      expect(created(await register(app, t, { letterNumber: '800/3/BKN/2025' })).possibleDuplicates).to.deep.equal([]);

      // Another unit's clerk is not told about letters they may not see, and gets their own number.
      const disdik = created(await register(app, tok('tu.disdik'), { sender: 'Badan Kepegawaian Negara', letterNumber: '800/1/BKN/2025' }));
      expect(disdik).to.include({ unitCode: 'DISDIK' });
      expect(disdik.possibleDuplicates).to.deep.equal([]);
      const [entry] = await auditOf(String(disdik.documentId), 'letter.incoming_register');
      expect(entry?.details.possibleDuplicates).to.have.length(3); // the trail keeps what was found
    });

    it('refuses (409) the same bytes as a document archived at a lower level or in another unit, and keeps nothing', async () => {
      const t = tok('tu.bkd');
      const bytes = await letterPdf('Nota dinas yang sama, diarsipkan sebagai surat biasa.');
      const plain = created(await register(app, t, { subject: 'Nota biasa tersimpan' }, bytes));
      await idle(app);
      const before = await footprint(app);
      const letters = await letterCount(app.naskah.deps.db);
      const head = (await app.naskah.deps.db.audit.head()).seq;
      for (const over of [
        { securityLevel: 'sangat_rahasia', subject: 'Perihal sangat rahasia xylofant' },
        { securityLevel: 'terbatas' },
        { unitCode: 'BKD-MUT' },
      ] as Record<string, string>[]) {
        const p = expectProblem(await register(app, t, over, bytes), 409);
        expect(String(p.detail), JSON.stringify(over)).to.match(/other access rules/);
      }
      await new Promise((r) => setTimeout(r, 150));
      expect(await footprint(app)).to.deep.equal(before);
      expect(await letterCount(app.naskah.deps.db)).to.equal(letters);
      expect((await app.naskah.deps.db.audit.head()).seq).to.equal(head);
      // Biasa staff of the unit see no trace of the refused letter.
      const list = await api(app, tok('staf.bkd'), 'GET', `${IN}?q=xylofant`);
      expect(list.body.total).to.equal(0);
      // No number was used: the next letter takes the one after the stored letter's.
      const same = created(await register(app, t, { letterNumber: '800/9/SAMA/2025' }, bytes));
      expect(same.agendaNumber).to.equal(Number(plain.agendaNumber) + 1);
      expect(same.documentId).to.equal(plain.documentId);
      expect(same.possibleDuplicates).to.deep.equal([
        { id: plain.id, agendaNumber: plain.agendaNumber, agendaYear: plain.agendaYear, unitCode: 'BKD', reason: 'same-file' },
      ]);
      // A letter at a lower level than the archived document shows no more widely than it should: allowed.
      const limitedBytes = await letterPdf('Nota dinas terbatas, tersimpan lebih dulu.');
      const limited = created(await register(app, tok('tu2.bkd'), { securityLevel: 'terbatas' }, limitedBytes));
      const lower = created(await register(app, tok('tu2.bkd'), { securityLevel: 'biasa' }, limitedBytes));
      expect(lower.documentId).to.equal(limited.documentId);
      expectProblem(await api(app, tok('staf.bkd'), 'GET', `${IN}/${String(lower.id)}`), 404);
    });

    it('shows a letter only to those who may see its document (unit, clearance, or a grant), and audits reads above biasa', async () => {
      const plain = created(await register(app, tok('tu.bkd'), { subject: 'Nota dinas biasa zorblat' }));
      const secret = created(await register(app, tok('tu.bkd'), { subject: 'Nota dinas rahasia quvend', securityLevel: 'rahasia' }));
      const seen = async (who: string, l: Record<string, unknown>) => {
        const one = await api(app, tok(who), 'GET', `${IN}/${String(l.id)}`);
        const list = await api(app, tok(who), 'GET', `${IN}?q=${encodeURIComponent(String(l.subject))}`);
        expect(list.body.total).to.equal(one.status === 200 ? 1 : 0);
        if (one.status !== 200) expectProblem(one, 404);
        return one.status === 200;
      };
      expect(await seen('staf.bkd', plain)).to.equal(true);
      expect(await seen('staf.bkd', secret)).to.equal(false); // clearance biasa
      expect(await seen('kabid.bkd', secret)).to.equal(true);
      expect(await seen('staf.disdik', plain)).to.equal(false); // another unit
      expect(await seen('tu.disdik', secret)).to.equal(false);
      const disdikView = await api(app, tok('staf.disdik'), 'GET', `${IN}?limit=100`);
      expect(disdikView.body.items!.every((i) => i.unitCode === 'DISDIK')).to.equal(true);
      expect(disdikView.body.total).to.equal(disdikView.body.items!.length);

      expect(await auditOf(String(secret.documentId), 'letter.incoming_read')).to.have.length(1);
      expect(await auditOf(String(plain.documentId), 'letter.incoming_read')).to.have.length(0);

      // A reader granted the document (as a disposition will) sees the letter.
      await app.naskah.deps.db.readers.grant(String(plain.documentId), [u['staf.disdik']!.id], 'disposition', new Date());
      expect(await seen('staf.disdik', plain)).to.equal(true);
      expect(await seen('staf.disdik', secret)).to.equal(false);
      expectProblem(await api(app, tok('staf.bkd'), 'GET', `${IN}/not-a-uuid`), 422);
      expectProblem(await api(app, tok('staf.bkd'), 'GET', `${IN}/00000000-0000-4000-8000-000000000000`), 404);
    });

    it('answers bad input with a 4xx and leaves nothing: no letter, document, object or job, and no number taken', async () => {
      const t = tok('tu.uji');
      const n0 = Number(created(await register(app, t)).agendaNumber);
      await idle(app);
      const before = await footprint(app);
      const letters = await letterCount(app.naskah.deps.db);
      const pdf = await letterPdf('Surat yang tidak pernah terdaftar.');
      const future = new Date(app.clock.now().getTime() + 86_400_000).toISOString();
      const cases: [number, () => Promise<Reply>][] = [
        [400, () => fetch(`${app.url}${IN}`, { method: 'POST', headers: { authorization: `Bearer ${t}` }, body: formWithoutFile() }).then(asReply)],
        [415, () => api(app, t, 'POST', IN, { letterNumber: '1', sender: 'x', subject: 'x', urgency: 'biasa', letterDate: '2025-01-01' })],
        [422, () => register(app, t, { letterNumber: null }, pdf)],
        [422, () => register(app, t, { sender: '   ' }, pdf)],
        [422, () => register(app, t, { subject: null }, pdf)],
        [422, () => register(app, t, { urgency: 'kilat' }, pdf)],
        [422, () => register(app, t, { urgency: null }, pdf)],
        [422, () => register(app, t, { letterDate: '2025-02-30' }, pdf)],
        [422, () => register(app, t, { letterDate: '01-03-2025' }, pdf)],
        [422, () => register(app, t, { letterDate: '0000-01-01' }, pdf)],
        [422, () => register(app, t, { letterDate: '1899-12-31' }, pdf)],
        [422, () => register(app, t, { letterDate: '3000-01-01' }, pdf)],
        [422, () => register(app, t, { receivedAt: '1899-12-31T10:00:00+07:00' }, pdf)],
        [422, () => register(app, t, { receivedAt: '0001-01-01T00:00:00Z' }, pdf)],
        [422, () => register(app, t, { letterNumber: '800/1\u0000/X' }, pdf)],
        [422, () => register(app, t, { letterNumber: '800/1/X\u001b' }, pdf)],
        [422, () => register(app, t, { sender: 'Badan \u202Enegara' }, pdf)],
        [422, () => register(app, t, { sender: 'Badan\u2066 Negara\u2069' }, pdf)],
        [422, () => register(app, t, { subject: 'Perihal\nbaris dua' }, pdf)],
        [422, () => register(app, t, { subject: 'Perihal \u0085' }, pdf)],
        [422, () => register(app, t, { receivedAt: future }, pdf)],
        [422, () => register(app, t, { receivedAt: '2025-01-01 10:00' }, pdf)],
        [422, () => register(app, t, { securityLevel: 'top-secret' }, pdf)],
        [422, () => register(app, t, { unitCode: 'NOPE' }, pdf)],
        [403, () => register(app, t, { unitCode: 'DISDIK' }, pdf)],
        [403, () => register(app, tok('staf.bkd'), { unitCode: 'BKD' }, pdf)],
        [403, () => register(app, tok('kabid.bkd'), {}, pdf)],
        [400, () => register(app, t, {}, new Uint8Array())],
        [415, async () => register(app, t, {}, await readFile(await ensureFixture('not-a-letter.txt')))],
        [422, async () => register(app, t, {}, await readFile(await ensureFixture('corrupt.pdf')))],
      ];
      for (const [status, send] of cases) expectProblem(await send(), status);
      await new Promise((r) => setTimeout(r, 150)); // let the last request's temp files go
      expect(await footprint(app)).to.deep.equal(before);
      expect(await letterCount(app.naskah.deps.db)).to.equal(letters);

      // The same bytes as another unit's document: refused (409) without naming it, and nothing kept.
      const theirs = created(await register(app, tok('tu.disdik'), {}, await letterPdf('Milik Dinas Pendidikan saja.')));
      await idle(app);
      const before2 = await footprint(app);
      const res = await fetch(`${app.url}/api/v1/documents/${String(theirs.documentId)}/content`, { headers: { authorization: `Bearer ${tok('tu.disdik')}` } });
      const p = expectProblem(await register(app, t, {}, new Uint8Array(await res.arrayBuffer())), 409);
      expect(JSON.stringify(p)).to.not.include(String(theirs.documentId));
      await new Promise((r) => setTimeout(r, 150));
      expect(await footprint(app)).to.deep.equal(before2);
      expect(await letterCount(app.naskah.deps.db)).to.equal(letters + 1);
      expect(created(await register(app, t)).agendaNumber).to.equal(n0 + 1);
    });

    it('gives a number back when the transaction fails after taking it', async () => {
      const t = tok('tu.uji');
      const db = app.naskah.deps.db;
      const n0 = Number(created(await register(app, t)).agendaNumber);
      await idle(app);
      const docs = (await footprint(app)).documents;
      const letters = await letterCount(db);
      const transaction = db.transaction;
      let armed = true;
      // The letter's insert fails once, after the counter moved inside the same transaction.
      db.transaction = ((fn) =>
        transaction.call(db, (tx) => {
          if (!armed) return fn(tx);
          armed = false;
          return fn({ ...tx, incoming: { ...tx.incoming, create: () => Promise.reject(new Error('simulated write failure')) } });
        })) as Database['transaction'];
      try {
        expectProblem(await register(app, t), 500);
      } finally {
        db.transaction = transaction;
      }
      expect(armed).to.equal(false);
      expect((await footprint(app)).documents).to.equal(docs);
      expect(await letterCount(db)).to.equal(letters);
      expect(created(await register(app, t)).agendaNumber).to.equal(n0 + 1);
    });

    describe('the scan of a failed registration', () => {
      const db = () => app.naskah.deps.db;
      const failingOnce = () => {
        const transaction = db().transaction;
        const state = { armed: true, restore: () => void (db().transaction = transaction) };
        // The letter's insert fails once, inside the transaction that wrote the document row.
        db().transaction = ((fn) =>
          transaction.call(db(), (tx) => {
            if (!state.armed) return fn(tx);
            state.armed = false;
            return fn({ ...tx, incoming: { ...tx.incoming, create: () => Promise.reject(new Error('simulated write failure')) } });
          })) as Database['transaction'];
        return state;
      };
      const content = async (documentId: string) => {
        const res = await fetch(`${app.url}/api/v1/documents/${documentId}/content`, { headers: { authorization: `Bearer ${tok('tu.uji')}` } });
        return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
      };

      it('is removed from storage: nothing is left', async () => {
        await idle(app);
        const before = await footprint(app);
        const failing = failingOnce();
        try {
          expectProblem(await register(app, tok('tu.uji')), 500);
        } finally {
          failing.restore();
        }
        expect(failing.armed).to.equal(false);
        expect(await footprint(app)).to.deep.equal(before);
      });

      it('is kept when an upload of the same bytes commits while it is being removed', async () => {
        const bytes = await letterPdf('Diunggah dua kali pada saat yang sama.');
        const blobs = app.naskah.deps.blobs;
        const del = blobs.delete;
        let other: Reply | undefined;
        // Just before the failed registration deletes the object, the other upload commits a document on it.
        blobs.delete = async (key: string) => {
          blobs.delete = del;
          other = await upload(app, tok('tu.uji'), '/api/v1/documents', [{ name: 'sama.pdf', bytes }], { title: 'Unggahan yang sama' });
          return del.call(blobs, key);
        };
        const failing = failingOnce();
        try {
          expectProblem(await register(app, tok('tu.uji'), {}, bytes), 500);
        } finally {
          failing.restore();
          blobs.delete = del;
        }
        expect(other?.status, JSON.stringify(other?.body)).to.equal(201);
        const got = await content(String(other!.body.id));
        expect(got.status).to.equal(200);
        expect(got.bytes.equals(Buffer.from(bytes))).to.equal(true);
      });

      it('is put back by the upload that commits after another removed it', async () => {
        const bytes = await letterPdf('Dihapus oleh unggahan lain sebelum komit.');
        const blobs = app.naskah.deps.blobs;
        const transaction = db().transaction;
        // Between this upload's put and its commit, a failed upload of the same bytes removes the object.
        db().transaction = ((fn) => {
          db().transaction = transaction;
          return blobs.delete(originalKey(createHash('sha256').update(bytes).digest('hex'))).then(() => transaction.call(db(), fn));
        }) as Database['transaction'];
        let r: Reply;
        try {
          r = await upload(app, tok('tu.uji'), '/api/v1/documents', [{ name: 'lagi.pdf', bytes }], { title: 'Unggahan yang dihapus' });
        } finally {
          db().transaction = transaction;
        }
        expect(r.status, JSON.stringify(r.body)).to.equal(201);
        const got = await content(String(r.body.id));
        expect(got.status).to.equal(200);
        expect(got.bytes.equals(Buffer.from(bytes))).to.equal(true);
      });
    });
  },
);

const formWithoutFile = () => {
  const form = new FormData();
  for (const [k, v] of Object.entries({ letterNumber: '1/2/3', sender: 'x', subject: 'x', urgency: 'biasa', letterDate: '2025-01-01' })) form.append(k, v);
  return form;
};
const asReply = async (res: Response): Promise<Reply> => {
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Reply['body']) : {} };
};

forEachDatabase(
  (db) => `agenda numbers under 20 parallel clients on ${db} (HTTP)`,
  { timeout: 120_000 },
  ({ app, target }) => {
    it('registers 200 letters from 20 clients as agenda numbers 1..200, no gaps, no repeats', async () => {
      const users = await people(
        app,
        [['PARALEL', 'ORG']],
        [
          ['tu.p1', 'clerk', 'PARALEL'],
          ['tu.p2', 'clerk', 'PARALEL'],
          ['tu.p3', 'clerk', 'PARALEL'],
          ['tu.p4', 'clerk', 'PARALEL'],
        ],
      );
      const tokens = Object.values(users).map((x) => x.token);
      const base = Buffer.from(await letterPdf('Surat untuk uji nomor agenda bersamaan.'));
      const started = Date.now();
      const replies = await inParallel(
        Array.from({ length: 200 }, (_, i) => i),
        20,
        (i) => register(app, tokens[i % tokens.length]!, { letterNumber: `P/${i}` }, Buffer.concat([base, Buffer.from(`\n%letter ${i}\n`)])),
      );
      const failed = replies.filter((r) => r.status !== 201);
      expect(failed.map((r) => `${r.status} ${JSON.stringify(r.body)}`)).to.deep.equal([]);
      const numbers = replies.map((r) => Number(r.body.agendaNumber)).sort((a, b) => a - b);
      expect(numbers).to.deep.equal(Array.from({ length: 200 }, (_, i) => i + 1));
      expect(new Set(replies.map((r) => r.body.agendaYear)).size).to.equal(1);
      const listed = await api(app, app.adminToken, 'GET', `${IN}?unitCode=PARALEL&limit=1`);
      expect(listed.body.total).to.equal(200);
      expect(listed.body.items![0]!.agendaNumber).to.be.a('number');
      expect(created(await register(app, tokens[0]!)).agendaNumber).to.equal(201);
      console.log(`      (${target.name}: 200 registrations in ${Date.now() - started} ms)`);
    });
  },
);
