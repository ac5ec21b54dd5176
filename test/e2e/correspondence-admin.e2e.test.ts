/**
 * Issue 13's correspondence administration in headless Chromium, at 1280 and 360 px: the admin
 * sets the letterhead's lines and uploads its logo (the next draft prints them and carries the
 * image), and adds a naskah type, told in Indonesian what is wrong with a number format before
 * anything is sent, then edits its name; a signed letter's page says which external parties
 * got it by e-mail (through a local SMTP server) and how that went; a letter and its draft's
 * document go into a berkas (a new one, then the same one), whose page lists them and takes one
 * out again, and the unit's berkas are found by name and a new one opened; the head's home lists the letters waiting for a disposition, a new one marked until
 * it is opened, whose page shows the whole exchange it is part of. axe-core and no sideways
 * scroll on every page; screenshots (E2E_SCREENSHOTS=1) as letter-admin-*.
 *
 *   npx mocha test/e2e/correspondence-admin.e2e.test.ts
 */
import { expect } from 'chai';
import sharp from 'sharp';
import { buildWeb } from '../../scripts/build-web.ts';
import { api } from '../support/http.ts';
import { pdfText } from '../support/nss.ts';
import { pdfImages } from '../support/pdf-inspect.ts';
import { idle } from '../support/leftovers.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { typedLetter } from '../support/typed-letters.ts';
import { browserSession, DESKTOP, PHONE } from './support/browser.ts';
import { adminOf, checkPage, heading, navTo, type Office, openAs, setUpOffice } from './support/office.ts';

describe('the letterhead and the naskah types administered in Chromium (e2e)', function () {
  this.timeout(300_000);
  let app: TestApp;
  let office: Office;
  let sink: SmtpSink;
  const browser = browserSession('letter-admin');

  before(async () => {
    await buildWeb();
    sink = await startSmtpSink();
    sink.refuse.add('salah@dinas.example.go.id');
    app = await startTestApp({ SMTP_URL: sink.url, MAIL_FROM: 'naskah@bkd.example.go.id' });
    office = await setUpOffice(app);
  });
  after(async () => {
    await app?.stop();
    await sink?.close();
  });

  for (const [size, options, government, [width, height]] of [
    ['1280', DESKTOP, 'Pemerintah Kabupaten Sleman', [96, 110]],
    ['360', PHONE, 'Pemerintah Kabupaten Bantul', [120, 90]],
  ] as const) {
    it(`at ${size} px: the admin sets the letterhead and its logo; the next draft prints them`, async () => {
      const page = await openAs(browser, app, adminOf(app), options);
      await navTo(page, 'Kop surat');
      await heading(page, /Kop surat/);
      await page.fill('input[name=governmentLine]', government);
      await page.fill('input[name=address]', 'Jl. Parasamya No. 1, Sleman 55511');
      await page.fill('input[name=telephone]', '(0274) 868405');
      await page.fill('input[name=email]', 'bkd@slemankab.go.id');
      await page.click('button:has-text("Simpan kop")');
      await page.locator('[role=status]', { hasText: 'Kop surat disimpan' }).waitFor();
      const logo = await sharp({ create: { width, height, channels: 3, background: { r: 10, g: 110, b: 50 } } })
        .png()
        .toBuffer();
      await page.setInputFiles('input[name=logo]', { name: 'logo.png', mimeType: 'image/png', buffer: logo });
      await page.click('button:has-text("Unggah logo")');
      // The new logo, as the server serves it back (each size has its own).
      await page.locator('.card', { hasText: `${width} × ${height} piksel` }).waitFor();
      await page.waitForFunction((w) => (document.querySelector('img.letterhead-logo') as HTMLImageElement | null)?.naturalWidth === w, width);
      await checkPage(page, `letter-admin-${size}-letterhead`);

      const drafter = { id: office.staff.id, username: office.staff.username, token: await app.login(office.staff.username, office.staff.password) };
      const head = { id: office.head.id, username: office.head.username, token: '' };
      const id = await typedLetter(app, drafter, head, { addressees: [{ unitCode: 'BKD' }] });
      const res = await fetch(`${app.url}/api/v1/letters/outgoing/${id}/document`, { headers: { authorization: `Bearer ${drafter.token}` } });
      const pdf = new Uint8Array(await res.arrayBuffer());
      expect(await pdfText(pdf))
        .to.include(government.toUpperCase())
        .and.include('Telepon (0274) 868405, Pos-el bkd@slemankab.go.id');
      expect(await pdfImages(pdf)).to.deep.equal([{ page: 1, width, height, type: 'image' }]);
    });

    it(`at ${size} px: the admin adds a naskah type, told what is wrong with its number format first, and renames it`, async () => {
      const page = await openAs(browser, app, adminOf(app), options);
      await navTo(page, 'Jenis naskah');
      await heading(page, /Jenis naskah/);
      await page.locator('td', { hasText: 'Nota Dinas' }).first().waitFor();
      const form = page.locator('form[aria-labelledby=new-title]');
      await form.locator('input[name=code]').fill(`surat-kuasa-${size}`);
      await form.locator('input[name=name]').fill(`Surat Kuasa ${size}`);
      await form.locator('input[name=numberFormat]').fill('SK/{code}/{nomor}/{year}');
      await form.locator('button[type=submit]').click();
      await form.locator('.error-text', { hasText: 'Ada isian yang tidak dikenal' }).waitFor();
      await form.locator('input[name=numberFormat]').fill('SK/{code}/{seq}/{unit}');
      await form.locator('button[type=submit]').click();
      await form.locator('.error-text', { hasText: 'Format harus memuat {year}' }).waitFor();
      await checkPage(page, `letter-admin-${size}-types-error`);
      await form.locator('input[name=numberFormat]').fill('SK/{code}/{seq}/{unit}/{month}/{year}');
      await form.locator('.hint', { hasText: /Contoh nomor: SK\/800\/12\/BKD\/[IVX]+\/\d{4}/ }).waitFor();
      await form.locator('button[type=submit]').click();
      await page.locator('[role=status]', { hasText: `Surat Kuasa ${size} ditambahkan.` }).waitFor();
      await page.locator(`button[aria-label="Ubah: Surat Kuasa ${size}"]`).click();
      const edit = page.locator(`form[aria-labelledby=edit-surat-kuasa-${size}-title]`);
      await edit.locator('input[name=name]').fill(`Surat Kuasa Khusus ${size}`);
      await checkPage(page, `letter-admin-${size}-types-edit`);
      await edit.locator('button[type=submit]').click();
      await page.locator('[role=status]', { hasText: `Surat Kuasa Khusus ${size} disimpan.` }).waitFor();
      const stored = await api(app, app.adminToken, 'GET', `/api/v1/letter-types/surat-kuasa-${size}`);
      expect(stored.body).to.include({ name: `Surat Kuasa Khusus ${size}`, numberFormat: 'SK/{code}/{seq}/{unit}/{month}/{year}', builtin: false });
    });

    it(`at ${size} px: a signed letter's page says which external parties got it by e-mail and how it went`, async () => {
      const drafter = { id: office.staff.id, username: office.staff.username, token: await app.login(office.staff.username, office.staff.password) };
      const head = { id: office.head.id, username: office.head.username, token: await app.login(office.head.username, office.head.password) };
      const id = await typedLetter(app, drafter, head, {
        type: 'surat-dinas',
        addressees: [{ name: `Dinas Kesehatan ${size}`, email: `dinkes${size}@dinas.example.go.id` }],
        copies: [{ name: 'Dinas yang salah alamat', email: 'salah@dinas.example.go.id' }],
      });
      const s = await api(app, head.token, 'POST', `/api/v1/letters/outgoing/${id}/sign`, { pin: office.pin, totp: app.nextTotp(office.head.username) });
      expect(s.status, JSON.stringify(s.body)).to.equal(200);
      await idle(app);
      expect(sink.received.some((m) => m.to.includes(`dinkes${size}@dinas.example.go.id`))).to.equal(true);
      const page = await openAs(browser, app, office.staff, options);
      await page.goto(`${app.url}/outgoing/${id}`);
      await page.locator('.thread h3', { hasText: 'Dikirim lewat surel' }).waitFor();
      await page
        .locator('.thread li', { hasText: `dinkes${size}@dinas.example.go.id` })
        .locator('strong', { hasText: 'terkirim' })
        .waitFor();
      await page.locator('.thread li', { hasText: 'salah@dinas.example.go.id' }).locator('strong', { hasText: 'gagal' }).waitFor();
      await checkPage(page, `letter-admin-${size}-emailed`);
    });

    it(`at ${size} px: a letter and a document go into a berkas, shown on both pages and on the berkas's own`, async () => {
      const drafter = { id: office.staff.id, username: office.staff.username, token: await app.login(office.staff.username, office.staff.password) };
      const id = await typedLetter(
        app,
        drafter,
        { id: office.head.id, username: office.head.username, token: '' },
        { subject: `Usulan formasi ${size}`, addressees: [{ unitCode: 'BKD-MUT' }] },
      );
      const page = await openAs(browser, app, office.staff, options);
      await page.goto(`${app.url}/outgoing/${id}`);
      const panel = page.locator('.berkas-panel');
      await panel.locator('p', { hasText: 'Belum masuk berkas mana pun.' }).waitFor();
      await panel.locator('select[name=berkas]').selectOption('new');
      await panel.locator('input[name=berkasName]').fill(`Formasi pegawai ${size}`);
      await panel.locator('button[type=submit]').click();
      await panel.locator('a', { hasText: `Formasi pegawai ${size}` }).waitFor();
      await checkPage(page, `letter-admin-${size}-berkas-letter`);

      // Its draft's document goes into the same berkas, chosen from the list; the letter shows under it.
      const documentId = String((await api(app, drafter.token, 'GET', `/api/v1/letters/outgoing/${id}`)).body.documentId);
      await page.goto(`${app.url}/documents/${documentId}`);
      await panel.locator('select[name=berkas]').selectOption({ label: `Formasi pegawai ${size}` });
      await panel.locator('button[type=submit]').click();
      await panel.locator('.berkas-held li a', { hasText: `Usulan formasi ${size}` }).waitFor();
      await checkPage(page, `letter-admin-${size}-berkas-document`);

      await panel.locator('a', { hasText: `Formasi pegawai ${size}` }).click();
      await heading(page, new RegExp(`Berkas: Formasi pegawai ${size}`));
      await page.locator('.berkas-items li', { hasText: 'Draf:' }).waitFor();
      await checkPage(page, `letter-admin-${size}-berkas-page`);
      await page.locator('.berkas-items li', { hasText: 'Draf:' }).locator('button', { hasText: 'Keluarkan' }).click();
      await page.locator('.berkas-items li', { hasText: 'Draf:' }).waitFor({ state: 'detached' });
      expect(await page.locator('.berkas-items li').count()).to.equal(1);
      // The unit's berkas, found by name; a new one opened from there.
      await navTo(page, 'Berkas');
      await heading(page, /Berkas per perkara/);
      await page.fill('input[name=q]', `pegawai ${size}`);
      await page
        .locator('.berkas-list li', { hasText: `Formasi pegawai ${size}` })
        .locator('.muted', { hasText: '1 isi' })
        .waitFor();
      await page.fill('input[name=name]', `Mutasi ${size}`);
      await checkPage(page, `letter-admin-${size}-berkas-list`);
      await page.click('button:has-text("Buka berkas")');
      await heading(page, new RegExp(`Berkas: Mutasi ${size}`));
    });

    it(`at ${size} px: the head's home lists the letters waiting for a disposition, a new one marked until opened`, async () => {
      const drafter = { id: office.staff.id, username: office.staff.username, token: await app.login(office.staff.username, office.staff.password) };
      const head = { id: office.head.id, username: office.head.username, token: await app.login(office.head.username, office.head.password) };
      const subject = `Laporan kepegawaian ${size}`;
      const id = await typedLetter(app, drafter, head, { subject, addressees: [{ unitCode: 'ORG' }] });
      const s = await api(app, head.token, 'POST', `/api/v1/letters/outgoing/${id}/sign`, { pin: office.pin, totp: app.nextTotp(office.head.username) });
      expect(s.status, JSON.stringify(s.body)).to.equal(200);
      const page = await openAs(browser, app, office.head, options);
      const card = page.locator('#home-awaiting');
      const line = card.locator('li', { hasText: subject });
      await line.locator('.badge-new', { hasText: 'Baru' }).waitFor();
      await checkPage(page, `letter-admin-${size}-home-awaiting`);
      await line.locator('a', { hasText: subject }).click();
      await heading(page, new RegExp(subject));
      // The whole exchange: the outgoing letter it came from, then this entry.
      await page.locator('.letter-chain li[aria-current=page]', { hasText: subject }).waitFor();
      expect(await page.locator('.letter-chain li').count()).to.equal(2);
      await checkPage(page, `letter-admin-${size}-chain`);
      await page.goBack();
      await card.locator('li', { hasText: subject }).waitFor();
      await card.locator('li', { hasText: subject }).locator('.badge-new').waitFor({ state: 'detached' });
    });
  }
});
