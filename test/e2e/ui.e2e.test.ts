/**
 * The web UI end to end in headless Chromium (Debian's package, driven by playwright-core):
 * an admin logs in for the first time and enrols a second factor, adds a unit and a clerk; the
 * clerk drops a PDF, follows it until it is searchable, imports three files at once, finds the
 * letter by a misspelled word and opens it. axe-core checks every main page, on a desktop and
 * at 360 px; the first load's script and styles are weighed. Screenshots (E2E_SCREENSHOTS=1): .tmp/e2e-screenshots.
 *
 *   npm run test:e2e
 */
import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { buildWeb, type WebManifest } from '../../scripts/build-web.ts';
import { generateLetter } from '../../scripts/fixtures/letter-text.ts';
import { totpCode, totpStep } from '../../src/domain/totp.ts';
import { ensureFixture } from '../support/fixtures.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { DESKTOP, dropFile, expectAccessible, expectNoSidewaysScroll, INSECURE_HOST, launch, newContext, PHONE, screenshot } from './support/browser.ts';
import { changeTemporaryPassword } from './support/office.ts';

const ADMIN = { username: 'admin.ui', password: 'sandi-admin-yang-panjang-1', name: 'Dewi Admin' };
const CLERK = { username: 'siti', password: 'sandi-agendaris-panjang-2', name: 'Siti Aminah' };
const FIRST_LOAD_BUDGET = 300 * 1024;

describe('web UI in Chromium (e2e)', function () {
  this.timeout(120_000);
  let app: TestApp;
  let browser: Browser;
  let manifest: WebManifest;
  const problems: string[] = [];
  /** The admin's authenticator app: the secret read off the enrolment page, the last code used. */
  const phone = { secret: '', lastStep: 0 };
  let documentId = '';
  const letter = generateLetter(1);

  /** The next code the app would show, moving the server's clock on when this one was used. */
  const nextCode = (): string => {
    let step = totpStep(app.clock.now());
    if (step <= phone.lastStep) {
      app.clock.advance((phone.lastStep + 1 - step) * 30_000);
      step = phone.lastStep + 1;
    }
    phone.lastStep = step;
    return totpCode(phone.secret, step);
  };

  const heading = (page: Page) => page.locator('h1').first();

  const loginAs = async (page: Page, who: { username: string; password: string }, totp?: () => string) => {
    await page.goto(`${app.url}/`);
    await page.waitForURL(/\/login/);
    await page.fill('input[name=username]', who.username);
    await page.fill('input[name=password]', who.password);
    await page.click('button[type=submit]');
    if (totp) {
      await page.waitForSelector('input[name=totp]');
      await page.fill('input[name=totp]', totp());
      await page.click('button[type=submit]');
    }
    await page.waitForSelector('.topbar');
  };

  const go = async (page: Page, path: string, title: RegExp) => {
    await page.goto(`${app.url}${path}`);
    await expect_(heading(page), title);
  };

  const expect_ = async (locator: ReturnType<Page['locator']>, text: RegExp) => {
    await locator.waitFor();
    for (let i = 0; i < 100; i++) {
      if (text.test((await locator.textContent()) ?? '')) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await locator.textContent()).to.match(text);
  };

  before(async () => {
    manifest = await buildWeb();
    app = await startTestApp();
    // A second admin, created but never logged in: the browser does the first login and enrolment.
    const res = await fetch(`${app.url}/api/v1/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...ADMIN, role: 'admin', unitCode: 'ORG' }),
    });
    expect(res.status).to.equal(201);
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    await app?.stop();
  });

  afterEach(() => {
    expect(problems, 'script errors or CSP violations in the page').to.deep.equal([]);
  });

  it('serves the shell and hashed assets with their cache and security headers; API paths stay problems', async () => {
    const shell = await fetch(`${app.url}/search?q=x`, { headers: { accept: 'text/html' } });
    expect(shell.status).to.equal(200);
    expect(shell.headers.get('cache-control')).to.equal('no-cache');
    expect(shell.headers.get('content-security-policy'))
      .to.match(/default-src 'self'/)
      .and.not.match(/unsafe-inline/);
    expect(await shell.text()).to.include(`/assets/${manifest.js}`);
    const js = await fetch(`${app.url}/assets/${manifest.js}`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(js.headers.get('cache-control')).to.equal('public, max-age=31536000, immutable');
    expect(js.headers.get('content-encoding')).to.equal('br');
    const api = await fetch(`${app.url}/api/v1/nope`, { headers: { accept: 'text/html' } });
    expect(api.headers.get('content-type')).to.match(/problem\+json/);
    const unknown = await fetch(`${app.url}/assets/nope-12345678.js`);
    expect(unknown.status).to.equal(404);
  });

  it('weighs the first load: compressed script and styles within 300 KB', async () => {
    const { context, page } = await newContext(browser, DESKTOP, problems);
    const sizes: Promise<{ url: string; bytes: number; encoding: string | undefined }>[] = [];
    page.on('requestfinished', (req) => {
      if (/\/assets\/.*\.(js|css)$/.test(req.url())) {
        sizes.push(
          Promise.all([req.sizes(), req.response()]).then(([s, res]) => ({
            url: req.url(),
            bytes: s.responseBodySize,
            encoding: res?.headers()['content-encoding'],
          })),
        );
      }
    });
    await page.goto(`${app.url}/login`);
    await page.waitForSelector('input[name=username]');
    const loaded = await Promise.all(sizes);
    const total = loaded.reduce((n, s) => n + s.bytes, 0);
    console.log(
      `      first load: ${loaded.map((s) => `${s.url.split('/').pop()} ${(s.bytes / 1024).toFixed(1)} KB ${s.encoding}`).join(', ')}; total ${(total / 1024).toFixed(1)} KB compressed`,
    );
    expect(loaded.map((s) => s.url.split('/').pop()).sort()).to.deep.equal([manifest.css, manifest.js].sort());
    expect(loaded.map((s) => s.encoding)).to.deep.equal(['br', 'br']);
    expect(total).to.be.greaterThan(0).and.at.most(FIRST_LOAD_BUDGET);
    await context.close();
  });

  it('admin: first login enrols a second factor, then adds a unit and a clerk, and verifies the audit chain', async () => {
    const { context, page } = await newContext(browser, DESKTOP, problems);
    await page.goto(`${app.url}/admin/users`);
    await page.waitForURL(/\/login\?next=%2Fadmin%2Fusers/);
    await expectAccessible(page, 'login');
    await screenshot(page, 'desktop-01-login');

    await page.fill('input[name=username]', ADMIN.username);
    await page.fill('input[name=password]', ADMIN.password);
    await page.click('button[type=submit]');
    const secret = page.locator('code.secret');
    await secret.waitFor();
    phone.secret = (await secret.getAttribute('data-secret'))!;
    await page.locator('img.qr').waitFor();
    await expectAccessible(page, 'enrolment');
    await screenshot(page, 'desktop-02-enrolment');

    await page.fill('input[name=code]', nextCode());
    await page.click('button[type=submit]');
    await page.locator('.recovery-codes li').first().waitFor();
    expect(await page.locator('.recovery-codes li').count()).to.equal(10);
    await screenshot(page, 'desktop-03-recovery-codes');
    await page.click('button.btn-primary');

    // Logging in again for the cookie session: the code just used is spent, the next one works.
    await page.waitForSelector('input[name=totp]');
    await page.fill('input[name=totp]', nextCode());
    await page.click('button[type=submit]');
    await page.waitForURL(/\/admin\/users$/);
    await expect_(heading(page), /Pengguna/);

    await page.click('nav#main-nav >> text=Unit kerja');
    await expect_(heading(page), /Unit kerja/);
    await page.fill('input[name=code]', 'BKD');
    await page.fill('input[name=name]', 'Badan Kepegawaian Daerah');
    await page.click('form >> button[type=submit]');
    await page.locator('.tree >> text=Badan Kepegawaian Daerah').waitFor();
    await expectAccessible(page, 'units');
    await screenshot(page, 'desktop-04-units');

    await page.click('nav#main-nav >> text=Pengguna');
    await expect_(heading(page), /Pengguna/);
    await page.click('button[aria-controls=new-user]');
    const form = page.locator('#new-user form');
    await form.locator('input[name=username]').fill(CLERK.username);
    await form.locator('input[name=name]').fill(CLERK.name);
    await form.locator('input[name=password]').fill(CLERK.password);
    await form.locator('input[value=staff]').uncheck();
    await form.locator('input[value=clerk]').check();
    await form.locator('select').first().selectOption('BKD');
    // A refusal reads in Indonesian, the field named by the form's label (never the server's English words).
    await form.locator('input[name=username]').fill('s');
    await form.locator('button[type=submit]').click();
    await form.locator('.alert-error .problem-headline', { hasText: 'Ada isian yang belum benar.' }).waitFor();
    expect(await form.locator('.alert-error li').allTextContents()).to.deep.equal(['Nama pengguna: Bentuknya tidak sesuai.']);
    await form.locator('input[name=username]').fill(CLERK.username);
    await form.locator('button[type=submit]').click();
    await page.locator('table >> text=Siti Aminah').waitFor();
    await page.click(`button[aria-label="Ubah: ${CLERK.username}"]`);
    await page.locator('.edit-panel').waitFor();
    await expectAccessible(page, 'users');
    await screenshot(page, 'desktop-05-users');
    await page.locator('.edit-panel input[value=staff]').check();
    await page.locator('.edit-panel button[type=submit]').click();
    await page.locator('.alert-ok >> text=Perubahan disimpan').waitFor();
    await page.locator('table >> text=Agendaris, Staf').waitFor();

    await page.click('nav#main-nav >> text=Jejak audit');
    await expect_(heading(page), /Jejak audit/);
    await page.click('text=Verifikasi rantai');
    await page.locator('.alert-ok >> text=Rantai utuh').waitFor();
    await page.locator('table.audit-table tbody tr').first().waitFor();
    await expectAccessible(page, 'audit');
    await screenshot(page, 'desktop-06-audit');

    await page.click('text=Keluar');
    await page.waitForURL(/\/login$/);
    await context.close();
  });

  it('clerk: drops a PDF, sees it become searchable, imports three files, finds the letter by a typo and opens it', async () => {
    const { context, page } = await newContext(browser, DESKTOP, problems);
    // The admin typed the clerk's first password: the first login asks for one of their own.
    await changeTemporaryPassword(app, page, CLERK, 'sandi-agendaris-milik-sendiri-3');
    await loginAs(page, CLERK);
    await expect_(heading(page), /Selamat datang, Siti Aminah/);
    await page.locator('#home-dispo').waitFor(); // staff role: what waits for me (dispositions, drafts, overdue)
    await expectAccessible(page, 'home');
    await screenshot(page, 'desktop-07-home');

    await page.click('nav#main-nav >> text=Unggah dokumen');
    await expect_(heading(page), /Unggah dokumen/);
    const pdf = await readFile(await ensureFixture('letter-1p.pdf'));
    await dropFile(page, '.dropzone', { name: 'surat-undangan.pdf', mimeType: 'application/pdf', bytes: pdf });
    await page.locator('.chosen >> text=surat-undangan.pdf').waitFor();
    await page.click('form >> button[type=submit]');
    await page.locator('.alert-ok >> text=dapat dicari').waitFor({ timeout: 30_000 });
    await expectAccessible(page, 'upload');
    await screenshot(page, 'desktop-08-upload');
    const open = page.locator('a:has-text("Buka dokumen")');
    documentId = (await open.getAttribute('href'))!.split('/').pop()!;

    await page.click('nav#main-nav >> text=Impor massal');
    await expect_(heading(page), /Impor massal/);
    await page.setInputFiles('.dropzone input[type=file]', [
      { name: 'letter-3p.pdf', mimeType: 'application/pdf', buffer: await readFile(await ensureFixture('letter-3p.pdf')) },
      { name: 'salinan.pdf', mimeType: 'application/pdf', buffer: pdf },
      { name: 'catatan.txt', mimeType: 'text/plain', buffer: Buffer.from('bukan surat') },
    ]);
    await page.click('form >> button[type=submit]');
    await page.locator('text=Impor selesai.').waitFor({ timeout: 30_000 });
    const rows = page.locator('table tbody tr');
    expect(await rows.count()).to.equal(3);
    const statuses = await rows.locator('td:nth-child(3)').allTextContents();
    expect(statuses.join(' | '))
      .to.match(/Siap dicari/)
      .and.match(/Sudah ada/)
      .and.match(/Ditolak/);
    await expectAccessible(page, 'import');
    await screenshot(page, 'desktop-09-import');

    // A word of the letter's subject with two letters swapped, typed key by key.
    const word = letter.subject
      .split(/\s+/)
      .find((w) => w.length >= 7)!
      .replace(/[^\p{L}]/gu, '');
    const typo = word.slice(0, 2) + word[3] + word[2] + word.slice(4);
    await page.click('nav#main-nav >> text=Cari');
    await expect_(heading(page), /Cari dokumen/);
    await page.locator('#q').pressSequentially(typo, { delay: 30 });
    // Results follow the typing; the last request (the whole word) is the one shown.
    await page.waitForURL((u) => u.searchParams.get('q') === typo);
    await page.locator('section.results[aria-busy=false]').waitFor();
    const hit = page.locator(`.doc-hit:has(a[href="/documents/${documentId}"])`);
    await hit.locator('.passage mark').first().waitFor(); // the matched passage, highlighted
    await page.locator('.facet-value').first().waitFor();
    await page.click('#facet-kind + ul .facet-value');
    await page.waitForURL(/kind=document/);
    await page.locator('section.results[aria-busy=false]').waitFor();
    await hit.waitFor();
    expect(await page.locator('.facet-value[aria-pressed=true]').count()).to.equal(1);
    await expectAccessible(page, 'search');
    await screenshot(page, 'desktop-10-search');

    await hit.locator('h3 a').click();
    await page.waitForURL(new RegExp(`/documents/${documentId}$`));
    await page.locator('.extracted').first().waitFor();
    expect(await page.locator('.extracted').first().textContent()).to.include(letter.letterNumber);
    // The server's page image, or the browser's PDF frame while the worker has not rendered it yet.
    await page.locator('img.page-image, iframe.preview-pdf').first().waitFor();
    await expectAccessible(page, 'document');
    await screenshot(page, 'desktop-11-document');

    await page.click('text=English');
    await expect_(page.locator('#text-title'), /Extracted text/);
    await page.click('text=Bahasa Indonesia');
    await expect_(page.locator('#text-title'), /Teks hasil ekstraksi/);
    await context.close();
  });

  it('says so when the browser refuses the Secure session cookie (plain http under a LAN name)', async () => {
    const { context, page } = await newContext(browser, DESKTOP, problems);
    const insecure = app.url.replace('127.0.0.1', INSECURE_HOST);
    await page.goto(`${insecure}/login`);
    await page.fill('input[name=username]', CLERK.username);
    await page.fill('input[name=password]', CLERK.password);
    await page.click('button[type=submit]');
    await page.locator('.alert-error >> text=https://').waitFor();
    await context.close();
  });

  it('works the same at 360 px: every main page fits, reads and passes axe', async () => {
    const clerk = await newContext(browser, PHONE, problems);
    const page = clerk.page;
    await loginAs(page, CLERK);
    await expect_(heading(page), /Selamat datang/);
    const pages: [string, string, RegExp][] = [
      ['home', '/', /Selamat datang/],
      ['search', `/search?q=${encodeURIComponent(letter.letterNumber)}`, /Cari dokumen/],
      ['document', `/documents/${documentId}`, /./],
      ['upload', '/upload', /Unggah dokumen/],
      ['import', '/import', /Impor massal/],
    ];
    for (const [name, path, title] of pages) {
      await go(page, path, title);
      if (name === 'search') await page.locator(`.doc-hit a[href="/documents/${documentId}"]`).waitFor();
      if (name === 'document') await page.locator('.extracted').first().waitFor();
      await expectNoSidewaysScroll(page, name);
      await expectAccessible(page, `360px ${name}`);
      await screenshot(page, `phone-${name}`);
    }
    // The navigation folds into a menu button on a phone.
    expect(await page.locator('#main-nav').isVisible()).to.equal(false);
    await page.click('button.menu-toggle');
    await page.click('#main-nav >> text=Cari');
    await expect_(heading(page), /Cari dokumen/);
    await clerk.context.close();

    const admin = await newContext(browser, PHONE, problems);
    await loginAs(admin.page, ADMIN, nextCode);
    for (const [name, path, title] of [
      ['units', '/admin/units', /Unit kerja/],
      ['users', '/admin/users', /Pengguna/],
      ['audit', '/audit', /Jejak audit/],
    ] as [string, string, RegExp][]) {
      await go(admin.page, path, title);
      if (name !== 'units') await admin.page.locator('table tbody tr').first().waitFor();
      await expectNoSidewaysScroll(admin.page, name);
      await expectAccessible(admin.page, `360px ${name}`);
      await screenshot(admin.page, `phone-${name}`);
    }
    await admin.context.close();

    const anonymous = await newContext(browser, PHONE, problems);
    await anonymous.page.goto(`${app.url}/login`);
    await anonymous.page.waitForSelector('input[name=username]');
    await expectNoSidewaysScroll(anonymous.page, 'login');
    await expectAccessible(anonymous.page, '360px login');
    await screenshot(anonymous.page, 'phone-login');
    await anonymous.context.close();
  });
});
