import { expect } from 'chai';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createTextExtractor } from '../../../../src/infra/extract/text-extractor.ts';
import type { OcrEngine } from '../../../../src/ports/ocr-engine.ts';
import type { FileLimits } from '../../../../src/ports/text-extractor.ts';
import { ensureFixture } from '../../../support/fixtures.ts';
import { appRejection } from '../../../support/rejection.ts';

const noOcr: OcrEngine = { recognize: () => Promise.reject(new Error('previews must not OCR')), warm: async () => {}, close: async () => {} };
const limits: FileLimits = { maxPages: 500, maxPixels: 80_000_000 };

/** A little-endian TIFF of `pages` 1 × 1 pages (one IFD each): tiny bytes, absurd page count. */
const manyPageTiff = (pages: number): Buffer => {
  const entries = 8;
  const ifdSize = 2 + entries * 12 + 4;
  const pixel = 8; // one shared white pixel right after the header
  const out = Buffer.alloc(8 + 1 + 1 + pages * ifdSize);
  out.write('II*\0', 0, 'latin1');
  const first = 10;
  out.writeUInt32LE(first, 4);
  out[pixel] = 255;
  for (let p = 0; p < pages; p++) {
    const at = first + p * ifdSize;
    out.writeUInt16LE(entries, at);
    const tags: [number, number, number][] = [
      [256, 3, 1],
      [257, 3, 1],
      [258, 3, 8],
      [259, 3, 1],
      [262, 3, 1],
      [273, 4, pixel],
      [278, 3, 1],
      [279, 4, 1],
    ];
    tags.forEach(([tag, type, value], i) => {
      const e = at + 2 + i * 12;
      out.writeUInt16LE(tag, e);
      out.writeUInt16LE(type, e + 2);
      out.writeUInt32LE(1, e + 4);
      if (type === 3) out.writeUInt16LE(value, e + 8);
      else out.writeUInt32LE(value, e + 8);
    });
    out.writeUInt32LE(p + 1 < pages ? at + ifdSize : 0, at + 2 + entries * 12);
  }
  return out;
};

describe('text extractor: page previews (thumbnails and page images)', function () {
  this.timeout(120_000);
  const extractor = createTextExtractor({ ocr: noOcr, reader: { threads: 1, timeoutMs: 20_000 } });
  let tmp: string;
  before(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'naskah-preview-'));
  });
  after(async () => {
    await extractor.close();
    await rm(tmp, { recursive: true, force: true });
  });

  const cases = [
    ['letter-1p.pdf', 'application/pdf', 1],
    ['scan-2p.pdf', 'application/pdf', 2],
    ['scan-1p.jpg', 'image/jpeg', 1],
    ['scan-top-1p.png', 'image/png', 1],
    ['scan-top-3p.tiff', 'image/tiff', 3],
    ['scan-top-2p-jpeg.tiff', 'image/tiff', 2],
  ] as const;
  for (const [name, mime, page] of cases) {
    it(`renders page ${page} of ${name} as a small JPEG`, async () => {
      const jpeg = await extractor.preview(await ensureFixture(name), mime, limits, page, 240);
      const meta = await sharp(jpeg).metadata();
      expect(meta.format).to.equal('jpeg');
      expect(meta.width).to.be.within(100, 240);
    });
  }

  it('refuses a page past the last one', async () => {
    const e = await appRejection(extractor.preview(await ensureFixture('scan-top-3p.tiff'), 'image/tiff', limits, 4, 240));
    expect(e.code).to.equal('invalid');
    expect(e.detail).to.match(/no page 4/);
  });

  it('fails fast with a reason on pixel bombs and a 10,000-page TIFF, and the reader still works after', async () => {
    const pages = path.join(tmp, 'many.tiff');
    await writeFile(pages, manyPageTiff(10_000));
    const hostile = [
      [await ensureFixture('bomb.tiff'), 'image/tiff', /too large/],
      [await ensureFixture('huge-pixels.png'), 'image/png', /too large/],
      [await ensureFixture('image-bomb.pdf'), 'application/pdf', /./],
      [pages, 'image/tiff', /10000 pages; the limit is 500/],
    ] as const;
    for (const [file, mime, reason] of hostile) {
      const started = Date.now();
      const e = await appRejection(extractor.preview(file, mime, limits, 1, 240));
      expect(e.code, file).to.equal('invalid');
      expect(e.detail, file).to.match(reason);
      expect(Date.now() - started, file).to.be.below(15_000);
    }
    const jpeg = await extractor.preview(await ensureFixture('scan-1p.jpg'), 'image/jpeg', limits, 1, 240);
    expect((await sharp(jpeg).metadata()).format).to.equal('jpeg');
  });
});
