import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../../src/domain/errors.ts';
import { createTextExtractor } from '../../../../src/infra/extract/text-extractor.ts';
import { createPdfLibLetterRenderer } from '../../../../src/infra/pdf/pdf-lib.letter-renderer.ts';
import type { LetterContent } from '../../../../src/ports/letter-renderer.ts';
import type { OcrEngine } from '../../../../src/ports/ocr-engine.ts';

/** An OCR engine that must never be asked: the rendered letter has a real text layer. */
const noOcr: OcrEngine = { recognize: () => Promise.reject(new Error('OCR was asked')), warm: async () => {}, close: async () => {} };

const content = (over: Partial<LetterContent> = {}): LetterContent => ({
  officeName: 'Pemerintah Kabupaten Sleman',
  unitName: 'Badan Kepegawaian Daerah',
  placeAndDate: 'Sleman, 5 Maret 2025',
  letterNumber: null,
  attachments: '1 (satu) berkas',
  subject: 'Undangan rapat koordinasi kearsipan',
  addressee: 'Yth. Kepala Dinas Pendidikan\ndi\nTempat',
  body: 'Dengan hormat, kami mengundang Bapak/Ibu menghadiri rapat.\n\nAtas perhatian Bapak/Ibu kami ucapkan terima kasih.',
  signer: { title: 'Kepala Badan Kepegawaian Daerah', name: 'Dr. Siti Rahayu, S.H.', nip: '197001011995032001' },
  documentKey: 'naskah:outgoing:test:v1',
  renderedAt: new Date('2025-03-05T02:00:00Z'),
  ...over,
});

const words = (s: string) => s.split(/\s+/).filter(Boolean);

describe('letter renderer (pdf-lib, embedded DejaVu fonts)', function () {
  this.timeout(60_000);
  const renderer = createPdfLibLetterRenderer();
  const extractor = createTextExtractor({ ocr: noOcr });
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-render-'));
  });
  after(async () => {
    await extractor.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Renders and reads the text back with pdf.js, as the archive's extractor does. */
  const roundTrip = async (c: LetterContent) => {
    const out = await renderer.render(c);
    const file = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
    await writeFile(file, out.pdf);
    const pages = await extractor.extract(file, 'application/pdf', { maxPages: 50, maxPixels: 80_000_000 });
    return { out, pages, text: pages.map((p) => p.text).join('\n') };
  };

  it('writes letterhead, place and date, blank number, fields, addressee, body and signer block as extractable text', async () => {
    const { out, pages, text } = await roundTrip(content());
    expect(Buffer.from(out.pdf).subarray(0, 5).toString()).to.equal('%PDF-');
    expect(out.pages).to.equal(1);
    expect(pages.every((p) => p.source === 'pdf-text')).to.equal(true);
    const lines = text.split('\n');
    expect(lines.slice(0, 3)).to.deep.equal(['PEMERINTAH KABUPATEN SLEMAN', 'BADAN KEPEGAWAIAN DAERAH', 'Sleman, 5 Maret 2025']);
    expect(lines).to.include('Nomor :'); // left blank for signing
    expect(lines).to.include('Lampiran : 1 (satu) berkas');
    expect(lines).to.include('Perihal : Undangan rapat koordinasi kearsipan');
    expect(lines).to.include.members([
      'Yth. Kepala Dinas Pendidikan',
      'di',
      'Tempat',
      'Kepala Badan Kepegawaian Daerah,',
      'Dr. Siti Rahayu, S.H.',
      'NIP. 197001011995032001',
    ]);
    expect(text).to.include('Dengan hormat, kami mengundang Bapak/Ibu menghadiri rapat.');
  });

  it('prints Indonesian names and words with diacritics exactly', async () => {
    const names = 'Désa Cañete, Ṣāliḥ Nguyễn, Ibu Đặng, Kabupatén Bantul, Müller, Ærø';
    const { text } = await roundTrip(content({ body: `Hadir: ${names}.`, signer: { title: 'Kepala', name: 'Drs. Ṣāliḥ Ḥusayn' } }));
    expect(text).to.include(`Hadir: ${names}.`);
    expect(text).to.include('Drs. Ṣāliḥ Ḥusayn');
  });

  it('wraps long paragraphs and breaks pages without losing a word, and keeps the signer block whole', async () => {
    const paragraph = (n: number) => Array.from({ length: 60 }, (_, i) => `kata${n}_${i}`).join(' ');
    const body = `${Array.from({ length: 12 }, (_, n) => paragraph(n)).join('\n\n')}\n\n${'x'.repeat(300)}`;
    const { out, pages, text } = await roundTrip(content({ body }));
    expect(out.pages).to.be.greaterThan(1);
    expect(pages).to.have.length(out.pages);
    expect(pages[1]!.text.split('\n')[0]).to.equal('- 2 -');
    const flowing = words(
      text
        .split('\n')
        .filter((l) => !/^- \d+ -$/.test(l))
        .join('\n'),
    ).join(' ');
    for (let n = 0; n < 12; n++) expect(flowing).to.include(paragraph(n));
    expect(text.replace(/\s/g, '')).to.include('x'.repeat(300)); // an unbreakable word is split, not cut
    const last = pages[out.pages - 1]!.text;
    expect(last).to.include('Kepala Badan Kepegawaian Daerah,').and.include('Dr. Siti Rahayu, S.H.');
    expect(out.signatureArea.page).to.equal(out.pages);
  });

  // Its speed (once quadratic: minutes for a drafter's template) is `npm run bench -- worst-case`.
  it('breaks a 50,000-letter word into full lines, losing nothing', async () => {
    const out = await renderer.render(content({ body: 'x'.repeat(50_000) }));
    const file = path.join(dir, 'long-word.pdf');
    await writeFile(file, out.pdf);
    const pages = await extractor.extract(file, 'application/pdf', { maxPages: 50, maxPixels: 80_000_000 });
    expect(pages).to.have.length(out.pages);
    const xLines = pages.flatMap((p) => p.text.split('\n')).filter((l) => /^x+$/.test(l));
    expect(xLines.join('')).to.have.length(50_000); // nothing lost
    expect(new Set(xLines.slice(0, -1).map((l) => l.length)).size).to.equal(1); // every line but the last is full
  });

  it('wraps an ordinary Indonesian letter exactly as before (lines, pages, signature area)', async () => {
    const body = [
      'Dengan hormat, sehubungan dengan pelaksanaan program penataan arsip dinamis dan statis di lingkungan Pemerintah Kabupaten Sleman Tahun Anggaran 2025, bersama ini kami mengundang Bapak/Ibu untuk menghadiri rapat koordinasi kearsipan yang akan diselenggarakan pada:',
      'Hari/tanggal: Senin, 10 Maret 2025\nPukul: 09.00 WIB s.d. selesai\nTempat: Ruang Rapat Utama Badan Kepegawaian Daerah, Jalan Parasamya Nomor 1, Beran, Tridadi, Sleman',
      'Mengingat pentingnya acara tersebut, kami mohon Bapak/Ibu hadir tepat waktu dan membawa daftar arsip vital, jadwal retensi arsip, serta laporan pengelolaan arsip inaktif di unit kerja masing-masing. Konfirmasi kehadiran dapat disampaikan melalui sekretariat paling lambat tanggal 7 Maret 2025. Informasi lebih lanjut dapat dilihat pada https://jdih.slemankab.go.id/peraturan/2025/nomor-12-tahun-2025-tentang-pengelolaan-arsip-dinamis-dan-statis-di-lingkungan-pemerintah-daerah.',
      'Demikian undangan ini kami sampaikan. Atas perhatian dan kehadiran Bapak/Ibu, kami ucapkan terima kasih.',
    ].join('\n\n');
    const { out, text } = await roundTrip(
      content({
        subject: 'Undangan rapat koordinasi kearsipan dan verifikasi efektifitas official affiliation daftar arsip vital Tahun Anggaran 2025', // bold, with fi/ff ligatures
        addressee: 'Yth. Kepala Dinas Pendidikan, Kepala Dinas Kesehatan, Kepala Dinas Pekerjaan Umum dan Perumahan Rakyat\ndi\nTempat',
        body,
      }),
    );
    // As the renderer laid it out before wrapping became linear (the PDF bytes were identical too).
    expect(out.pages).to.equal(1);
    expect(out.signatureArea).to.deep.equal({ page: 1, x: 304.64, y: 92.88999999999999, width: 234.64, height: 96 });
    expect(text.split('\n')).to.deep.equal([
      'PEMERINTAH KABUPATEN SLEMAN',
      'BADAN KEPEGAWAIAN DAERAH',
      'Sleman, 5 Maret 2025',
      'Nomor :',
      'Lampiran : 1 (satu) berkas',
      'Perihal : Undangan rapat koordinasi kearsipan dan',
      'verifikasi efektifitas official affiliation daftar',
      'arsip vital Tahun Anggaran 2025',
      'Yth. Kepala Dinas Pendidikan, Kepala Dinas',
      'Kesehatan, Kepala Dinas Pekerjaan Umum dan',
      'Perumahan Rakyat',
      'di',
      'Tempat',
      'Dengan hormat, sehubungan dengan pelaksanaan program penataan arsip',
      'dinamis dan statis di lingkungan Pemerintah Kabupaten Sleman Tahun',
      'Anggaran 2025, bersama ini kami mengundang Bapak/Ibu untuk menghadiri',
      'rapat koordinasi kearsipan yang akan diselenggarakan pada:',
      'Hari/tanggal: Senin, 10 Maret 2025',
      'Pukul: 09.00 WIB s.d. selesai',
      'Tempat: Ruang Rapat Utama Badan Kepegawaian Daerah, Jalan Parasamya',
      'Nomor 1, Beran, Tridadi, Sleman',
      'Mengingat pentingnya acara tersebut, kami mohon Bapak/Ibu hadir tepat',
      'waktu dan membawa daftar arsip vital, jadwal retensi arsip, serta laporan',
      'pengelolaan arsip inaktif di unit kerja masing-masing. Konfirmasi kehadiran',
      'dapat disampaikan melalui sekretariat paling lambat tanggal 7 Maret 2025.',
      'Informasi lebih lanjut dapat dilihat pada',
      'https://jdih.slemankab.go.id/peraturan/2025/nomor-12-tahun-2025-tentang-pen',
      'gelolaan-arsip-dinamis-dan-statis-di-lingkungan-pemerintah-daerah.',
      'Demikian undangan ini kami sampaikan. Atas perhatian dan kehadiran',
      'Bapak/Ibu, kami ucapkan terima kasih.',
      'Kepala Badan Kepegawaian Daerah,',
      'Dr. Siti Rahayu, S.H.',
      'NIP. 197001011995032001',
    ]);
  });

  it('reports where the signature mark and the number go, inside the page', async () => {
    const { signatureArea: s, numberArea: n } = await renderer.render(content());
    expect(s).to.include({ page: 1, height: 96 });
    expect(s.x).to.be.greaterThan(595.28 / 2 - 20);
    expect(s.x + s.width).to.be.at.most(595.28);
    expect(s.y).to.be.greaterThan(60);
    expect(n.page).to.equal(1);
    expect(n.y).to.be.greaterThan(s.y + s.height); // the number is above the signature
  });

  it('prints the number once signing gives one', async () => {
    const { text } = await roundTrip(content({ letterNumber: '800/12/BKD/2025' }));
    expect(text.split('\n')).to.include('Nomor : 800/12/BKD/2025');
  });

  it('gives the same bytes for the same content, different ones for another draft', async () => {
    const a = await renderer.render(content());
    const b = await renderer.render(content());
    const c = await renderer.render(content({ documentKey: 'naskah:outgoing:test:v2' }));
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).to.equal(true);
    expect(Buffer.from(a.pdf).equals(Buffer.from(c.pdf))).to.equal(false);
  });

  it('refuses characters the fonts cannot draw, and drops control characters', async () => {
    const err = await renderer.render(content({ body: 'Tabel 漢字' })).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(AppError).with.property('code', 'invalid');
    expect((err as AppError).detail).to.include('漢');
    const { text } = await roundTrip(content({ body: 'Satu\u0000dua\u0007 tiga\tempat\u200b.' }));
    expect(text).to.include('Satudua tiga empat.');
  });
});
