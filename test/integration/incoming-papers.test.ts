import { expect } from 'chai';
import { PDFDocument } from 'pdf-lib';
import { forEachDatabase } from '../support/for-each-database.ts';
import { incomingLetter } from '../support/factories.ts';
import { api, expectProblem } from '../support/http.ts';
import { pdfText } from '../support/nss.ts';
import { passwordOf } from '../support/passwords.ts';
import type { TestApp } from '../support/test-app.ts';

const everything = {
  userId: 'test',
  unitCodes: 'all' as const,
  levels: ['biasa' as const, 'terbatas' as const, 'rahasia' as const, 'sangat_rahasia' as const],
};

/** A download: status, headers and the raw bytes. */
const fetchBytes = async (app: TestApp, token: string | null, path: string) => {
  const res = await fetch(`${app.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
};

/** Parses CSV as RFC 4180 says (quoted fields, doubled quotes, CRLF). */
const parseCsv = (text: string): string[][] =>
  text
    .split('\r\n')
    .filter(Boolean)
    .map((line) => [...line.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1]!.replace(/""/g, '"')));

forEachDatabase(
  (db) => `the register on paper and the disposition sheet (issue 18) on ${db}`,
  { timeout: 120_000 },
  ({ app }) => {
    const t: Record<string, string> = {};
    const letters: { id: string; number: string }[] = [];

    const register = async (seed: number, fields: Record<string, string>) => {
      const letterNumber = `800/${seed}/BKD/2025`;
      const r = await incomingLetter(app, t.clerk!, seed, { letterNumber, letterDate: '2025-02-27', urgency: 'segera', ...fields });
      letters.push({ id: r.id, number: letterNumber });
      return r.id;
    };

    before(async () => {
      for (const u of [
        { code: 'BKD', name: 'Badan Kepegawaian', parentCode: 'ORG' },
        { code: 'DISDIK', name: 'Dinas Pendidikan', parentCode: 'ORG' },
        { code: 'DISHUB', name: 'Dinas Perhubungan', parentCode: 'ORG' },
      ]) {
        expect((await api(app, app.adminToken, 'POST', '/api/v1/units', u)).status).to.equal(201);
      }
      for (const [key, username, role, unitCode] of [
        ['clerk', 'tu.bkd', 'clerk', 'BKD'],
        ['head', 'kepala', 'official', 'ORG'],
        ['budi', 'budi.disdik', 'staff', 'DISDIK'],
        ['dewi', 'dewi.dishub', 'staff', 'DISHUB'],
      ] as const) {
        const r = await api(app, app.adminToken, 'POST', '/api/v1/users', {
          username,
          password: passwordOf(username, '1'),
          name: `Nama ${username}`,
          role,
          unitCode,
        });
        expect(r.status, JSON.stringify(r.body)).to.equal(201);
        t[key] = await app.login(username, passwordOf(username, '1'));
      }
      // Three letters in March (one sender with a diacritic and a quote, one that looks like a
      // spreadsheet formula), one in April.
      await register(801, { receivedAt: '2025-03-03T09:00:00+07:00', sender: 'Café "Sinar" Kota' });
      await register(802, { receivedAt: '2025-03-10T09:00:00+07:00', sender: '=HYPERLINK("http://x")' });
      await register(803, { receivedAt: '2025-03-31T23:30:00+07:00' });
      await register(804, { receivedAt: '2025-04-01T00:30:00+07:00' });
      const d = await api(app, t.head!, 'POST', `/api/v1/letters/incoming/${letters[0]!.id}/dispositions`, {
        to: [{ unitCode: 'DISDIK' }],
        instruction: 'Mohon dipelajari dan dilaporkan',
        actions: ['untuk_ditindaklanjuti'],
        dueAt: new Date(app.clock.now().getTime() + 72 * 3600_000).toISOString(),
      });
      expect(d.status, JSON.stringify(d.body)).to.equal(201);
    });

    const march = '?from=2025-03-01&to=2025-03-31&unitCode=BKD';

    it('exports the period as CSV: BOM, the agreed columns, the book order, Indonesian text intact, formulas kept as text', async () => {
      const r = await fetchBytes(app, t.head!, `/api/v1/letters/incoming/register.csv${march}`);
      expect(r.status).to.equal(200);
      expect(r.headers.get('content-type')).to.match(/^text\/csv; charset=utf-8/);
      expect(r.headers.get('content-disposition')).to.include('buku-agenda-BKD-2025-03-01-2025-03-31.csv');
      expect([...r.bytes.slice(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
      const rows = parseCsv(new TextDecoder().decode(r.bytes.slice(3)));
      expect(rows[0]).to.deep.equal([
        'No. Agenda',
        'Tanggal Diterima',
        'Nomor Surat',
        'Tanggal Surat',
        'Pengirim',
        'Perihal',
        'Sifat',
        'Klasifikasi',
        'Diteruskan kepada / Status',
      ]);
      expect(rows.slice(1).map((row) => row[2])).to.deep.equal(letters.slice(0, 3).map((l) => l.number));
      expect(rows[1]!.slice(0, 2)).to.deep.equal(['1/2025', '2025-03-03']);
      expect(rows[1]![4]).to.equal('Café "Sinar" Kota');
      expect(rows[1]![8]).to.equal('Didisposisikan: Dinas Pendidikan (Berjalan)');
      expect(rows[2]![4]).to.equal(`'=HYPERLINK("http://x")`);
      expect(rows[3]![1]).to.equal('2025-03-31'); // 23:30 WIB is still March in the office
      expect(rows[3]![8]).to.equal('Tercatat');
      const audit = await app.naskah.deps.db.audit.list({ action: 'letter.register_exported' }, everything, 1, 100);
      expect(audit.items.some((e) => (e.details as { format?: string }).format === 'csv')).to.equal(true);
    });

    it('lists only what the caller may see: a unit the letter was disposed to sees that one letter, another unit none', async () => {
      const budi = await api(app, t.budi!, 'GET', `/api/v1/letters/incoming/register${march}`);
      expect(budi.status).to.equal(200);
      expect((budi.body.items ?? []).map((i) => i.id)).to.deep.equal([letters[0]!.id]);
      expect(budi.body.heading).to.include({ unit: 'Unit kerja: Badan Kepegawaian (BKD)', period: 'Periode 1 Maret 2025 s.d. 31 Maret 2025' });
      const dewi = parseCsv(new TextDecoder().decode((await fetchBytes(app, t.dewi!, `/api/v1/letters/incoming/register.csv${march}`)).bytes.slice(3)));
      expect(dewi).to.have.length(1); // the header alone
    });

    it('prints the period as an A4 landscape PDF with the heading, the rows and numbered pages', async () => {
      const r = await fetchBytes(app, t.head!, `/api/v1/letters/incoming/register.pdf${march}`);
      expect(r.status).to.equal(200);
      expect(r.headers.get('content-type')).to.equal('application/pdf');
      const pdf = await PDFDocument.load(r.bytes);
      const { width, height } = pdf.getPage(0).getSize();
      expect([Math.round(width), Math.round(height)]).to.deep.equal([842, 595]);
      const text = await pdfText(r.bytes);
      for (const s of ['BUKU AGENDA SURAT MASUK', 'Badan Kepegawaian (BKD)', 'Periode 1 Maret 2025 s.d. 31 Maret 2025', 'Halaman 1 dari 1', 'Café']) {
        expect(text).to.include(s);
      }
      for (const l of letters.slice(0, 3)) expect(text).to.include(l.number);
      expect(text).not.to.include(letters[3]!.number);
    });

    it('refuses a bad period or unit with a problem, and a caller without a session', async () => {
      expectProblem(await api(app, t.head!, 'GET', '/api/v1/letters/incoming/register.csv?from=2025-04-01&to=2025-03-01'), 422);
      expectProblem(await api(app, t.head!, 'GET', '/api/v1/letters/incoming/register.pdf?from=2025-13-01'), 422);
      expectProblem(await api(app, t.head!, 'GET', '/api/v1/letters/incoming/register?unitCode=NOPE'), 422);
      expectProblem(await api(app, null, 'GET', '/api/v1/letters/incoming/register.csv'), 401);
    });

    it('gives the disposition sheet of a letter to whoever may read it, with the letter and each disposition; 404 to others', async () => {
      const r = await fetchBytes(app, t.budi!, `/api/v1/letters/incoming/${letters[0]!.id}/disposition-sheet.pdf`);
      expect(r.status).to.equal(200);
      expect(r.headers.get('content-type')).to.equal('application/pdf');
      expect(r.headers.get('content-disposition')).to.include('lembar-disposisi-BKD-1-2025.pdf');
      const text = await pdfText(r.bytes);
      for (const s of [
        'LEMBAR DISPOSISI',
        'Surat dari',
        'Café "Sinar" Kota',
        'Nomor agenda',
        '1/2025',
        'Sifat',
        'Segera',
        'Dinas Pendidikan',
        'Mohon dipelajari',
        'Untuk ditindaklanjuti',
        'Berjalan',
        'Nama kepala',
      ]) {
        expect(text, s).to.include(s);
      }
      expect(text).to.include(letters[0]!.number);
      expectProblem(await api(app, t.dewi!, 'GET', `/api/v1/letters/incoming/${letters[0]!.id}/disposition-sheet.pdf`), 404);
      expectProblem(await api(app, t.head!, 'GET', '/api/v1/letters/incoming/bukan-id/disposition-sheet.pdf'), 422);
    });
  },
);
