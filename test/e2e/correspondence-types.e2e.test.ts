/**
 * Issue 13's correspondence in headless Chromium: a staff member drafts a nota dinas from her
 * unit to another from the type picker; once the head signs it, it lands in the recipient unit's
 * register, where its clerk opens it, sees where it came from and starts a reply (the thread both
 * ways). At 360 px: a letter with two addressees (a unit and a body from the contact book found
 * as one types) and a copy typed in, previewed before it is submitted, whose draft prints them (Yth. … and Tembusan). axe-core and
 * no sideways scroll on every page; screenshots (E2E_SCREENSHOTS=1) as correspondence-*.
 *
 *   npx mocha test/e2e/correspondence-types.e2e.test.ts
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { buildWeb } from '../../scripts/build-web.ts';
import { api } from '../support/http.ts';
import { pdfText } from '../support/nss.ts';
import { passwordOf } from '../support/passwords.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { browserSession, DESKTOP, PHONE } from './support/browser.ts';
import { checkPage, choosePerson, fetchBytes, heading, type Member, navTo, type Office, openAs, setUpOffice } from './support/office.ts';

describe('naskah types, addressees, copies and internal delivery in Chromium (e2e)', function () {
  this.timeout(300_000);
  let app: TestApp;
  let office: Office;
  const clerkSetda: Member = { id: '', username: 'tusetda', password: passwordOf('tusetda', 'panjang-9'), name: 'Tari Setda', totp: false };
  const browser = browserSession('correspondence');
  const as = (who: Member, options: typeof DESKTOP | typeof PHONE): Promise<Page> => openAs(browser, app, who, options);

  before(async () => {
    await buildWeb();
    app = await startTestApp();
    office = await setUpOffice(app);
    expect((await api(app, app.adminToken, 'POST', '/api/v1/units', { code: 'SETDA', name: 'Sekretariat Daerah', parentCode: 'ORG' })).status).to.equal(201);
    const r = await api(app, app.adminToken, 'POST', '/api/v1/users', { ...clerkSetda, role: 'clerk', unitCode: 'SETDA' });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    clerkSetda.id = String(r.body.id);
    expect(
      (await api(app, app.adminToken, 'POST', '/api/v1/contacts', { name: 'Dinas Pendidikan Kabupaten Sleman', address: 'Jl. Parasamya 1, Sleman' })).status,
    ).to.equal(201);
  });
  after(async () => {
    await app?.stop();
  });

  /** Opens the new-draft form and fills what every letter has. */
  const startDraft = async (page: Page, type: string, subject: string) => {
    await navTo(page, 'Surat keluar');
    await heading(page, /Surat keluar/);
    await page.click('a:has-text("Buat konsep surat")');
    await heading(page, /Buat konsep surat/);
    await page.selectOption('select[name=type]', type);
    await page.fill('input[name=subject]', subject);
    await page.fill('input[name=classificationCode]', '800');
    await choosePerson(page, '[name=signerId]', office.head);
  };
  const addUnit = async (page: Page, field: 'addressees' | 'copies', code: string) => {
    await page.locator(`fieldset[data-field=${field}] .add-party select`).selectOption(code);
    await page.locator(`fieldset[data-field=${field}] button`, { hasText: 'Tambahkan unit' }).click();
  };
  const letterIdOf = (page: Page) => new URL(page.url()).pathname.split('/').pop()!;

  it('at 1280 px: a nota dinas from BKD to the Sekretariat Daerah lands in its register once signed; its clerk sees where it came from and starts a reply', async () => {
    const staff = await as(office.staff, DESKTOP);
    const subject = 'Nota dinas penyampaian data formasi';
    await startDraft(staff, 'nota-dinas', subject);
    await addUnit(staff, 'addressees', 'SETDA');
    await staff.locator('fieldset[data-field=addressees] .party-list li', { hasText: 'Sekretariat Daerah' }).waitFor();
    await staff.fill('textarea[name=body]', 'Dengan hormat, bersama ini kami sampaikan data formasi pegawai tahun ini.');
    await checkPage(staff, 'correspondence-01-nota-new-1280');
    await staff.click('form button[type=submit]');
    await staff.waitForURL(/\/outgoing\/[0-9a-f-]{36}$/, { timeout: 45_000 }); // rendering and archiving the draft: slow on a loaded machine
    const id = letterIdOf(staff);
    await staff.locator('.thread', { hasText: 'Nota Dinas' }).waitFor();
    await staff.locator('.thread .party-list li', { hasText: 'Sekretariat Daerah (SETDA)' }).waitFor();

    // The head signs (the signing page is the day walk's); the letter is delivered in that commit.
    const headToken = await app.login(office.head.username, office.head.password);
    const signed = await api(app, headToken, 'POST', `/api/v1/letters/outgoing/${id}/sign`, { pin: office.pin, totp: app.nextTotp(office.head.username) });
    expect(signed.status, JSON.stringify(signed.body)).to.equal(200);
    await staff.reload();
    await staff.locator('.delivery-list li', { hasText: 'Sekretariat Daerah' }).waitFor();
    await checkPage(staff, 'correspondence-02-nota-delivered-1280');

    const clerk = await as(clerkSetda, DESKTOP);
    await navTo(clerk, 'Surat masuk');
    await heading(clerk, /Surat masuk/);
    await clerk.locator('a', { hasText: subject }).first().click();
    await clerk.waitForURL(/\/incoming\/[0-9a-f-]{36}$/);
    await clerk.locator('.thread a', { hasText: 'Surat keluar asal' }).waitFor();
    expect(await clerk.locator('.doc-meta').innerText())
      .to.include(String(signed.body.letterNumber))
      .and.include('Badan Kepegawaian Daerah');
    await checkPage(clerk, 'correspondence-03-register-1280');
    await clerk.click('a:has-text("Buat balasan")');
    await heading(clerk, /Buat konsep surat/);
    await clerk.locator('.alert', { hasText: 'Draf ini membalas' }).waitFor();
    await checkPage(clerk, 'correspondence-04-reply-1280');
  });

  it('at 360 px: a letter to two addressees (a unit, a contact found as one types) with a copy typed in prints them all', async () => {
    const staff = await as(office.staff, PHONE);
    await startDraft(staff, 'surat-dinas', 'Undangan sosialisasi aplikasi kepegawaian');
    await addUnit(staff, 'addressees', 'SETDA');
    await staff.fill('fieldset[data-field=addressees] input[type=search]', 'dinas pend');
    await staff.click('fieldset[data-field=addressees] .contact-suggestions button:has-text("Dinas Pendidikan Kabupaten Sleman")');
    await staff.fill('fieldset[data-field=copies] input[type=search]', 'Inspektorat Daerah');
    await staff.click('fieldset[data-field=copies] button:has-text("Tambahkan nama ini")');
    expect(await staff.locator('fieldset[data-field=addressees] .party-list li').count()).to.equal(2);
    await staff.fill('textarea[name=body]', 'Dengan hormat, kami mengundang Saudara mengikuti sosialisasi aplikasi kepegawaian.');
    // Previewed before it is submitted, by the same engine.
    await staff.click('button:has-text("Pratinjau surat")');
    await staff.locator('form iframe.preview-pdf').waitFor();
    await checkPage(staff, 'correspondence-05-two-addressees-360');
    await staff.click('form button[type=submit]');
    await staff.waitForURL(/\/outgoing\/[0-9a-f-]{36}$/, { timeout: 45_000 }); // rendering and archiving the draft: slow on a loaded machine
    await staff.locator('.thread .party-list li', { hasText: 'Dinas Pendidikan Kabupaten Sleman' }).waitFor();
    await staff.locator('.thread', { hasText: 'Inspektorat Daerah' }).waitFor();
    await checkPage(staff, 'correspondence-06-letter-360');
    const text = (await pdfText(await fetchBytes(staff, `/api/v1/letters/outgoing/${letterIdOf(staff)}/document`))).replace(/[ \t]+/g, ' ');
    expect(text)
      .to.include('1. Kepala Sekretariat Daerah')
      .and.include('2. Dinas Pendidikan Kabupaten Sleman')
      .and.match(/Tembusan:\s*\n?\s*1\. Inspektorat Daerah/);
  });
});
