import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { editDistance, normaliseWhitespace } from '../../../../scripts/bench/ocr/cer.ts';
import { createTesseractOcrEngine } from '../../../../src/infra/extract/tesseract-ocr.engine.ts';
import { createTextExtractor } from '../../../../src/infra/extract/text-extractor.ts';
import { looksSideways, turnFromOsd, turnRaster } from '../../../../src/infra/extract/page-turn.ts';
import type { ScannedPage, TextExtractor } from '../../../../src/ports/text-extractor.ts';
import { ensureFixture } from '../../../support/fixtures.ts';

const cer = (a: string, b: string) => editDistance(normaliseWhitespace(a), normaliseWhitespace(b)) / Math.max(1, normaliseWhitespace(b).length);
const limits = { maxPages: 50, maxPixels: 80_000_000 };

describe('turned pages: the pure parts', () => {
  it('turns a raster clockwise by quarter turns, and four turns give it back', () => {
    // 3 × 2: row 0 = 1 2 3, row 1 = 4 5 6
    const img = { width: 3, height: 2, channels: 1 as const, data: Buffer.from([1, 2, 3, 4, 5, 6]) };
    const q = turnRaster(img, 90);
    expect([q.width, q.height]).to.deep.equal([2, 3]);
    expect([...q.data]).to.deep.equal([4, 1, 5, 2, 6, 3]);
    expect([...turnRaster(img, 180).data]).to.deep.equal([6, 5, 4, 3, 2, 1]);
    expect([...turnRaster(img, 270).data]).to.deep.equal([3, 6, 2, 5, 1, 4]);
    expect([...turnRaster(turnRaster(q, 90), 180).data]).to.deep.equal([...img.data]);
  });

  it('sees text running up the page from tall word boxes, and trusts OSD only when it is sure', () => {
    const word = (w: number, h: number) => ({ text: 'kata', box: { x0: 0, y0: 0, x1: w, y1: h } });
    expect(looksSideways([Array.from({ length: 8 }, () => word(20, 90))])).to.equal(true);
    expect(looksSideways([Array.from({ length: 8 }, () => word(90, 20))])).to.equal(false);
    expect(turnFromOsd(270, 11)).to.equal(270);
    expect(turnFromOsd(90, 0.4)).to.equal(0);
    expect(turnFromOsd(null, null)).to.equal(0);
  });
});

describe('turned pages read upright (slow: OCR of four pages)', function () {
  this.timeout(600_000);
  let scratch: string;
  let extractor: TextExtractor;
  let upright: { text: string; scan: ScannedPage };

  const read = async (file: string) => {
    const scans: ScannedPage[] = [];
    const [page] = await extractor.extract(file, 'image/png', limits, { onScan: (s) => scans.push(s) });
    return { text: page!.text, scan: scans[0]! };
  };

  before(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'naskah-turned-'));
    extractor = createTextExtractor({ ocr: createTesseractOcrEngine({ scratchDir: scratch, workers: 1, pageTimeoutMs: 240_000 }), pageConcurrency: 1 });
    upright = await read(await ensureFixture('scan-top-1p.png'));
    expect(upright.text).to.match(/PEMERINTAH/);
  });
  after(async () => {
    await extractor?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  for (const angle of [90, 180, 270] as const) {
    it(`reads a page turned ${angle}° as the upright one, and keeps its image upright`, async () => {
      const file = path.join(scratch, `turned-${angle}.png`);
      await writeFile(
        file,
        await sharp(await ensureFixture('scan-top-1p.png'))
          .rotate(angle)
          .png()
          .toBuffer(),
      );
      const turned = await read(file);
      expect(cer(turned.text, upright.text), turned.text.slice(0, 200)).to.be.below(0.03);
      // The page kept for the searchable copy and previews has the upright page's shape.
      // (levelling a page may trim or add a few rows; a sideways page would swap the sides).
      expect(turned.scan.width).to.be.closeTo(upright.scan.width, upright.scan.width * 0.06);
      expect(turned.scan.height).to.be.closeTo(upright.scan.height, upright.scan.height * 0.06);
    });
  }
});
