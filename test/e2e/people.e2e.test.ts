/**
 * People and first login (issue 18) in headless Chromium: the admin adds a person with NIP and
 * jabatan (a NIP the browser refuses first) and a temporary password; that person's first login
 * asks for a password of their own; "Lupa kata sandi?" mails a link whose page sets a new one, or
 * says to ask the admin where the office sends no email; the admin's reset makes a password
 * temporary again. The admin requests an official's certificate, and the official makes it on
 * "Akun saya" with a PIN of their own, then changes the PIN; a drafter choosing that official as
 * signer gets the signer's jabatan in the signer block. axe-core at 1280 and 360 px; screenshots
 * (E2E_SCREENSHOTS=1) in .tmp/e2e-screenshots (people-*).
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
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { browserSession, DESKTOP, PHONE } from './support/browser.ts';
import { adminOf, changeTemporaryPassword, checkPage, heading, type Member, navTo, openAs } from './support/office.ts';

const HEAD = { username: 'kaban', name: 'Bambang Kepala', jabatan: 'Kepala Badan Kepegawaian Daerah', nip: '197803152005012003' };
const SARI = { username: 'sari', password: 'kebun-teh-hijau-1', name: 'Sari Wulandari', email: 'sari@bkd.example.go.id' };

/** The reset link's token from the last mail to `to` (quoted-printable undone). */
const resetToken = async (sink: SmtpSink, to: string): Promise<string> => {
  for (let i = 0; i < 100 && !sink.received.some((m) => m.to.includes(to)); i++) await new Promise((r) => setTimeout(r, 50));
  const raw = sink.received.filter((m) => m.to.includes(to)).at(-1)!.raw;
  const text = raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
  return /reset-password#token=([A-Za-z0-9_-]+)/.exec(text)![1]!;
};

describe('people and first login in Chromium (e2e)', function () {
  this.timeout(240_000);
  let app: TestApp;
  let sink: SmtpSink;
  let admin: Member;
  let head: Member;
  const browser = browserSession('people');

  before(async () => {
    await buildWeb();
    sink = await startSmtpSink();
    app = await startTestApp({ SMTP_URL: sink.url, MAIL_FROM: 'Naskah <naskah@bkd.example.go.id>' });
    admin = adminOf(app);
    const password = passwordOf(HEAD.username, 'panjang-9');
    const r = await api(app, app.adminToken, 'POST', '/api/v1/users', { ...HEAD, nip: '19780315 200501 2 003', password, role: 'official', unitCode: 'ORG' });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
    await app.login(HEAD.username, password); // enrols the second factor, as their phone would
    head = { id: String(r.body.id), username: HEAD.username, password, name: HEAD.name, totp: true };
    expect((await api(app, app.adminToken, 'POST', '/api/v1/signing/ca', {})).status).to.equal(201);
  });
  after(async () => {
    await app?.stop();
    await sink?.close();
  });

  const open = async (options: typeof DESKTOP | typeof PHONE): Promise<Page> => (await browser.open(options)).page;

  it('at 1280 px: the admin adds a person with NIP and jabatan, whose first login asks for their own password', async () => {
    const page = await openAs(browser, app, admin, DESKTOP);
    await navTo(page, 'Pengguna');
    await heading(page, /Pengguna/);
    await page.click('button[aria-controls=new-user]');
    const form = page.locator('#new-user form');
    await form.locator('input[name=username]').fill(SARI.username);
    await form.locator('input[name=name]').fill(SARI.name);
    await form.locator('input[name=password]').fill(SARI.password);
    await form.locator('input[name=email]').fill(SARI.email);
    await form.locator('input[name=jabatan]').fill('Analis Kepegawaian');
    // The browser holds a NIP that is not 18 digits before anything is sent.
    await form.locator('input[name=nip]').fill('1990 0101');
    await form.locator('button[type=submit]').click();
    expect(await form.locator('input[name=nip]').evaluate((e) => (e as HTMLInputElement).validity.patternMismatch)).to.equal(true);
    await form.getByText('Kata sandi sementara: pengguna wajib menggantinya saat pertama kali masuk.').waitFor();
    await checkPage(page, 'people-users-form-1280');
    await form.locator('input[name=nip]').fill('19900101 201501 2 001');
    await form.locator('button[type=submit]').click();
    await page.locator('table', { hasText: SARI.name }).waitFor();
    const sari = (await api(app, app.adminToken, 'GET', '/api/v1/users?q=sari')).body.items as Record<string, unknown>[];
    expect(sari[0]).to.include({ nip: '199001012015012001', jabatan: 'Analis Kepegawaian', mustChangePassword: true });

    const own = await open(DESKTOP);
    await own.goto(`${app.url}/login`);
    await own.fill('input[name=username]', SARI.username);
    await own.fill('input[name=password]', SARI.password);
    await own.click('button[type=submit]');
    await heading(own, /Ganti kata sandi/);
    await own.fill('input[name=newPassword]', 'pohon-kelapa-tinggi-2');
    await own.fill('input[name=newPasswordAgain]', 'pohon-kelapa-tinggi-3');
    await own.getByText('Kedua kata sandi tidak sama.').waitFor();
    await checkPage(own, 'people-first-login-1280');
    await own.fill('input[name=newPasswordAgain]', 'pohon-kelapa-tinggi-2');
    await own.click('button[type=submit]');
    await own.locator('.alert', { hasText: 'Kata sandi diganti' }).waitFor();
    SARI.password = 'pohon-kelapa-tinggi-2';
    await own.fill('input[name=password]', SARI.password);
    await own.click('button[type=submit]');
    await own.waitForSelector('.topbar');
    await navTo(own, 'Akun saya');
    await heading(own, /Akun saya/);
    await own.getByText('199001012015012001').waitFor();
    await own.getByText('Analis Kepegawaian').waitFor();
    await checkPage(own, 'people-account-1280');

    // Choosing the signer fills the signer block with the signer's jabatan; the picker names it too.
    await own.goto(`${app.url}/outgoing/new`);
    const signer = own.locator('select[name=signerId]');
    await signer.locator('option', { hasText: `${HEAD.name} — ${HEAD.jabatan}` }).waitFor({ state: 'attached' });
    await signer.selectOption(head.id);
    expect(await own.locator('input[name=signerTitle]').inputValue()).to.equal(HEAD.jabatan);
  });

  it('at 1280 px: a forgotten password by an emailed link, or the word to ask the admin, and the admin’s reset', async () => {
    const page = await open(DESKTOP);
    await page.goto(`${app.url}/login`);
    await page.getByRole('button', { name: 'Lupa kata sandi?' }).click();
    await heading(page, /Lupa kata sandi/);
    await page.fill('input[name=username]', SARI.username);
    await checkPage(page, 'people-forgot-1280');
    await page.getByRole('button', { name: 'Kirim tautan' }).click();
    await page.getByText('Jika akun itu ada dan punya alamat email, tautan sudah dikirim.', { exact: false }).waitFor();
    await page.goto(`${app.url}/reset-password#token=${await resetToken(sink, SARI.email)}`);
    await heading(page, /Pilih kata sandi baru/);
    await page.fill('input[name=newPassword]', 'sungai-jernih-mengalir-4');
    await page.fill('input[name=newPasswordAgain]', 'sungai-jernih-mengalir-4');
    await checkPage(page, 'people-reset-1280');
    await page.click('main button[type=submit]');
    await page.getByText('Kata sandi baru disimpan.', { exact: false }).waitFor();
    SARI.password = 'sungai-jernih-mengalir-4';
    expect((await api(app, null, 'POST', '/api/v1/auth/login', { username: SARI.username, password: SARI.password })).status).to.equal(200);

    // Where the office sends no email, the page says to ask the admin.
    const noMail = await open(DESKTOP);
    await noMail.route('**/api/v1/auth/password-reset', (r) => r.fulfill({ status: 200, contentType: 'application/json', body: '{"email":false}' }));
    await noMail.goto(`${app.url}/login`);
    await noMail.getByRole('button', { name: 'Lupa kata sandi?' }).click();
    await noMail.getByText('Kantor ini tidak mengirim email.', { exact: false }).waitFor();
    expect(await noMail.locator('input[name=username]').count()).to.equal(0);

    // The admin's reset sets a temporary password again.
    const adminPage = await openAs(browser, app, admin, DESKTOP);
    await navTo(adminPage, 'Pengguna');
    await adminPage.click(`button[aria-label="Ubah: ${SARI.username}"]`);
    await adminPage.locator('.edit-panel input[type=password]').fill('kebun-teh-hijau-5');
    await adminPage.locator('.edit-panel button[type=submit]').click();
    await adminPage.locator('.alert-ok', { hasText: 'Perubahan disimpan' }).waitFor();
    SARI.password = 'kebun-teh-hijau-5';
    await changeTemporaryPassword(app, await open(DESKTOP), SARI, 'gunung-merapi-biru-6');
  });

  it('at 1280 px: the admin requests a certificate and the official makes it with their own PIN, then changes it', async () => {
    const adminPage = await openAs(browser, app, admin, DESKTOP);
    await navTo(adminPage, 'Sertifikat TTE');
    await adminPage.getByRole('button', { name: `Minta sertifikat: ${HEAD.name}`, exact: true }).click();
    await adminPage.getByText(`Permintaan dikirim: ${HEAD.name}`, { exact: false }).waitFor();
    await adminPage.getByText('Menunggu pejabat memilih PIN', { exact: false }).waitFor();
    await checkPage(adminPage, 'people-cert-request-1280');

    // The official's home says what waits for them, and leads to the page where they choose the PIN.
    const page = await openAs(browser, app, head, DESKTOP);
    const nudge = page.locator('.alert', { hasText: 'Admin meminta sertifikat tanda tangan untuk Anda' });
    await nudge.getByRole('link', { name: 'Akun saya' }).click();
    await heading(page, /Akun saya/);
    await page.fill('input[name=pin]', '123456');
    await page.fill('input[name=pinAgain]', '123456');
    await page.getByRole('button', { name: 'Buat sertifikat' }).click();
    await page.locator('.alert-error .problem-headline', { hasText: 'PIN ini tidak dapat dipakai' }).waitFor();
    await checkPage(page, 'people-choose-pin-1280');
    await page.fill('input[name=pin]', 'sawah-luas-48');
    await page.fill('input[name=pinAgain]', 'sawah-luas-48');
    await page.getByRole('button', { name: 'Buat sertifikat' }).click();
    await page.getByText('Sertifikat dibuat: nomor seri', { exact: false }).waitFor();
    await page.getByText(HEAD.jabatan).first().waitFor();

    await page.fill('input[name=currentPin]', 'bukan-pin-ini');
    await page.fill('input[name=newPin]', 'padi-kuning-72');
    await page.fill('input[name=newPinAgain]', 'padi-kuning-72');
    await page.getByRole('button', { name: 'Ganti PIN' }).click();
    await page.locator('.alert-error .problem-headline', { hasText: 'PIN salah.' }).waitFor();
    await page.fill('input[name=currentPin]', 'sawah-luas-48');
    await page.getByRole('button', { name: 'Ganti PIN' }).click();
    await page.getByText('PIN diganti.', { exact: false }).waitFor();
    await checkPage(page, 'people-change-pin-1280');
    const cert = (await api(app, app.adminToken, 'GET', `/api/v1/users/${head.id}/certificate`)).body;
    expect(cert).to.include({ status: 'active', title: HEAD.jabatan, nip: HEAD.nip });

    // Disposing a letter, the official is offered the people of the office but not its admin.
    const clerk = await api(app, app.adminToken, 'POST', '/api/v1/users', {
      username: 'agendaris',
      password: passwordOf('agendaris'),
      name: 'Agendaris',
      role: 'clerk',
      unitCode: 'ORG',
    });
    expect(clerk.status).to.equal(201);
    const l = generateLetter(7);
    const letter = await form(
      app,
      await app.login('agendaris', passwordOf('agendaris')),
      '/api/v1/letters/incoming',
      { letterNumber: l.letterNumber, letterDate: l.letterDate, sender: l.sender, subject: l.subject, urgency: 'biasa', securityLevel: 'biasa' },
      { name: 'surat.pdf', bytes: await letterPdf([l]) },
    );
    expect(letter.status, JSON.stringify(letter.body)).to.equal(201);
    await page.goto(`${app.url}/incoming/${String(letter.body.id)}`);
    const picks = page.locator('.dispose-form .people-picks');
    await picks.getByText(SARI.name).waitFor();
    expect(await picks.getByText('Administrator').count()).to.equal(0);
    await picks.getByText('Analis Kepegawaian').waitFor();
  });

  it('at 360 px: the login with its forgotten-password step, the first login, the account and the user form fit a phone and pass axe', async () => {
    const login = await open(PHONE);
    await login.goto(`${app.url}/login`);
    await login.getByRole('button', { name: 'Lupa kata sandi?' }).click();
    await heading(login, /Lupa kata sandi/);
    await checkPage(login, 'people-forgot-360');

    const temp = { username: 'tono', password: 'kebun-kopi-arabika-1' };
    expect(
      (await api(app, app.adminToken, 'POST', '/api/v1/users', { ...temp, name: 'Tono', role: 'staff', unitCode: 'ORG', mustChangePassword: true })).status,
    ).to.equal(201);
    const first = await open(PHONE);
    await first.goto(`${app.url}/login`);
    await first.fill('input[name=username]', temp.username);
    await first.fill('input[name=password]', temp.password);
    await first.click('button[type=submit]');
    await heading(first, /Ganti kata sandi/);
    await checkPage(first, 'people-first-login-360');

    const reset = await open(PHONE);
    await reset.goto(`${app.url}/reset-password#token=${'x'.repeat(43)}`);
    await heading(reset, /Pilih kata sandi baru/);
    await checkPage(reset, 'people-reset-360');

    const official = await openAs(browser, app, head, PHONE);
    await navTo(official, 'Akun saya');
    await official.locator('input[name=currentPin]').waitFor();
    await checkPage(official, 'people-account-360');

    const adminPage = await openAs(browser, app, admin, PHONE);
    await navTo(adminPage, 'Pengguna');
    await adminPage.click('button[aria-controls=new-user]');
    await adminPage.locator('#new-user input[name=nip]').waitFor();
    await checkPage(adminPage, 'people-users-form-360');
    await navTo(adminPage, 'Sertifikat TTE');
    await adminPage.locator('li.cert-card', { hasText: HEAD.name }).locator('.badge').first().waitFor();
    await checkPage(adminPage, 'people-certificates-360');
  });
});
