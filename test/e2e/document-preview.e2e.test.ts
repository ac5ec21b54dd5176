/**
 * Page images and thumbnails in Chromium: a scanned three-page TIFF (no browser shows TIFF
 * itself) is paged through on its document page as images the server rendered, at 1280 px and
 * at 360 px, with the link to its searchable PDF; search results show its thumbnail. axe-core
 * checks both pages.
 *
 *   npx mocha test/e2e/document-preview.e2e.test.ts
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { buildWeb } from '../../scripts/build-web.ts';
import { ensureFixture } from '../support/fixtures.ts';
import { upload } from '../support/http.ts';
import { startTestApp, waitForDocument, type TestApp } from '../support/test-app.ts';
import { browserSession, DESKTOP, PHONE } from './support/browser.ts';
import { adminOf, checkPage, fetchBytes, heading, openAs } from './support/office.ts';

const TITLE = 'Pindaian tiga halaman pratinjau';

/** Waits until the image matched by `selector` has loaded (a broken or pending image has no natural width). */
const loadedImage = async (page: Page, selector: string) => {
  const img = page.locator(selector).first();
  await img.waitFor();
  await page.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await img.elementHandle(), {
    timeout: 15_000,
  });
  return img;
};

describe('document previews in Chromium (e2e)', function () {
  this.timeout(240_000);
  const browser = browserSession('document-preview');
  let app: TestApp;
  let id = '';

  before(async () => {
    await buildWeb();
    app = await startTestApp({}, { warmOcr: true });
    const up = await upload(app, app.adminToken, '/api/v1/documents', [{ name: 'pindaian.tiff', bytes: await ensureFixture('scan-top-3p.tiff') }], {
      title: TITLE,
    });
    expect(up.status).to.equal(201);
    id = String(up.body.id);
    expect(await waitForDocument(app, app.adminToken, id, 180_000)).to.include({ status: 'ready' });
    // The worker renders previews after indexing; the thumbnail comes last.
    for (let i = 0; i < 300; i++) {
      const r = await fetch(`${app.url}/api/v1/documents/${id}/thumbnail`, { headers: { authorization: `Bearer ${app.adminToken}` } });
      if (r.status === 200) break;
      await new Promise((res) => setTimeout(res, 200));
    }
  });
  after(async () => app?.stop());

  for (const [name, options] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`pages through a TIFF's page images and offers its searchable PDF (${name})`, async () => {
      const page = await openAs(browser, app, adminOf(app), options);
      await page.goto(`${app.url}/documents/${id}`);
      await heading(page, new RegExp(TITLE));
      const first = await loadedImage(page, 'img.page-image');
      expect(await first.getAttribute('alt')).to.match(/^Halaman 1 dari 3/);
      await page.getByRole('button', { name: 'Berikutnya' }).click();
      await page.locator('img.page-image[alt^="Halaman 2 dari 3"]').waitFor();
      await loadedImage(page, 'img.page-image');
      expect(await page.locator('.pager').textContent()).to.match(/Halaman 2 dari 3/);
      await page.getByRole('button', { name: 'Sebelumnya' }).click();
      await page.locator('img.page-image[alt^="Halaman 1 dari 3"]').waitFor();
      await checkPage(page, `document-preview-${name}`);

      const link = page.getByRole('link', { name: 'Unduh PDF yang dapat dicari' });
      const href = (await link.getAttribute('href'))!;
      expect(href).to.equal(`/api/v1/documents/${id}/searchable`);
      expect((await fetchBytes(page, href)).subarray(0, 5).toString()).to.equal('%PDF-');
    });
  }

  it('shows thumbnails beside search results', async () => {
    const page = await openAs(browser, app, adminOf(app), DESKTOP);
    await page.goto(`${app.url}/search?q=${encodeURIComponent('pratinjau')}`);
    await page.locator('.doc-hit', { hasText: TITLE }).waitFor();
    const thumb = await loadedImage(page, `.doc-hit img.doc-thumb[src$="/${id}/thumbnail"]`);
    expect(await thumb.getAttribute('alt')).to.equal('');
    await checkPage(page, 'search-thumbnails');
  });
});
