import { expect } from 'chai';
import { estimateSkew, levelPage } from '../../../../src/infra/extract/deskew.ts';
import { preparePage } from '../../../../src/infra/extract/ocr-preprocess.ts';
import { decodeImagePage } from '../../../../src/infra/extract/image-file.ts';
import { betterPass, inkLineCount, needsBlockPass, type PassSummary } from '../../../../src/infra/extract/ocr-page-choice.ts';
import { toPnm } from '../../../../src/infra/extract/tesseract-ocr.engine.ts';
import type { RasterImage } from '../../../../src/ports/ocr-engine.ts';
import { scanLook } from '../../../../scripts/fixtures/scan-degrade.ts';
import { ensureFixture } from '../../../support/fixtures.ts';

/** White page with dashed dark "text lines" 40 px tall every 90 px, sloping by `degrees`. */
const linedPage = (degrees: number, width = 1200, height = 900, lines = 8): RasterImage => {
  const data = Buffer.alloc(width * height, 255);
  const t = Math.tan((degrees * Math.PI) / 180);
  for (let l = 0; l < lines; l++)
    for (let x = 100; x < width - 100; x++) {
      if (x % 14 < 4) continue; // gaps between "letters"
      const top = Math.round(80 + l * 90 + x * t);
      for (let y = top; y < top + 30; y++) if (y >= 0 && y < height && (x + y) % 3 !== 0) data[y * width + x] = 20;
    }
  return { width, height, channels: 1, data };
};

describe('OCR preprocessing', () => {
  it('estimates the skew of sloping text lines to within a tenth of a degree', () => {
    for (const deg of [-3, -1.2, 0, 0.7, 2.5]) expect(estimateSkew(linedPage(deg)), `${deg}°`).to.be.closeTo(deg, 0.11);
  });

  it('levels a skewed page so its lines run straight', () => {
    const leveled = levelPage(linedPage(2.2), 2.2);
    expect(leveled.channels).to.equal(1);
    expect(leveled.data.length).to.equal(leveled.width * leveled.height);
    expect(Math.abs(estimateSkew(leveled))).to.be.at.most(0.11);
    expect(inkLineCount(leveled)).to.equal(8);
  });

  it('cuts nothing off when levelling either way: ink in every corner survives', () => {
    const corners = (): RasterImage => {
      const img: RasterImage = { width: 400, height: 300, channels: 1, data: Buffer.alloc(120_000, 255) };
      for (const [cx, cy] of [
        [0, 0],
        [390, 0],
        [0, 290],
        [390, 290],
      ] as const)
        for (let y = cy; y < cy + 10; y++) for (let x = cx; x < cx + 10; x++) img.data[y * 400 + x] = 0;
      return img;
    };
    const ink = (img: RasterImage) => img.data.reduce((n, v) => n + (255 - v), 0);
    for (const deg of [-3, 3]) {
      const before = ink(corners());
      expect(ink(levelPage(corners(), deg)) / before, `${deg}°`).to.be.closeTo(1, 0.1);
    }
  });

  it('finds and undoes the rotation of a generated phone scan, evenly lit', async () => {
    const scan = await decodeImagePage(await ensureFixture('scan-1p.jpg'), 0, 80_000_000);
    const { image, deskewed } = await preparePage(scan);
    expect(deskewed).to.be.closeTo(-scanLook(11).angle, 0.2);
    expect(image.channels).to.equal(1);
    // Paper ends up white everywhere, whatever the shadow: the median pixel is (near) 255.
    const sample = Array.from({ length: 2001 }, (_, i) => image.data[Math.floor((i / 2001) * image.data.length)]!).sort((a, b) => a - b);
    expect(sample[1000]).to.be.at.least(245);
  });

  it('counts ink lines of a page', () => {
    expect(inkLineCount(linedPage(0, 1200, 900, 5))).to.equal(5);
    expect(inkLineCount({ width: 100, height: 100, channels: 1, data: Buffer.alloc(10_000, 255) })).to.equal(0);
  });

  it('encodes rasters as binary PNM headers leptonica reads', () => {
    const gray = toPnm({ width: 2, height: 1, channels: 1, data: Buffer.from([0, 255]) });
    expect(gray.toString('latin1')).to.equal('P5\n2 1\n255\n\x00\xff');
    const rgba = toPnm({ width: 1, height: 1, channels: 4, data: Buffer.from([1, 2, 3, 4]) });
    expect([...rgba.subarray(rgba.length - 3)]).to.deep.equal([1, 2, 3]);
    expect(rgba.toString('latin1', 0, 2)).to.equal('P6');
  });

  describe('page segmentation choice', () => {
    const pass = (lines: number, confidence: number, words: [string, number][]): PassSummary => ({
      text: words.map((w) => w[0]).join(' '),
      lines,
      layout: [],
      confidence,
      words: words.map(([text, c]) => ({ text, confidence: c })),
    });
    const good = pass(30, 92, [
      ['Nomor', 95],
      ['800/12/BKD/2025', 90],
    ]);

    it('keeps automatic layout when it read about as many lines as the ink shows, confidently', () => {
      expect(needsBlockPass(good, 32)).to.equal(false);
    });

    it('asks for a block pass when lines are missing, confidence is low, or nothing was read', () => {
      expect(needsBlockPass({ ...good, lines: 12 }, 32)).to.equal(true);
      expect(needsBlockPass({ ...good, confidence: 55 }, 0)).to.equal(true);
      expect(needsBlockPass(pass(0, 0, []), 10)).to.equal(true);
    });

    it('keeps the pass with more confident text, and automatic layout on a tie', () => {
      const more = pass(30, 90, [
        ['Nomor', 95],
        ['800/12/BKD/2025', 90],
        ['Perihal', 93],
      ]);
      const garbage = pass(40, 40, [
        ['x%#', 30],
        ['li|l', 35],
        ['Nomor', 45],
      ]);
      expect(betterPass(good, more)).to.equal(more);
      expect(betterPass(good, garbage)).to.equal(good);
      expect(betterPass(good, { ...good })).to.equal(good);
    });
  });
});
