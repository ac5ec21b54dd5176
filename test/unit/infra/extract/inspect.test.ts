import { expect } from 'chai';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createTextExtractor } from '../../../../src/infra/extract/text-extractor.ts';
import type { OcrEngine } from '../../../../src/ports/ocr-engine.ts';
import type { FileLimits } from '../../../../src/ports/text-extractor.ts';
import { isAppError } from '../../../../src/domain/errors.ts';
import { FIXTURES, FIXTURE_NAMES, ensureFixture } from '../../../support/fixtures.ts';
import { rejection } from '../../../support/rejection.ts';

const noOcr: OcrEngine = {
  recognize: () => Promise.reject(new Error('inspection must not OCR')),
  warm: async () => {},
  close: async () => {},
};
const limits: FileLimits = { maxPages: 500, maxPixels: 80_000_000 };

describe('text extractor: inspect', function () {
  this.timeout(120_000);
  const extractor = createTextExtractor({ ocr: noOcr });
  let tmp: string;

  before(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'naskah-inspect-'));
    for (const name of FIXTURE_NAMES) await ensureFixture(name);
  });
  after(() => rm(tmp, { recursive: true, force: true }));

  for (const name of FIXTURE_NAMES) {
    const spec = FIXTURES[name];
    // Files whose magic bytes are no accepted type are inspected as the PDF they claim to be.
    const mime = spec.mime ?? 'application/pdf';
    if (spec.pages !== null) {
      it(`counts ${spec.pages} page(s) in ${name}`, async () => {
        const result = await extractor.inspect(await ensureFixture(name), mime, limits);
        expect(result).to.deep.equal({ mimeType: mime, pages: spec.pages });
      });
    } else {
      it(`refuses ${name} as invalid`, async () => {
        const err = await rejection(extractor.inspect(await ensureFixture(name), mime, limits));
        expect(isAppError(err), String(err)).to.equal(true);
        expect((err as { code: string }).code).to.equal('invalid');
      });
    }
  }

  it('names encryption in the reason for an encrypted PDF', async () => {
    const err = await rejection(extractor.inspect(await ensureFixture('encrypted.pdf'), 'application/pdf', limits));
    expect((err as { detail: string }).detail).to.match(/encrypted/);
  });

  it('refuses a PDF over the page limit', async () => {
    const err = await rejection(extractor.inspect(await ensureFixture('letter-3p.pdf'), 'application/pdf', { ...limits, maxPages: 2 }));
    expect((err as { code: string; detail: string }).code).to.equal('invalid');
    expect((err as { detail: string }).detail).to.match(/3 pages/);
  });

  it('refuses a TIFF over the page limit and an image over the pixel limit', async () => {
    const pages = await rejection(extractor.inspect(await ensureFixture('scan-top-3p.tiff'), 'image/tiff', { ...limits, maxPages: 2 }));
    expect((pages as { code: string }).code).to.equal('invalid');
    const pixels = await rejection(extractor.inspect(await ensureFixture('scan-1p.jpg'), 'image/jpeg', { ...limits, maxPixels: 1_000_000 }));
    expect((pixels as { detail: string }).detail).to.match(/too large/);
  });

  it('refuses a PDF page whose 300 dpi raster would exceed the pixel limit', async () => {
    const err = await rejection(extractor.inspect(await ensureFixture('letter-1p.pdf'), 'application/pdf', { ...limits, maxPixels: 4_000_000 }));
    expect((err as { detail: string }).detail).to.match(/page 1 is too large/);
  });

  it('refuses an empty file and an image that is not what its type says', async () => {
    const empty = path.join(tmp, 'empty.pdf');
    await writeFile(empty, '');
    expect(((await rejection(extractor.inspect(empty, 'application/pdf', limits))) as { code: string }).code).to.equal('invalid');
    const pdfAsPng = path.join(tmp, 'letter.png');
    await copyFile(await ensureFixture('letter-1p.pdf'), pdfAsPng);
    expect(((await rejection(extractor.inspect(pdfAsPng, 'image/png', limits))) as { code: string }).code).to.equal('invalid');
  });

  it('refuses the hostile images at extract time too, before decoding', async () => {
    for (const name of ['huge-pixels.png', 'bomb.tiff'] as const) {
      const err = await rejection(extractor.extract(await ensureFixture(name), FIXTURES[name].mime, limits));
      expect((err as { code: string }).code, name).to.equal('invalid');
    }
  });
});
