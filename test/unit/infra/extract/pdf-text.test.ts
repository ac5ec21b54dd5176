import { expect } from 'chai';
import { createTextExtractor } from '../../../../src/infra/extract/text-extractor.ts';
import { joinTextItems } from '../../../../src/infra/extract/pdf-text-layer.ts';
import type { OcrEngine } from '../../../../src/ports/ocr-engine.ts';
import { textSourceOf, type PageText } from '../../../../src/domain/document.ts';
import { generateLetter } from '../../../../scripts/fixtures/letter-text.ts';
import { ensureFixture } from '../../../support/fixtures.ts';

const limits = { maxPages: 100, maxPixels: 80_000_000 };

/** An OCR engine that only counts: a born-digital PDF must never reach it. */
const countingOcr = () => {
  const engine = {
    calls: 0,
    recognize() {
      engine.calls++;
      return Promise.resolve({ text: '', confidence: 0, words: 0, lines: [], turned: 0 as const });
    },
    warm: async () => {},
    close: async () => {},
  };
  return engine satisfies OcrEngine;
};

const words = (s: string) => s.split(/\s+/).filter(Boolean);

describe('text extractor: PDF text layer', () => {
  it('reproduces every word of a born-digital letter, from the text layer, without OCR', async () => {
    const ocr = countingOcr();
    const extractor = createTextExtractor({ ocr });
    const pages = await extractor.extract(await ensureFixture('letter-1p.pdf'), 'application/pdf', limits);
    const letter = generateLetter(1);
    expect(ocr.calls).to.equal(0);
    expect(pages).to.have.length(1);
    expect(pages[0]!.source).to.equal('pdf-text');
    expect(pages[0]!.confidence).to.equal(undefined);
    expect(words(pages[0]!.text)).to.deep.equal(words(letter.text));
    expect(pages[0]!.text).to.include(`Nomor : ${letter.letterNumber}`);
    expect(pages[0]!.text.split('\n')).to.include(`NIP. ${letter.signerNip}`);
    expect(textSourceOf(pages)).to.equal('pdf-text');
  });

  it('gives every page of a multi-page letter in order and reports each as it finishes', async () => {
    const ocr = countingOcr();
    const seen: PageText[] = [];
    const pages = await createTextExtractor({ ocr }).extract(await ensureFixture('letter-3p.pdf'), 'application/pdf', limits, {
      onPage: (p) => seen.push(p),
    });
    expect(pages.map((p) => p.page)).to.deep.equal([1, 2, 3]);
    [2, 3, 4].forEach((seed, i) => expect(words(pages[i]!.text)).to.deep.equal(words(generateLetter(seed).text)));
    expect(seen.map((p) => p.page).sort()).to.deep.equal([1, 2, 3]);
    expect(ocr.calls).to.equal(0);
  });

  it('reads PDFs carrying JavaScript or an embedded file as text, running neither', async () => {
    const ocr = countingOcr();
    const extractor = createTextExtractor({ ocr });
    for (const name of ['javascript.pdf', 'embedded-file.pdf'] as const) {
      const pages = await extractor.extract(await ensureFixture(name), 'application/pdf', limits);
      expect(pages[0]!.text, name).to.include(generateLetter(905).letterNumber);
    }
    expect(ocr.calls).to.equal(0);
  });

  it("reads only text layers and only the first pages when asked (suggestions on a request path): a scan is neither rendered nor OCR'd", async () => {
    const ocr = countingOcr();
    const extractor = createTextExtractor({ ocr });
    const scan = await extractor.extract(await ensureFixture('scan-2p.pdf'), 'application/pdf', limits, { textLayerOnly: true });
    expect(scan.map((p) => p.text)).to.deep.equal(['', '']);
    const first = await extractor.extract(await ensureFixture('letter-3p.pdf'), 'application/pdf', limits, { textLayerOnly: true, firstPages: 2 });
    expect(first.map((p) => p.page)).to.deep.equal([1, 2]);
    expect(words(first[1]!.text)).to.deep.equal(words(generateLetter(3).text));
    const image = await extractor.extract(await ensureFixture('scan-1p.jpg'), 'image/jpeg', limits, { textLayerOnly: true });
    expect(image.map((p) => p.text)).to.deep.equal(['']);
    expect(ocr.calls).to.equal(0);
    await extractor.close();
  });

  it('stops before reading when the signal is already aborted', async () => {
    const ac = new AbortController();
    ac.abort(new Error('lease lost'));
    const extract = createTextExtractor({ ocr: countingOcr() }).extract(await ensureFixture('letter-1p.pdf'), 'application/pdf', limits, { signal: ac.signal });
    let caught: unknown;
    await extract.catch((e: unknown) => (caught = e));
    expect((caught as Error).message).to.equal('lease lost');
  });

  describe('joinTextItems', () => {
    const item = (str: string, x: number, y: number, width: number, hasEOL = false) => ({ str, transform: [11, 0, 0, 11, x, y], width, hasEOL });

    it('puts a space at visible gaps, none inside a word split in two items, and breaks lines on baseline moves', () => {
      const text = joinTextItems([
        item('Nomor', 64, 700, 31),
        item(': 800/1/BKD/2025', 126, 700, 90),
        item('Sur', 64, 685, 16),
        item('at', 80, 685, 9),
        item('Yth.', 64, 670, 20),
      ]);
      expect(text).to.equal('Nomor : 800/1/BKD/2025\nSurat\nYth.');
    });

    it('honours end-of-line marks and drops empty items', () => {
      expect(joinTextItems([item('satu', 10, 500, 20, true), item('', 0, 0, 0), item('dua', 10, 500, 20)])).to.equal('satu\ndua');
    });
  });
});
