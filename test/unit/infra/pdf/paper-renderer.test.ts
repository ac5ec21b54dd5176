import { expect } from 'chai';
import { PDFDocument } from 'pdf-lib';
import { createPdfLibPaperRenderer } from '../../../../src/infra/pdf/pdf-lib.paper-renderer.ts';
import { createThreadedPaperRenderer } from '../../../../src/infra/pdf/threaded.paper-renderer.ts';
import type { PaperContent } from '../../../../src/ports/paper-renderer.ts';
import { pdfText } from '../../../support/nss.ts';

const content = (rows: number): PaperContent => ({
  orientation: 'landscape',
  heading: ['Pemerintah Kota Contoh', 'Unit kerja: Badan Kepegawaian (BKD)', 'Periode 1 Maret 2025 s.d. 31 Maret 2025'],
  title: 'BUKU AGENDA SURAT MASUK',
  fields: [],
  columns: [
    { label: 'No. Agenda', width: 1 },
    { label: 'Pengirim', width: 3 },
    { label: 'Perihal', width: 4 },
  ],
  rows: Array.from({ length: rows }, (_, i) => [`${i + 1}/2025`, `Pengirim ke-${i + 1}`, 'Undangan rapat koordinasi kepegawaian '.repeat(1 + (i % 3))]),
  emptyText: 'Tidak ada surat masuk pada periode ini.',
  footer: 'Dicetak 2025-04-01 08:00 WIB',
  pageLabel: 'Halaman {n} dari {total}',
  renderedAt: new Date('2025-04-01T01:00:00Z'),
});

describe('paper renderer (pdf-lib)', function () {
  this.timeout(30_000);
  const renderer = createPdfLibPaperRenderer();

  it('repeats the heading and the header row on every page, numbers the pages "of N", and keeps every row', async () => {
    const pdf = await renderer.render(content(120));
    const pages = (await PDFDocument.load(pdf)).getPageCount();
    expect(pages).to.be.greaterThan(2);
    const text = await pdfText(pdf);
    const perPage = text.split('\f').filter((p) => p.trim());
    expect(perPage).to.have.length(pages);
    perPage.forEach((p, i) => {
      for (const s of ['Pemerintah Kota Contoh', 'BUKU AGENDA SURAT MASUK', 'Periode 1 Maret 2025', 'No. Agenda', `Halaman ${i + 1} dari ${pages}`])
        expect(p, `page ${i + 1}`).to.include(s);
    });
    for (let i = 1; i <= 120; i++) expect(text).to.include(`Pengirim ke-${i}`);
  });

  it('prints the empty text when there is no row, and characters the fonts lack as "?" instead of failing', async () => {
    const empty = await pdfText(await renderer.render(content(0)));
    expect(empty).to.include('Tidak ada surat masuk pada periode ini.');
    const odd = await pdfText(await renderer.render({ ...content(1), rows: [['1/2025', 'Kantor 東京', 'Perihal']] }));
    expect(odd).to.include('Kantor ??');
  });

  it('lays a portrait form out with its fields box above the table', async () => {
    const pdf = await renderer.render({ ...content(2), orientation: 'portrait', fields: [{ label: 'Surat dari', value: 'Café Sinar' }] });
    const { width, height } = (await PDFDocument.load(pdf)).getPage(0).getSize();
    expect(width).to.be.lessThan(height);
    expect(await pdfText(pdf)).to.match(/Surat dari\s+Café Sinar/);
  });
});

describe('paper renderer in a worker thread', function () {
  this.timeout(120_000);
  const threaded = createThreadedPaperRenderer();
  after(() => threaded.close());

  it('lays out a register of 1,000 rows while the event loop keeps turning, and gives the same paper as in process', async () => {
    // In process, laying out these rows holds the event loop for seconds at a stretch; in the thread only messages move.
    let worstPause = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      worstPause = Math.max(worstPause, now - last);
      last = now;
    }, 10);
    const pdf = await threaded.render(content(1000)).finally(() => clearInterval(ticker));
    expect(worstPause, 'longest pause of the event loop, ms').to.be.lessThan(1000);
    expect(await pdfText(pdf)).to.include('Pengirim ke-1000');
    const small = content(30);
    expect(Buffer.from(await threaded.render(small)).equals(Buffer.from(await createPdfLibPaperRenderer().render(small)))).to.equal(true);
  });
});
