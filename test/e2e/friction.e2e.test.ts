/**
 * Issue 18, in headless Chromium at 1280 and 360 px with axe-core: forms offer only what the
 * server allows (a clerk's units, set by the admin as a filing scope); the inbox shows one card
 * per letter naming how each disposition reaches the reader, with Berjalan/Selesai, and blocks a
 * completion before anything is typed; every refusal is Indonesian, field rules are checked
 * before sending, a success message goes with new input, times carry WIB; the login page links
 * "Periksa surat"; the menu says Statistik and Pekerjaan latar.
 *
 *   npm run test:e2e
 */
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { buildWeb } from '../../scripts/build-web.ts';
import { letterPdf } from '../../scripts/fixtures/letter-pdf.ts';
import { generateLetter } from '../../scripts/fixtures/letter-text.ts';
import { api, form } from '../support/http.ts';
import { passwordOf } from '../support/passwords.ts';
import { person, type Person } from '../support/sign-office.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { browserSession, DESKTOP, PHONE } from './support/browser.ts';
import { adminOf, checkPage, heading, type Member, navTo, openAs } from './support/office.ts';

describe('the day without friction in Chromium (e2e)', function () {
  this.timeout(240_000);
  let app: TestApp;
  let clerk: Member;
  let ana: Member;
  let head: Person;
  let citra: Person;
  const ids: Record<string, string> = {};
  const browser = browserSession('friction');

  const member = async (username: string, name: string, role: string, unitCode: string): Promise<Member> => {
    const password = passwordOf(username, 'panjang-9');
    const r = await api(app, app.adminToken, 'POST', '/api/v1/users', { username, password, name, role, unitCode });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    return { id: String(r.body.id), username, password, name, totp: false };
  };
  const unitOptions = async (page: Page) => page.getByLabel('Dicatat untuk unit').locator('option').allTextContents();

  before(async () => {
    await buildWeb();
    app = await startTestApp();
    await api(app, app.adminToken, 'PATCH', '/api/v1/units/ORG', { name: 'Pemerintah Kabupaten Sleman' });
    for (const [code, name, parentCode] of [
      ['TU', 'Tata Usaha', 'ORG'],
      ['BKD', 'Badan Kepegawaian Daerah', 'ORG'],
      ['BKD-MUT', 'Bidang Mutasi', 'BKD'],
      ['DISDIK', 'Dinas Pendidikan', 'ORG'],
    ])
      expect((await api(app, app.adminToken, 'POST', '/api/v1/units', { code, name, parentCode })).status).to.equal(201);
    clerk = await member('agendaris.tu', 'Siti Agendaris', 'clerk', 'TU');
    ana = await member('ana.bkd', 'Ana Staf', 'staff', 'BKD');
    head = await person(app, 'kaban', 'official', 'ORG', 'Bambang Kepala');
    citra = await person(app, 'citra', 'staff', 'BKD-MUT', 'Citra Mutasi');

    // A letter the head sends to Ana and to her unit; Ana forwards her own copy to Citra.
    const clerkToken = await app.login(clerk.username, clerk.password);
    const l = generateLetter(418);
    const reg = await form(
      app,
      clerkToken,
      '/api/v1/letters/incoming',
      { letterNumber: l.letterNumber, letterDate: l.letterDate, sender: l.sender, subject: l.subject, urgency: 'biasa' },
      { name: 'surat.pdf', bytes: await letterPdf([l]) },
    );
    expect(reg.status, JSON.stringify(reg.body)).to.equal(201);
    ids.subject = l.subject;
    const sent = await api(app, head.token, 'POST', `/api/v1/letters/incoming/${reg.body.id}/dispositions`, {
      to: [{ userId: ana.id }, { unitCode: 'BKD' }],
      instruction: 'Tindak lanjuti',
    });
    expect(sent.status, JSON.stringify(sent.body)).to.equal(201);
    ids.personal = String(sent.body.items!.find((d) => (d.to as { user?: unknown }).user)!.id);
    const anaToken = await app.login(ana.username, ana.password);
    const fwd = await api(app, anaToken, 'POST', `/api/v1/letters/incoming/${reg.body.id}/dispositions`, {
      to: [{ userId: citra.id }],
      instruction: 'Siapkan jawaban',
      parentId: ids.personal,
    });
    expect(fwd.status, JSON.stringify(fwd.body)).to.equal(201);
    ids.child = String(fwd.body.items![0]!.id);
  });
  after(async () => {
    await app?.stop();
  });

  it('at 1280 px: the admin sets a clerk’s units, and the clerk’s form offers exactly those; refusals and field rules speak Indonesian', async () => {
    const clerkPage = await openAs(browser, app, clerk, DESKTOP);
    await clerkPage.goto(`${app.url}/incoming/new`);
    await heading(clerkPage, /surat masuk/i);
    expect((await unitOptions(clerkPage)).map((o) => o.trim())).to.deep.equal(['Unit saya', 'Tata Usaha (TU)']);

    const admin = await openAs(browser, app, adminOf(app), DESKTOP);
    await navTo(admin, 'Pengguna');
    await heading(admin, /Pengguna/);
    await admin.getByRole('button', { name: `Ubah: ${clerk.username}` }).click();
    await admin.getByLabel('Unit sendiri dan unit yang dipilih').check();
    await admin.getByRole('button', { name: 'Simpan' }).click();
    // No unit chosen: the server refuses, and the page says so in Indonesian only.
    const refusal = admin.locator('.alert-error');
    await refusal.locator('.problem-headline', { hasText: 'Ada isian yang belum benar.' }).waitFor();
    expect(await refusal.innerText())
      .to.include('Pilih paling sedikit 1.')
      .and.not.match(/at least|Keterangan dari server/);
    await admin.getByRole('checkbox', { name: 'Badan Kepegawaian Daerah (BKD)' }).check();
    await admin.getByRole('button', { name: 'Simpan' }).click();
    await admin.locator('.alert-ok', { hasText: 'Perubahan disimpan.' }).waitFor();
    await checkPage(admin, 'friction-users-1280');
    // The success message goes as soon as something new is typed.
    await admin.locator('.edit-panel input[type=password]').fill('x');
    expect(await admin.locator('.alert-ok').count()).to.equal(0);
    await admin.getByRole('button', { name: 'Simpan' }).click();
    await admin.getByText('Kata sandi paling sedikit 8 karakter.').waitFor();

    await clerkPage.reload();
    await heading(clerkPage, /surat masuk/i);
    const offered = (await unitOptions(clerkPage)).map((o) => o.trim());
    expect(offered).to.include.members(['Tata Usaha (TU)', 'Badan Kepegawaian Daerah (BKD)']);
    expect(offered.join(' ')).to.include('Bidang Mutasi (BKD-MUT)').and.not.include('DISDIK');

    await navTo(admin, 'Unit kerja');
    await admin.getByLabel('Kode').fill('BKD MUT');
    await admin.locator('input[name=name]').fill('Bidang dengan spasi');
    await admin.getByRole('button', { name: 'Tambah' }).click();
    await admin.getByText(/Kode unit diawali huruf atau angka/).waitFor();
    // The menu words people know.
    expect(await admin.locator('#main-nav').innerText())
      .to.include('Pekerjaan latar')
      .and.include('Statistik')
      .and.not.include('Proses latar');
  });

  it('at 1280 px: one card per letter reaching Ana twice, Berjalan/Selesai, and completion blocked up front', async () => {
    const page = await openAs(browser, app, ana, DESKTOP);
    await navTo(page, 'Disposisi');
    await heading(page, /Disposisi untuk saya/);
    const cards = page.locator('.inbox > li');
    await cards.first().waitFor();
    expect(await cards.count()).to.equal(1);
    const card = await cards.first().innerText();
    expect(card)
      .to.include('Surat ini sampai kepada Anda dua kali')
      .and.include('Untuk Anda pribadi')
      .and.include('Lewat unit Anda (Badan Kepegawaian Daerah)');
    expect(card).to.match(/\d{2}\.\d{2} WIB/);
    await checkPage(page, 'friction-inbox-1280');
    await page.getByRole('link', { name: 'Untuk Anda pribadi' }).click();
    await page.getByText(/belum dapat diselesaikan: disposisi yang Anda teruskan/).waitFor();
    expect(await page.locator('textarea[name=report]').count()).to.equal(0);
    await page.getByRole('link', { name: 'Diteruskan kepada Citra Mutasi' }).waitFor();
    await checkPage(page, 'friction-blocked-1280');

    await page.goto(`${app.url}/dispositions?state=done`);
    await page.getByText('Belum ada disposisi yang selesai.').waitFor();
    expect(await page.locator('nav.tabs [aria-current=page]').innerText()).to.equal('Selesai');
  });

  it('at 360 px: the inbox, the admin’s scope field and the login page’s "Periksa surat" fit a phone and pass axe', async () => {
    const page = await openAs(browser, app, ana, PHONE);
    await navTo(page, 'Disposisi');
    await page.getByText('Surat ini sampai kepada Anda dua kali').waitFor();
    await checkPage(page, 'friction-inbox-360');

    const admin = await openAs(browser, app, adminOf(app), PHONE);
    await navTo(admin, 'Pengguna');
    await admin.getByRole('button', { name: `Ubah: ${clerk.username}` }).click();
    await admin.getByRole('checkbox', { name: 'Badan Kepegawaian Daerah (BKD)' }).waitFor();
    await checkPage(admin, 'friction-users-360');

    const { page: guest } = await browser.open(PHONE);
    await guest.goto(`${app.url}/login`);
    await guest.getByRole('link', { name: /Periksa surat/ }).click();
    await heading(guest, /Periksa surat/);
    await checkPage(guest, 'friction-check-360');
  });
});
