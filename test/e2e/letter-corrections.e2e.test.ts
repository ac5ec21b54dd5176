/**
 * Issue 18 in Chromium, at 1280 px and at 360 px: a clerk drops a file that is archived already
 * and is warned, with a link to its letter, before any agenda number is taken; drops a new PDF,
 * sees it beside the form and gets its number, date, sender and subject suggested from its text
 * (marked until confirmed); registers it; corrects its subject (the old value stays in the
 * history); voids its agenda number with a reason (shown "Dibatalkan" on the letter and in the
 * register); drops a phone-quality scan and, while a "Membaca pindaian…" line says it is being
 * read, gets the same suggestions from its OCR. axe-core checks each screen.
 *
 *   npx mocha test/e2e/letter-corrections.e2e.test.ts
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { buildWeb } from '../../scripts/build-web.ts';
import { letterPdf } from '../../scripts/fixtures/letter-pdf.ts';
import { generateLetter } from '../../scripts/fixtures/letter-text.ts';
import { ensureFixture, FIXTURES } from '../support/fixtures.ts';
import { api, form } from '../support/http.ts';
import { passwordOf } from '../support/passwords.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { browserSession, DESKTOP, dropFile, PHONE } from './support/browser.ts';
import { checkPage, heading, type Member, openAs } from './support/office.ts';
import { readFile } from 'node:fs/promises';

describe('correcting mistakes and reading the scan before registering, in Chromium (e2e)', function () {
  this.timeout(180_000);
  const browser = browserSession('corrections');
  let app: TestApp;
  let clerk: Member;
  let clerkToken = '';

  before(async () => {
    await buildWeb();
    // A busy test machine reads a scan far slower than the product's 25 s allow.
    app = await startTestApp({ SUGGEST_OCR_TIMEOUT_MS: '300000' });
    const password = passwordOf('agendaris', 'panjang-9');
    const r = await api(app, app.adminToken, 'POST', '/api/v1/users', {
      username: 'agendaris',
      password,
      name: 'Siti Agendaris',
      role: 'clerk',
      unitCode: 'ORG',
    });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    clerk = { id: String(r.body.id), username: 'agendaris', password, name: 'Siti Agendaris', totp: false };
    clerkToken = await app.login('agendaris', password);
  });
  after(async () => app?.stop());

  const MIME: Record<string, string> = { pdf: 'application/pdf', jpg: 'image/jpeg', tiff: 'image/tiff' };
  const drop = async (page: Page, name: string, bytes: Uint8Array) =>
    dropFile(page, '.dropzone', { name, mimeType: MIME[name.split('.').pop()!]!, bytes: Buffer.from(bytes) });

  for (const [vp, options, run] of [
    ['desktop', DESKTOP, 1],
    ['phone', PHONE, 2],
  ] as const) {
    it(`warns of an archived file, suggests from the text, then corrects and voids the letter (${vp})`, async () => {
      const shot = (n: string) => `corrections-${vp}-${n}`;
      // A letter registered earlier over the API: dropping the same bytes again warns before any number.
      const earlier = generateLetter(700 + run);
      const earlierBytes = await letterPdf([earlier]);
      const fields = { letterNumber: earlier.letterNumber, letterDate: earlier.letterDate, sender: earlier.sender, subject: earlier.subject, urgency: 'biasa' };
      const reg = await form(app, clerkToken, '/api/v1/letters/incoming', fields, { name: 'lama.pdf', bytes: earlierBytes });
      expect(reg.status, JSON.stringify(reg.body)).to.equal(201);

      const page = await openAs(browser, app, clerk, options);
      await page.goto(`${app.url}/incoming/new`);
      await heading(page, /Catat surat masuk/);
      expect(await page.inputValue('input[name=letterDate]'), 'no letter date by default').to.equal('');
      expect(await page.inputValue('input[name=receivedAt]')).to.match(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
      await drop(page, 'lama.pdf', earlierBytes);
      const warning = page.locator('form .alert-warn', { hasText: 'sudah diarsipkan' });
      await warning.waitFor();
      expect(await warning.locator(`a[href="/incoming/${reg.body.id}"]`).count()).to.equal(1);
      await page.locator('.alert', { hasText: 'Saran dari teks surat' }).waitFor();
      expect(await page.inputValue('input[name=letterNumber]')).to.equal(earlier.letterNumber);

      // A new letter: shown beside the form, its head read for suggestions that fill the empty fields
      // (and replace the last file's that the clerk left untouched).
      const l = generateLetter(710 + run);
      await page.fill('input[name=subject]', 'Diketik petugas');
      await drop(page, 'baru.pdf', await letterPdf([l]));
      await page.locator('.reg-preview iframe.preview-pdf').waitFor();
      await page.locator('.alert', { hasText: 'Saran dari teks surat' }).waitFor();
      expect(await page.inputValue('input[name=letterNumber]')).to.equal(l.letterNumber);
      expect(await page.inputValue('input[name=letterDate]')).to.equal(l.letterDate);
      expect(await page.inputValue('input[name=sender]')).to.equal(l.sender);
      expect(await page.inputValue('input[name=subject]'), 'what the clerk typed stays').to.equal('Diketik petugas');
      expect(await page.locator('input.suggested').count()).to.equal(3);
      expect(await page.locator('form .alert-warn').count(), 'a new file is not a duplicate').to.equal(0);
      await checkPage(page, shot('01-suggested'));
      await page.fill('input[name=sender]', `${l.sender} (dikonfirmasi)`);
      expect(await page.locator('input.suggested').count()).to.equal(2);
      await page.click('form button[type=submit]');
      await page.locator('.agenda-card .agenda-number strong').waitFor();
      const href = (await page.locator('.agenda-card a:has-text("Buka surat")').getAttribute('href'))!;

      // Correcting the subject: saved on the version read, the old value kept in the history.
      await page.goto(`${app.url}${href}`);
      await heading(page, /Diketik petugas/);
      await page.click('summary:has-text("Koreksi data")');
      // Level and unit are corrected here too, offering only what the server accepts: levels up to
      // the clerk's own clearance (biasa) and the units the clerk files for.
      expect(await page.locator('.fix-editor select[name=securityLevel] option').allTextContents()).to.deep.equal(['Biasa']);
      expect(await page.inputValue('.fix-editor select[name=unitCode]')).to.equal('ORG');
      await page.fill('.fix-editor input[name=subject]', l.subject);
      await page.fill('.fix-editor input[name=reason]', 'Perihal salah ketik');
      await page.click('.fix-editor button[type=submit]');
      await page.locator('.fix-editor .alert-ok', { hasText: 'versi 2' }).waitFor();
      const entry = page.locator('.fix-history li', { hasText: 'Perihal salah ketik' });
      await entry.waitFor();
      expect(await entry.locator('del').first().textContent()).to.equal('Diketik petugas');
      expect(await entry.locator('ins').first().textContent()).to.equal(l.subject);
      await checkPage(page, shot('02-corrected'));

      // The scan's document followed, and is corrected on its own page the same way.
      const docHref = (await page.locator('.doc-meta a[href^="/documents/"]').getAttribute('href'))!;
      await page.goto(`${app.url}${docHref}`);
      await page.locator('.fix-history li', { hasText: 'Perihal salah ketik' }).waitFor();
      await page.click('summary:has-text("Koreksi data")');
      await page.fill('.fix-editor input[name=sender]', `${l.sender} (koreksi)`);
      await page.click('.fix-editor button[type=submit]');
      await page.locator('.fix-editor .alert-ok', { hasText: 'versi 3' }).waitFor();
      await page.locator('.doc-meta dd', { hasText: `${l.sender} (koreksi)` }).waitFor();
      await checkPage(page, shot('02b-document-corrected'));
      await page.goto(`${app.url}${href}`);
      await heading(page, new RegExp(l.subject.slice(0, 20)));

      // Voiding the number: it stays, marked, on the letter and in the register.
      await page.click('summary:has-text("Batalkan nomor agenda")');
      await page.fill('.void-form textarea[name=voidReason]', 'Surat tercatat dua kali');
      await page.check('.void-form input[type=checkbox]');
      await page.click('.void-form button[type=submit]');
      await page.locator('.doc-meta .badge-void', { hasText: 'Dibatalkan' }).waitFor();
      await page.locator('.alert-warn', { hasText: 'Surat tercatat dua kali' }).waitFor();
      expect(await page.locator('.fix-editor').count(), 'a void entry is not corrected').to.equal(0);
      await checkPage(page, shot('03-voided'));
      await page.goto(`${app.url}/incoming`);
      await page.locator(`.letter-card:has(a[href="${href}"]) .badge-void`).waitFor();
    });
  }

  for (const [vp, options] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`reads a dropped scan for suggestions, saying so while it reads; a TIFF is previewed after registering (${vp})`, async () => {
      const page = await openAs(browser, app, clerk, options);
      await page.goto(`${app.url}/incoming/new`);
      await heading(page, /Catat surat masuk/);
      await drop(page, 'pindaian.tiff', await readFile(await ensureFixture('scan-top-2p-jpeg.tiff')));
      await page.locator('.reg-preview', { hasText: 'Pratinjaunya muncul setelah surat dicatat' }).waitFor();
      // A phone photo of a letter: shown beside the form, its first page OCR'd on the server
      // (seconds), and only the fields still empty filled and marked.
      const photo = generateLetter(FIXTURES['scan-1p.jpg'].seeds[0]!);
      await page.fill('input[name=subject]', 'Diketik petugas');
      await drop(page, 'pindaian.jpg', await readFile(await ensureFixture('scan-1p.jpg')));
      await page.locator('.reg-preview img.preview-image').waitFor();
      await page.locator('[role=status]', { hasText: 'Membaca pindaian…' }).waitFor();
      await checkPage(page, `corrections-${vp}-04-reading-scan`);
      await page.locator('.alert', { hasText: 'Saran dari teks surat' }).waitFor({ timeout: 120_000 });
      expect(await page.inputValue('input[name=letterNumber]')).to.equal(photo.letterNumber);
      expect(await page.inputValue('input[name=letterDate]')).to.equal(photo.letterDate);
      expect(await page.inputValue('input[name=sender]')).to.equal(photo.sender);
      expect(await page.inputValue('input[name=subject]'), 'what the clerk typed stays').to.equal('Diketik petugas');
      expect(await page.locator('input.suggested').count()).to.equal(3);
      await checkPage(page, `corrections-${vp}-05-scan-suggested`);
    });
  }
});
