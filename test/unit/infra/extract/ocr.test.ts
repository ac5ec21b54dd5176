import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp, { type Region } from 'sharp';
import { createTesseractOcrEngine } from '../../../../src/infra/extract/tesseract-ocr.engine.ts';
import { createTextExtractor } from '../../../../src/infra/extract/text-extractor.ts';
import { JobTimeoutError } from '../../../../src/infra/threads/worker-pool.ts';
import type { OcrEngine, RasterImage } from '../../../../src/ports/ocr-engine.ts';
import type { TextExtractor } from '../../../../src/ports/text-extractor.ts';
import { isAppError } from '../../../../src/domain/errors.ts';
import { createRandom, generateLetter } from '../../../../scripts/fixtures/letter-text.ts';
import { FIXTURES, ensureFixture } from '../../../support/fixtures.ts';

const limits = { maxPages: 50, maxPixels: 80_000_000 };

/** OCR may misread a character here and there; the letter number and headings must survive. */
const expectLetter = (text: string, seed: number) => {
  const letter = generateLetter(seed);
  expect(text, `page of seed ${seed}`).to.include(letter.letterNumber);
  expect(text).to.match(/PEMERINTAH/);
  expect(text).to.match(/Perihal/);
};

const grayOf = async (file: string, crop?: Region): Promise<RasterImage> => {
  const img = sharp(file).greyscale();
  const { data, info } = await (crop ? img.extract(crop) : img).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 1, data };
};

describe('OCR with tesseract.js (slow: a few pages)', function () {
  this.timeout(180_000);
  let scratch: string;
  let ocr: OcrEngine;
  let extractor: TextExtractor;

  before(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'naskah-ocr-'));
    ocr = createTesseractOcrEngine({ scratchDir: scratch, workers: 2, pageTimeoutMs: 60_000 });
    extractor = createTextExtractor({ ocr });
    await ocr.warm();
  });
  after(async () => {
    await extractor.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('reads a phone-scanned letter: its number and key words, with a confidence', async () => {
    const pages = await extractor.extract(await ensureFixture('scan-1p.jpg'), 'image/jpeg', limits);
    expect(pages).to.have.length(1);
    expect(pages[0]!.source).to.equal('ocr');
    expect(pages[0]!.confidence).to.be.within(60, 100);
    expectLetter(pages[0]!.text, 11);
    const letter = generateLetter(11);
    expect(pages[0]!.text).to.include(letter.signerNip);
    expect(pages[0]!.text).to.include(letter.subject);
  });

  it('reads every page of a multi-page TIFF', async () => {
    const pages = await extractor.extract(await ensureFixture('scan-top-3p.tiff'), 'image/tiff', limits);
    expect(pages.map((p) => p.page)).to.deep.equal([1, 2, 3]);
    FIXTURES['scan-top-3p.tiff'].seeds.forEach((seed, i) => expectLetter(pages[i]!.text, seed));
  });

  it('reads a JPEG-compressed TIFF', async () => {
    const pages = await extractor.extract(await ensureFixture('scan-top-2p-jpeg.tiff'), 'image/tiff', limits);
    expect(pages).to.have.length(2);
    FIXTURES['scan-top-2p-jpeg.tiff'].seeds.forEach((seed, i) => expectLetter(pages[i]!.text, seed));
  });

  it('reads the scanned pages of an image-only PDF', async () => {
    const pages = await extractor.extract(await ensureFixture('scan-2p.pdf'), 'application/pdf', limits);
    expect(pages.map((p) => p.source)).to.deep.equal(['ocr', 'ocr']);
    FIXTURES['scan-2p.pdf'].seeds.forEach((seed, i) => expectLetter(pages[i]!.text, seed));
  });

  it('fails an undecodable image as invalid and the next page still succeeds', async () => {
    const err = await ocr.recognize(Buffer.from('this is not an image')).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isAppError(err) && err.code).to.equal('invalid');
    const small = await grayOf(await ensureFixture('scan-top-1p.png'));
    expectLetter((await ocr.recognize(small)).text, 12);
  });

  it('replaces a worker that timed out, and the next page succeeds', async () => {
    const scratch2 = await mkdtemp(path.join(os.tmpdir(), 'naskah-ocr-timeout-'));
    const engine = createTesseractOcrEngine({ scratchDir: scratch2, workers: 1, pageTimeoutMs: 8_000 });
    try {
      // Salt-and-pepper noise keeps tesseract's layout analysis busy for minutes: a hostile page.
      const rnd = createRandom(7);
      const noise: RasterImage = { width: 3000, height: 3000, channels: 1, data: Buffer.alloc(9_000_000) };
      for (let i = 0; i < noise.data.length; i++) noise.data[i] = rnd.next() < 0.5 ? 0 : 255;
      const strip = await grayOf(await ensureFixture('scan-top-1p.png'), { left: 0, top: 0, width: 2400, height: 900 });
      await engine.warm();
      const err = await engine.recognize(noise).then(
        () => null,
        (e: unknown) => e,
      );
      // The page's own time limit ended it (not an error of the page, not the test's timeout).
      expect(err).to.be.instanceOf(JobTimeoutError);
      const next = await engine.recognize(strip);
      expect(next.text).to.match(/PEMERINTAH/);
      expect(next.text).to.include(generateLetter(12).letterNumber);
    } finally {
      await engine.close();
      await rm(scratch2, { recursive: true, force: true });
    }
  });
});
