/**
 * The signing certificates page in headless Chromium: the admin creates the office CA, requests
 * a certificate for one official (who makes it with a PIN of their own), trusts a provider's root by pasting its PEM and imports a .p12 for another, revokes
 * that one and reads its history; the request reads in English on the toggle. axe-core at
 * 1280 and 360 px; screenshots (E2E_SCREENSHOTS=1) in .tmp/e2e-screenshots (certificates-*).
 *
 *   npm run test:e2e
 */
import { expect } from 'chai';
import type { Locator, Page } from 'playwright-core';
import { buildWeb } from '../../scripts/build-web.ts';
import { api } from '../support/http.ts';
import { pkcs12Of } from '../support/sign-office.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { browserSession, DESKTOP, expectAccessible, PHONE, screenshot } from './support/browser.ts';
import { adminOf, checkPage, heading, type Member, navTo, openAs } from './support/office.ts';
import { passwordOf } from '../support/passwords.ts';

const HOUR = 3600_000;
const HEAD = { username: 'kaban', name: 'Bambang Kepala', jabatan: 'Kepala Badan' };
const DIVISION = { username: 'kabid', name: 'Dewi Kabid' };
const PROVIDER_ROOT = 'BSrE Uji Root CA';

describe('signing certificates page in Chromium (e2e)', function () {
  this.timeout(180_000);
  let app: TestApp;
  let admin: Member;
  const ids: Record<string, string> = {};
  const browser = browserSession('certificates');

  before(async () => {
    await buildWeb();
    app = await startTestApp();
    for (const o of [HEAD, DIVISION]) {
      const r = await api(app, app.adminToken, 'POST', '/api/v1/users', {
        ...o,
        password: passwordOf(o.username, 'panjang-9'),
        role: 'official',
        unitCode: 'ORG',
      });
      expect(r.status, JSON.stringify(r.body)).to.equal(201);
      ids[o.username] = String(r.body.id);
    }
    admin = adminOf(app);
  });

  after(async () => {
    await app?.stop();
  });

  const asAdmin = (options: typeof DESKTOP | typeof PHONE): Promise<Page> => openAs(browser, app, admin, options);
  const card = (page: Page, who: { name: string }): Locator => page.locator('li.cert-card', { hasText: who.name });
  const act = (page: Page, action: string, who: { name: string }) => page.getByRole('button', { name: `${action}: ${who.name}`, exact: true }).click();
  const fillPins = async (form: Locator, pin: string, again = pin) => {
    await form.locator('input[name=pin]').fill(pin);
    await form.locator('input[name=pinAgain]').fill(again);
  };

  it('at 1280 px: creates the CA, requests a certificate the official makes, imports a .p12, revokes, shows the history', async () => {
    const page = await asAdmin(DESKTOP);
    await navTo(page, 'Sertifikat TTE');
    await heading(page, /Sertifikat tanda tangan elektronik/);

    // The office CA: created here when there is none yet.
    const ca = page.locator('section[aria-labelledby=ca-title]');
    await ca.locator('dl, button').first().waitFor();
    const create = ca.getByRole('button', { name: 'Buat CA kantor' });
    if (await create.count()) {
      await create.click();
      await ca.locator('.alert-ok', { hasText: 'CA kantor dibuat' }).waitFor();
    }
    const caHash = ca.locator('code.hash');
    await caHash.waitFor();
    expect(await caHash.textContent()).to.equal((await api(app, app.adminToken, 'GET', '/api/v1/signing/ca')).body.sha256);
    await page.locator('.anchor-list li', { hasText: 'akar CA kantor' }).waitFor();

    // The office CA's certificate: the admin requests it, the official makes it with a PIN of their own (issue 18).
    const head = card(page, HEAD);
    await head.getByText('Belum memiliki sertifikat.').waitFor();
    await act(page, 'Minta sertifikat', HEAD);
    await head.locator('.alert', { hasText: 'Menunggu pejabat memilih PIN' }).waitFor();
    await expectAccessible(page, 'certificates requested');
    await screenshot(page, 'certificates-desktop-requested');
    const official = await app.login(HEAD.username, passwordOf(HEAD.username, 'panjang-9'));
    expect((await api(app, official, 'POST', '/api/v1/auth/certificate', { pin: '482913' })).status).to.equal(201);
    await page.reload();
    const current = await api(app, app.adminToken, 'GET', `/api/v1/users/${ids.kaban}/certificate`);
    expect(current.status).to.equal(200);
    expect(await head.locator('.cert-facts code.serial').textContent()).to.equal(current.body.serial);
    await head.locator('.badge', { hasText: 'Berlaku' }).waitFor();
    await head.getByText('Kepala Badan', { exact: true }).waitFor();

    // A provider's root, pasted as PEM, then its PKCS#12 imported for the head of division.
    const { ca: authority } = app.naskah.deps.signing;
    const now = app.clock.now().getTime();
    const root = await authority.createRoot({
      subject: { name: PROVIDER_ROOT, organization: 'Balai Sertifikasi Elektronik (uji)' },
      notBefore: new Date(now - HOUR),
      notAfter: new Date(now + 2 * 365 * 24 * HOUR),
    });
    const issued = await authority.issue(root, {
      subject: { name: DIVISION.name, title: 'Kepala Bidang', nip: null, organization: 'Pemerintah' },
      notBefore: new Date(now - HOUR),
      notAfter: new Date(now + 365 * 24 * HOUR),
    });
    await page.locator('textarea[name=pem]').fill(authority.toPem(root.certificate));
    await page.getByRole('button', { name: 'Tambahkan', exact: true }).click();
    await page.locator('.alert-ok', { hasText: '1 sertifikat akar ditambahkan.' }).waitFor();
    await page.locator('.anchor-list li', { hasText: PROVIDER_ROOT }).waitFor();

    const division = card(page, DIVISION);
    await act(page, 'Impor .p12', DIVISION);
    const imp = division.locator('.cert-panel form');
    await imp
      .locator('input[name=p12]')
      .setInputFiles({ name: 'dewi.p12', mimeType: 'application/x-pkcs12', buffer: Buffer.from(await pkcs12Of(issued, 'sandi-p12-bsre')) });
    await imp.locator('input[name=passphrase]').fill('sandi-p12-bsre');
    await fillPins(imp, 'padi-kuning-7');
    await imp.locator('button[type=submit]').click();
    await division.locator('.alert-ok', { hasText: 'Sertifikat diimpor untuk Dewi Kabid' }).waitFor();
    expect(await division.locator('.cert-facts').textContent())
      .to.include('Penyelenggara (diimpor)')
      .and.include(PROVIDER_ROOT);

    // Revoking it, with a reason; the history keeps it.
    await act(page, 'Cabut', DIVISION);
    await division.locator('.cert-panel input[name=reason]').fill('pindah jabatan');
    await division.getByRole('button', { name: 'Cabut sertifikat' }).click();
    await division.locator('.alert-ok', { hasText: 'Sertifikat Dewi Kabid dicabut.' }).waitFor();
    await division.locator('.cert-facts .badge', { hasText: 'Dicabut' }).waitFor();
    await division.getByText('Alasan: pindah jabatan').waitFor();
    expect((await api(app, app.adminToken, 'GET', `/api/v1/users/${ids.kabid}/certificate`)).status).to.equal(404);
    await act(page, 'Riwayat', DIVISION);
    const rows = division.locator('.cert-panel table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).to.equal(1);
    expect(await rows.first().textContent()).to.include('Dicabut');
    await expectAccessible(page, 'certificates');
    await screenshot(page, 'certificates-desktop');

    // Removing the provider's root asks first.
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: `Hapus: ${PROVIDER_ROOT}` }).click();
    await page.locator('.alert-ok', { hasText: 'Sertifikat akar dihapus.' }).waitFor();
    await page.locator('.anchor-list li', { hasText: PROVIDER_ROOT }).waitFor({ state: 'detached' });

    // The request reads in English on the toggle.
    await page.click('text=English');
    await heading(page, /Electronic signing certificates/);
    await page.getByRole('button', { name: `Request a certificate: ${HEAD.name}`, exact: true }).waitFor();
    await page.click('text=Bahasa Indonesia');
    await heading(page, /Sertifikat tanda tangan elektronik/);
  });

  it('at 360 px: the page, an open history and an open form fit the phone and pass axe', async () => {
    const page = await asAdmin(PHONE);
    await navTo(page, 'Sertifikat TTE');
    await heading(page, /Sertifikat tanda tangan elektronik/);
    await card(page, HEAD).locator('.badge', { hasText: 'Berlaku' }).waitFor();
    await page.locator('section[aria-labelledby=ca-title] code.hash').waitFor();
    await checkPage(page, 'certificates-phone');
    await act(page, 'Riwayat', DIVISION);
    await card(page, DIVISION).locator('.cert-panel table tbody tr').first().waitFor();
    await act(page, 'Impor .p12', HEAD);
    await card(page, HEAD).locator('.cert-panel input[name=pin]').waitFor();
    await checkPage(page, 'certificates-phone-open');
  });
});
