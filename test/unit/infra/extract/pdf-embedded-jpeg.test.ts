import { expect } from 'chai';
import sharp from 'sharp';
import { openPageImages } from '../../../../src/infra/extract/pdf-embedded-jpeg.ts';
import { ensureFixture } from '../../../support/fixtures.ts';

describe('scanned PDF pages: embedded JPEG shortcut', () => {
  it('takes each page’s JPEG bytes as they are, with their size', async () => {
    const images = await openPageImages(await ensureFixture('scan-2p.pdf'), 64 * 2 ** 20);
    for (const i of [0, 1]) {
      const found = images.pageJpeg(i);
      expect(found, `page ${i + 1}`).to.not.equal(null);
      expect([...found!.jpeg.subarray(0, 3)]).to.deep.equal([0xff, 0xd8, 0xff]);
      const meta = await sharp(found!.jpeg).metadata();
      expect([meta.width, meta.height]).to.deep.equal([found!.width, found!.height]);
    }
    expect(images.pageJpeg(2)).to.equal(null);
  });

  it('offers nothing for born-digital pages, broken files, or files over the size cap', async () => {
    expect((await openPageImages(await ensureFixture('letter-1p.pdf'), 64 * 2 ** 20)).pageJpeg(0)).to.equal(null);
    expect((await openPageImages(await ensureFixture('corrupt.pdf'), 64 * 2 ** 20)).pageJpeg(0)).to.equal(null);
    expect((await openPageImages(await ensureFixture('scan-2p.pdf'), 1000)).pageJpeg(0)).to.equal(null);
  });
});
