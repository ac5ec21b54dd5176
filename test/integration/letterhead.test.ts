import { expect } from 'chai';
import { PDFDocument } from 'pdf-lib';
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { sharedFontkit } from '../../src/infra/pdf/shared-fontkit.ts';
import { forEachDatabase } from '../support/for-each-database.ts';
import { api, expectProblem, type Reply } from '../support/http.ts';
import { pdfImages, pdfWords } from '../support/pdf-inspect.ts';
import { issueCertificate, OUT, type Person, person, setUpUnits, signedPdf } from '../support/sign-office.ts';
import type { TestApp } from '../support/test-app.ts';
import { letterText, PIN, signed, typedLetter } from '../support/typed-letters.ts';

const HEAD = '/api/v1/letterhead';
const LINES = {
  governmentLine: 'Pemerintah Kabupaten Sleman',
  officeName: 'Badan Kepegawaian dan Pengembangan SDM',
  address: 'Jl. Parasamya No. 1, Beran, Tridadi, Sleman 55511',
  telephone: '(0274) 868405',
  email: 'bkpp@slemankab.go.id',
  website: 'bkpp.slemankab.go.id',
};

const putLogo = async (app: TestApp, token: string, bytes: Uint8Array, type = 'image/png'): Promise<Reply> => {
  const res = await fetch(`${app.url}${HEAD}/logo`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body: Buffer.from(bytes),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : {} };
};

const image = (width: number, height: number, format: 'png' | 'jpeg' = 'png') =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 40 } } })
    [format]()
    .toBuffer()
    .then((b) => new Uint8Array(b));

/** The width `text` takes in DejaVu Serif at `size`: the face the renderer writes the "Nomor" label in. */
const serifWidth = async (text: string, size: number): Promise<number> => {
  const doc = await PDFDocument.create();
  doc.registerFontkit(sharedFontkit);
  const font = await doc.embedFont(await readFile(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSerif.ttf')));
  return font.widthOfTextAtSize(text, size);
};

forEachDatabase(
  (db) => `the letterhead as data (HTTP, ${db})`,
  { timeout: 240_000 },
  ({ app }) => {
    const p: Record<string, Person> = {};

    before(async () => {
      await setUpUnits(app);
      p.konseptor = await person(app, 'konseptor', 'staff', 'BKD', 'Bapak konseptor', { clearance: 'terbatas' });
      p.kepala = await person(app, 'kepala', 'official', 'BKD', 'Dra. Sri Wahyuni', { clearance: 'terbatas' });
      expect((await issueCertificate(app, p.kepala, PIN)).status).to.equal(201);
    });

    it('lets an admin set its lines (audited), anyone read them, and refuses others and bad values', async () => {
      expect((await api(app, p.konseptor!.token, 'GET', HEAD)).body).to.deep.include({ governmentLine: null, logo: null });
      expectProblem(await api(app, p.konseptor!.token, 'PUT', HEAD, LINES), 403);
      expectProblem(await api(app, app.adminToken, 'PUT', HEAD, { ...LINES, email: 'bukan-surel' }), 422);
      expectProblem(await api(app, app.adminToken, 'PUT', HEAD, { ...LINES, fax: '123' }), 422);
      expectProblem(await api(app, app.adminToken, 'PUT', HEAD, { ...LINES, governmentLine: 'Pemerintah 漢 Sleman' }), 422);
      expect((await api(app, p.konseptor!.token, 'GET', HEAD)).body).to.deep.include({ governmentLine: null });
      const r = await api(app, app.adminToken, 'PUT', HEAD, { ...LINES, website: '' });
      expect(r.status, JSON.stringify(r.body)).to.equal(200);
      expect(r.body).to.deep.include({ ...LINES, website: null, logo: null });
      expect((await api(app, app.adminToken, 'PUT', HEAD, LINES)).body).to.deep.include(LINES);
      const audit = await api(app, app.adminToken, 'GET', '/api/v1/audit?action=letterhead.update');
      expect(audit.body.items!.length).to.equal(2);
    });

    it('takes a PNG or JPEG logo from an admin, refusing what is not one, too big, too small or damaged, with nothing changed', async () => {
      const png = await image(120, 100);
      expectProblem(await putLogo(app, p.konseptor!.token, png), 403);
      expectProblem(await putLogo(app, app.adminToken, new TextEncoder().encode('GIF89a....'), 'image/png'), 422);
      expectProblem(await putLogo(app, app.adminToken, png, 'image/gif'), 415);
      expectProblem(await putLogo(app, app.adminToken, await image(16, 16)), 422);
      expectProblem(await putLogo(app, app.adminToken, new Uint8Array(600 * 1024).fill(7)), 413);
      // A PNG whose header reads well but whose image data is cut off: drawing it fails.
      const damaged = png.slice(0, 60);
      const refused = expectProblem(await putLogo(app, app.adminToken, damaged), 422);
      expect(JSON.stringify(refused)).to.include('file');
      expect((await api(app, app.adminToken, 'GET', HEAD)).body.logo).to.equal(null);
      const jpeg = await putLogo(app, app.adminToken, await image(90, 90, 'jpeg'), 'image/jpeg');
      expect(jpeg.status, JSON.stringify(jpeg.body)).to.equal(200);
      expect(jpeg.body.logo).to.deep.include({ type: 'image/jpeg', width: 90, height: 90 });
      const set = await putLogo(app, app.adminToken, png);
      expect(set.status, JSON.stringify(set.body)).to.equal(200);
      expect(set.body).to.deep.include({ ...LINES });
      expect(set.body.logo).to.deep.equal({ type: 'image/png', width: 120, height: 100, bytes: png.length });
      const served = await fetch(`${app.url}${HEAD}/logo`, { headers: { authorization: `Bearer ${p.konseptor!.token}` } });
      expect(served.headers.get('content-type')).to.match(/^image\/png/);
      expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(png))).to.equal(true);
      const audit = await api(app, app.adminToken, 'GET', '/api/v1/audit?action=letterhead.logo_set');
      expect(audit.body.items!.map((e) => (e.details as { type: string }).type)).to.have.members(['image/jpeg', 'image/png']);
    });

    it('prints the letterhead with its logo, Sifat and Lampiran on every type, the copies after the signature, and the number as its label is', async () => {
      for (const type of ['surat-dinas', 'nota-dinas', 'undangan', 'edaran', 'keterangan']) {
        const id = await typedLetter(app, p.konseptor!, p.kepala!, {
          type,
          securityLevel: 'terbatas',
          copies: [{ name: 'Inspektorat Daerah' }],
          template: { body: `Isi ${type}.`, place: 'Sleman', attachments: '1 (satu) berkas' },
        });
        const text = await letterText(app, p.konseptor!, id);
        expect(text, type)
          .to.include('PEMERINTAH KABUPATEN SLEMAN')
          .and.include('BADAN KEPEGAWAIAN DAN PENGEMBANGAN SDM')
          .and.include('BADAN KEPEGAWAIAN DAERAH')
          .and.include('Jl. Parasamya No. 1, Beran, Tridadi, Sleman 55511')
          .and.include('Telepon (0274) 868405, Pos-el bkpp@slemankab.go.id, Laman bkpp.slemankab.go.id')
          .and.include('Sifat : Terbatas');
        const at = (s: string) => text.indexOf(s);
        expect(at('PEMERINTAH KABUPATEN SLEMAN')).to.be.lessThan(at('BADAN KEPEGAWAIAN DAN'));
        expect(at('Laman bkpp')).to.be.lessThan(at('Nomor'));
        expect(at('Nomor')).to.be.lessThan(at('Sifat'));
        expect(at('Dra. Sri Wahyuni')).to.be.lessThan(at('Tembusan:'));
        if (type === 'surat-dinas') expect(text).to.include('Lampiran : 1 (satu) berkas');
        const draft = await fetch(`${app.url}${OUT}/${id}/document`, { headers: { authorization: `Bearer ${p.konseptor!.token}` } });
        expect(await pdfImages(new Uint8Array(await draft.arrayBuffer())), type).to.deep.equal([{ page: 1, width: 120, height: 100, type: 'image' }]);
      }
      const id = await typedLetter(app, p.konseptor!, p.kepala!, { type: 'surat-dinas' });
      const number = String((await signed(app, p.kepala!, id)).body.letterNumber);
      const pdf = (await signedPdf(app, p.kepala!, id)).bytes;
      expect(await pdfImages(pdf)).to.have.length(1);
      const words = await pdfWords(pdf);
      const label = words.find((w) => w.text === 'Nomor')!;
      const value = words.find((w) => w.text === number)!;
      expect(value, `${number} in ${words.map((w) => w.text).join(' ')}`).to.not.equal(undefined);
      // Same baseline and height as the label, and the width DejaVu Serif gives it at 11.5 pt.
      expect(value.yMax).to.be.closeTo(label.yMax, 0.01);
      expect(value.yMax - value.yMin).to.be.closeTo(label.yMax - label.yMin, 0.01);
      expect(value.xMax - value.xMin).to.be.closeTo(await serifWidth(number, 11.5), 0.2);
    });

    it('removes the logo (admins only), and letters go on without it', async () => {
      expectProblem(await api(app, p.konseptor!.token, 'DELETE', `${HEAD}/logo`), 403);
      expect((await api(app, app.adminToken, 'DELETE', `${HEAD}/logo`)).body).to.deep.include({ logo: null, governmentLine: LINES.governmentLine });
      expectProblem(await api(app, p.konseptor!.token, 'GET', `${HEAD}/logo`), 404);
      const id = await typedLetter(app, p.konseptor!, p.kepala!);
      const draft = await fetch(`${app.url}${OUT}/${id}/document`, { headers: { authorization: `Bearer ${p.konseptor!.token}` } });
      expect(await pdfImages(new Uint8Array(await draft.arrayBuffer()))).to.deep.equal([]);
      expect(await letterText(app, p.konseptor!, id)).to.include('PEMERINTAH KABUPATEN SLEMAN');
    });
  },
);
