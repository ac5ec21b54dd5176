/**
 * The register on paper in headless Chromium (issue 18): from the incoming list to the Buku
 * Agenda table of this month, printed (print media: the table alone under the office, unit and
 * period), downloaded as CSV and PDF; a letter's disposition sheet downloaded from its page; search
 * results that name their letter (one result for a signed letter and its draft), sorted by date,
 * and a saved search run and deleted.
 * axe-core at 1280 and 360 px; screenshots (E2E_SCREENSHOTS=1) in .tmp/e2e-screenshots (paper-*).
 *
 *   npx mocha test/e2e/paper-and-search.e2e.test.ts
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { buildWeb } from '../../scripts/build-web.ts';
import { letterPdf } from '../../scripts/fixtures/letter-pdf.ts';
import { generateLetter } from '../../scripts/fixtures/letter-text.ts';
import { api, form } from '../support/http.ts';
import { typedDraft } from '../support/typed-letters.ts';
import { pdfText } from '../support/nss.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { browserSession, DESKTOP, PHONE } from './support/browser.ts';
import { checkPage, heading, navTo, type Office, openAs, setUpOffice } from './support/office.ts';

describe('the register on paper, the disposition sheet and search results in Chromium (e2e)', function () {
  this.timeout(180_000);
  let app: TestApp;
  let office: Office;
  const letters: { id: string; number: string; subject: string }[] = [];
  const browser = browserSession('paper');

  /** A download the page starts by clicking `name`: its suggested name and bytes. */
  const download = async (page: Page, name: string) => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
    const file = path.join(app.dataDir, d.suggestedFilename());
    await d.saveAs(file);
    return { name: d.suggestedFilename(), bytes: await readFile(file) };
  };

  before(async () => {
    await buildWeb();
    app = await startTestApp();
    office = await setUpOffice(app);
    const clerk = await app.login(office.clerk.username, office.clerk.password);
    for (const seed of [931, 932]) {
      const l = generateLetter(seed);
      const number = `800/${seed}/BKD/2025`;
      const fields = { letterNumber: number, letterDate: l.letterDate, sender: 'Kantor Regional Yogyakarta', subject: l.subject, urgency: 'penting' };
      const r = await form(app, clerk, '/api/v1/letters/incoming', fields, { name: `surat-${seed}.pdf`, bytes: await letterPdf([l]) });
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
      letters.push({ id: String(r.body.id), number, subject: l.subject });
    }
    const head = await app.login(office.head.username, office.head.password);
    const d = await api(app, head, 'POST', `/api/v1/letters/incoming/${letters[0]!.id}/dispositions`, {
      to: [{ unitCode: 'BKD' }],
      instruction: 'Siapkan bahan rapat',
    });
    expect(d.status, JSON.stringify(d.body)).to.equal(201);
    // An outgoing letter signed after its draft: two documents that search shows as one result.
    const rina = { id: office.staff.id, username: office.staff.username, token: await app.login(office.staff.username, office.staff.password) };
    const signer = { id: office.head.id, username: office.head.username, token: head };
    const body = 'Dengan hormat, kami sampaikan jadwal pemutakhiran data kepegawaian Wonokromo.';
    const draft = await typedDraft(app, rina, signer, { addressees: [{ unitCode: 'BKD-MUT' }], template: { body, place: 'Sleman' } });
    expect(draft.status, JSON.stringify(draft.body)).to.equal(201);
    const sig = await api(app, head, 'POST', `/api/v1/letters/outgoing/${draft.body.id}/sign`, { pin: office.pin, totp: app.nextTotp(office.head.username) });
    expect(sig.status, JSON.stringify(sig.body)).to.equal(200);
  });
  after(async () => {
    await app?.stop();
  });

  it('at 1280 px: the register of this month as a table, printed clean, downloaded as CSV and PDF; the sheet from the letter page', async () => {
    const page = await openAs(browser, app, office.head, DESKTOP);
    await navTo(page, 'Surat masuk');
    await page.getByRole('link', { name: /Buku agenda/ }).click();
    await heading(page, /Buku agenda surat masuk/);
    const table = page.getByRole('region', { name: 'Tabel buku agenda' });
    for (const l of letters) await table.locator('tr', { hasText: l.number }).waitFor();
    expect(await table.locator('tr', { hasText: letters[0]!.number }).innerText()).to.match(/Didisposisikan; Badan Kepegawaian Daerah \(Berjalan\)/);
    await page.getByText('Pemerintah Kabupaten Sleman').first().waitFor();
    await checkPage(page, 'paper-register-1280');

    // What the browser's print gives: no navigation, form or buttons; the heading and the whole table.
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['.topbar', '#main-nav', 'form.filters', '.register-actions']) expect(await page.locator(hidden).isVisible(), hidden).to.equal(false);
    expect(await page.locator('.register-heading').isVisible()).to.equal(true);
    await page.getByText(/^Dicetak /).waitFor();
    const scroller = await page.locator('.register-sheet .table-wrap').evaluate((e) => getComputedStyle(e).overflowX);
    expect(scroller).to.equal('visible');
    await page.emulateMedia({ media: 'screen' });

    const csv = await download(page, 'Unduh CSV');
    expect(csv.name).to.match(/^buku-agenda-\d{4}-\d{2}-01-\d{4}-\d{2}-\d{2}\.csv$/);
    expect([...csv.bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    for (const l of letters) expect(csv.bytes.toString('utf8')).to.include(l.number);
    const pdf = await download(page, 'Unduh PDF');
    const text = await pdfText(pdf.bytes);
    for (const s of ['BUKU AGENDA SURAT MASUK', 'Pemerintah Kabupaten Sleman', letters[1]!.number, 'Halaman 1 dari 1']) expect(text).to.include(s);

    await table
      .locator('tr', { hasText: letters[0]!.number })
      .getByRole('link', { name: /^ORG 1\// })
      .click();
    await heading(page, new RegExp(letters[0]!.subject.slice(0, 20)));
    const sheet = await download(page, 'Unduh lembar disposisi (PDF)');
    expect(sheet.name).to.match(/^lembar-disposisi-/);
    const sheetText = await pdfText(sheet.bytes);
    for (const s of ['LEMBAR DISPOSISI', letters[0]!.number, 'Kepegawaian', 'Siapkan bahan rapat', 'Berjalan']) expect(sheetText).to.include(s);
    await checkPage(page, 'paper-letter-1280');
  });

  it('at 1280 px: search results say what they found, sort by date, one result per letter; a search is saved, run and deleted', async () => {
    const page = await openAs(browser, app, office.head, DESKTOP);
    await page.goto(`${app.url}/search?q=${encodeURIComponent(letters[0]!.number)}`);
    const hit = page.locator('.doc-hit').first();
    await hit.locator('.hit-meta', { hasText: letters[0]!.number }).waitFor();
    expect(await hit.locator('.hit-meta').innerText()).to.match(/^Agenda 1\/\d{4} · 800\/931\/BKD\/2025 · Kantor Regional Yogyakarta · .+/);
    await hit.getByRole('link', { name: 'Disposisinya' }).waitFor();

    // The signed letter and its draft: one result, its link to the letter, the draft folded in.
    await page.goto(`${app.url}/search?q=Wonokromo`);
    const letter = page.locator('.doc-hit', { hasText: 'Buka surat keluar (sudah ditandatangani)' });
    await letter.getByText('termasuk 1 versi lain dari surat ini').waitFor({ timeout: 30_000 });
    expect(await page.locator('.doc-hit').count()).to.equal(1);

    await page.getByLabel('Urutkan').selectOption('date');
    await page.waitForURL(/sort=date/);
    await page.getByLabel('Nama pencarian ini').fill('Pemutakhiran Wonokromo');
    await page.getByRole('button', { name: 'Simpan pencarian' }).click();
    await page.getByText('Pencarian "Pemutakhiran Wonokromo" disimpan.').waitFor();
    await checkPage(page, 'paper-search-1280');
    await page.goto(`${app.url}/search`);
    await page.getByRole('link', { name: 'Jalankan pencarian "Pemutakhiran Wonokromo"' }).click();
    await page.waitForURL(/q=Wonokromo.*sort=date|sort=date.*q=Wonokromo/);
    await letter.waitFor();
    await page.getByRole('button', { name: 'Hapus pencarian "Pemutakhiran Wonokromo"' }).click();
    await page.getByText('Belum ada pencarian tersimpan.').waitFor();
  });

  it('at 360 px: the register and the sheet link fit a phone and pass axe', async () => {
    const page = await openAs(browser, app, office.head, PHONE);
    await page.goto(`${app.url}/incoming/register`);
    await heading(page, /Buku agenda surat masuk/);
    await page.getByRole('region', { name: 'Tabel buku agenda' }).locator('tr', { hasText: letters[0]!.number }).waitFor();
    await checkPage(page, 'paper-register-360');
    await page.goto(`${app.url}/incoming/${letters[0]!.id}`);
    await page.getByRole('link', { name: 'Unduh lembar disposisi (PDF)' }).waitFor();
    await checkPage(page, 'paper-letter-360');
    await page.goto(`${app.url}/search?q=Wonokromo&sort=date`);
    await page.getByText('termasuk 1 versi lain dari surat ini').waitFor();
    await checkPage(page, 'paper-search-360');
  });
});
