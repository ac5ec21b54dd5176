/**
 * The records lifecycle in headless Chromium: the archivist's desk counts what is due; a scheme
 * file with a bad line is refused line by line and changes nothing; an unclassified record gets
 * its code; a record is held; an unfit record is refused readably and two due records are
 * proposed for disposal; the head of the unit finds the proposal on the home page and approves
 * it; the archivist carries it out and opens the minutes; the destroyed record's page shows the
 * stub; the permanent records leave as a BagIt ZIP and their receipt is recorded; an admin runs
 * fixity, sees a changed original, and the home page warns. axe-core on each page at 1280 and
 * 360 px; screenshots (E2E_SCREENSHOTS=1) in .tmp/e2e-screenshots (records-*).
 *
 *   npx mocha test/e2e/records.e2e.test.ts
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { buildWeb } from '../../scripts/build-web.ts';
import { api } from '../support/http.ts';
import { archive, setUpRecordsOffice } from '../support/records-office.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { browserSession, DESKTOP, PHONE } from './support/browser.ts';
import { adminOf, checkPage, heading, type Member, navTo, openAs } from './support/office.ts';
import { passwordOf } from '../support/passwords.ts';

const run = promisify(execFile);

/** The people setUpRecordsOffice makes, as the login page knows them (officials type a code). */
const person = (username: string, totp = false): Member => ({ id: '', username, password: passwordOf(username), name: username, totp });
const archivist = person('arsiparis');
const head = person('kepala', true);

const TITLES = {
  dueA: 'Daftar hadir rapat 2015',
  dueB: 'Undangan rapat koordinasi 2016',
  held: 'Laporan kegiatan 2015',
  permA: 'Peraturan daerah 2010',
  permB: 'Rancangan peraturan 2012',
  loose: 'Arsip impor lama',
  young: 'Notulen rapat minggu ini',
};

describe('records lifecycle in Chromium (e2e)', function () {
  this.timeout(180_000);
  let app: TestApp;
  let admin: Member;
  const doc = {} as Record<keyof typeof TITLES, string>;
  const browser = browserSession('records');
  let disposalPath = '';
  let transferPath = '';
  let holdPath = '';

  before(async () => {
    await buildWeb();
    app = await startTestApp();
    const t = await setUpRecordsOffice(app);
    const today = new Date().toISOString().slice(0, 10);
    const fields: Record<keyof typeof TITLES, Record<string, string>> = {
      dueA: { classificationCode: '000.5', documentDate: '2015-01-10' },
      dueB: { classificationCode: '000.5.1', documentDate: '2016-03-01' },
      held: { classificationCode: '000.5', documentDate: '2015-02-02' },
      permA: { classificationCode: '100.1', documentDate: '2010-05-05' },
      permB: { classificationCode: '100.1.2', documentDate: '2012-01-01' },
      loose: { legacyCode: 'LAMA/045' },
      young: { classificationCode: '000.5', documentDate: today },
    };
    let seed = 4300;
    for (const k of Object.keys(TITLES) as (keyof typeof TITLES)[]) doc[k] = await archive(app, t.clerk, seed++, { ...fields[k], title: TITLES[k] });
    admin = adminOf(app);
  });

  after(async () => {
    await app?.stop();
  });

  const as = (who: Member, options: typeof DESKTOP | typeof PHONE): Promise<Page> => openAs(browser, app, who, options);
  const figure = (page: Page, title: string) => page.locator(`section.figure[aria-label="${title}"] .figure-value`);
  const scheme = (page: Page) => page.locator('section[aria-labelledby=scheme-import-title]');
  const sendScheme = async (page: Page, name: string, csv: string) => {
    await scheme(page)
      .locator('input[type=file]')
      .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await scheme(page).getByRole('button', { name: 'Impor', exact: true }).click();
  };
  /** Chooses records of the due list by their titles, or all on the page. */
  const choose = async (page: Page, titles: string[] | 'all') => {
    await page.locator('table tbody tr').first().waitFor();
    if (titles === 'all') await page.getByLabel('Pilih semua arsip di halaman ini').check();
    else for (const title of titles) await page.getByLabel(`Pilih ${title}`).check();
  };

  it('at 1280 px: the archivist’s desk counts what is due; a scheme file with a bad line changes nothing; a record gets its code', async () => {
    const page = await as(archivist, DESKTOP);
    await page.locator('#records-desk-title').waitFor();
    await figure(page, 'Jatuh tempo').filter({ hasText: '5' }).waitFor();
    await navTo(page, 'Kearsipan');
    await heading(page, /^Kearsipan$/);
    // One unit (the office itself): musnah 3, permanen 2, dinilai kembali 0, jumlah 5.
    const units = page.locator('section[aria-labelledby=due-units-title] tbody tr');
    await units.first().waitFor();
    expect(await units.count()).to.equal(1);
    expect((await units.locator('td').allInnerTexts()).map((s) => s.trim())).to.deep.equal(['3', '2', '0', '5']);
    await figure(page, 'Belum terklasifikasi').filter({ hasText: '1' }).waitFor();
    await checkPage(page, 'records-home-1280');

    await navTo(page, 'Kode klasifikasi');
    await page.locator('.class-list li', { hasText: 'Kearsipan' }).first().waitFor();
    await sendScheme(
      page,
      'pola-baru.csv',
      'code,name,activeYears,inactiveYears,finalDisposition\n900.7,Dana hibah,1,1,destroy\n900.8,Tahun salah,x,1,destroy\n',
    );
    const refused = scheme(page).locator('[role=alert]', { hasText: 'Berkas ditolak: 1 baris salah' });
    await refused.waitFor();
    expect(await refused.locator('tbody tr').allInnerTexts()).to.have.length(1);
    expect(await refused.locator('tbody tr td').first().innerText()).to.equal('3');
    expect(await refused.locator('tbody tr td').nth(1).innerText()).to.match(/^Masa aktif dan inaktif: tahun bulat/);
    await checkPage(page, 'records-scheme-refused-1280');
    expect(await page.locator('.class-list code', { hasText: /^900\.7$/ }).count(), 'nothing imported').to.equal(0);
    await sendScheme(page, 'pola-baru.csv', 'code,name,activeYears,inactiveYears,finalDisposition\n900.7,Dana hibah,1,1,destroy\n');
    await scheme(page).getByText('Pola klasifikasi diimpor: 1 kode baru, 0 diperbarui, 0 tetap.').waitFor();
    await page.locator('.class-list li', { hasText: 'Dana hibah' }).waitFor();

    await page.goto(`${app.url}/records/unclassified`);
    const row = page.locator('tr', { hasText: TITLES.loose });
    await row.getByText('LAMA/045').waitFor();
    await checkPage(page, 'records-unclassified-1280');
    await page.getByLabel(`Kode klasifikasi untuk ${TITLES.loose}`).fill('000.5');
    await row.getByRole('button', { name: 'Simpan' }).click();
    await page.getByText(`${TITLES.loose} diklasifikasikan dengan kode 000.5.`).waitFor();
    await page.getByText('Semua arsip sudah terklasifikasi.').waitFor();
  });

  it('at 1280 px: the archivist holds a record, sees an unfit one refused, and proposes the disposal of two due records', async () => {
    const page = await as(archivist, DESKTOP);
    await page.goto(`${app.url}/records/due?finalDisposition=destroy`);
    await heading(page, /Arsip jatuh tempo/);
    await choose(page, [TITLES.held]);
    await page.getByRole('radio', { name: 'Tahan (penahanan arsip)' }).check();
    await page.getByLabel('Nama penahanan').fill('Pemeriksaan BPK 2026');
    await page.getByLabel('Alasan').fill('Audit keuangan sedang berjalan');
    await checkPage(page, 'records-due-1280');
    await page.getByRole('button', { name: 'Tahan arsip' }).click();
    await heading(page, /Penahanan: Pemeriksaan BPK 2026/);
    await page.locator('.record-items').getByRole('link', { name: TITLES.held }).waitFor();
    holdPath = new URL(page.url()).pathname;
    await checkPage(page, 'records-hold-1280');

    // A permanent record proposed for destruction: refused by name, in Indonesian, nothing proposed.
    await page.goto(`${app.url}/records/due?finalDisposition=permanent`);
    await choose(page, [TITLES.permA]);
    await page.getByLabel('Alasan').fill('Retensi habis menurut JRA');
    await page.getByRole('button', { name: 'Kirim usul musnah' }).click();
    const refusal = page.locator('[role=alert]', { hasText: '1 arsip tidak dapat diikutkan' });
    await refusal.waitFor();
    expect(await refusal.locator('li').innerText()).to.equal(`${TITLES.permA}: keterangan akhirnya Permanen, bukan Musnah`);

    await page.goto(`${app.url}/records/due?finalDisposition=destroy`);
    await page.getByText('2 arsip jatuh tempo').waitFor(); // the held one left the list
    await choose(page, 'all');
    await page.getByLabel('Alasan').fill('Retensi habis menurut JRA');
    await page.getByRole('button', { name: 'Kirim usul musnah' }).click();
    await heading(page, /Pemusnahan arsip/);
    await page.locator('.badge', { hasText: 'Diusulkan' }).waitFor();
    await page.getByText('Menunggu persetujuan kepala unit').waitFor();
    for (const title of [TITLES.dueA, TITLES.dueB]) await page.locator('.record-items li', { hasText: title }).getByText('menunggu').waitFor();
    disposalPath = new URL(page.url()).pathname;
    await checkPage(page, 'records-disposal-proposed-1280');
  });

  it('at 1280 px: the head approves from the home page; the archivist carries the disposal out, opens the minutes and the destroyed record’s stub', async () => {
    const boss = await as(head, DESKTOP);
    const card = boss.locator('#home-disposals');
    await card.locator('.count-badge', { hasText: '1' }).waitFor();
    await card.getByRole('link', { name: 'Retensi habis menurut JRA' }).click();
    await heading(boss, /Pemusnahan arsip/);
    await boss.getByLabel('Catatan').fill('Setuju, sesuai JRA');
    await checkPage(boss, 'records-disposal-decide-1280');
    await boss.getByRole('button', { name: 'Setujui' }).click();
    await boss.locator('.badge', { hasText: 'Disetujui' }).waitFor();
    await boss.getByText('“Setuju, sesuai JRA”').waitFor();

    const page = await as(archivist, DESKTOP);
    await page.goto(`${app.url}${disposalPath}`);
    await page.getByLabel('Saya mengerti pemusnahan tidak dapat dibatalkan.').check();
    await page.getByRole('button', { name: 'Musnahkan sekarang' }).click();
    await page.locator('.badge', { hasText: /^Dimusnahkan$/ }).waitFor({ timeout: 60_000 });
    expect(await page.locator('.record-items .badge').allInnerTexts()).to.deep.equal(['dimusnahkan', 'dimusnahkan']);
    const minutes = page.getByRole('link', { name: /^Berita acara BA-PMS\/1\/ORG\/\d{4}$/ });
    await checkPage(page, 'records-disposal-executed-1280');
    await minutes.click();
    await heading(page, /Berita Acara Pemusnahan Arsip BA-PMS/);
    await page.locator('.doc-meta dd', { hasText: 'Berita acara' }).first().waitFor();
    await page.getByRole('link', { name: 'Unduh berkas asli' }).waitFor();
    await checkPage(page, 'records-minutes-1280');

    await page.goto(`${app.url}/documents/${doc.dueA}`);
    await heading(page, new RegExp(TITLES.dueA));
    await page.getByText('Isi arsip ini telah dimusnahkan').waitFor();
    await page.locator('.doc-retention .badge', { hasText: 'Dimusnahkan' }).waitFor();
    expect(await page.getByRole('link', { name: 'Unduh berkas asli' }).count(), 'no download of destroyed content').to.equal(0);
    expect(await page.locator('.doc-text').isVisible(), 'no text of destroyed content').to.equal(false);
    await checkPage(page, 'records-destroyed-1280');
  });

  it('at 1280 px: the archivist prepares the transfer of the permanent records, downloads the BagIt ZIP and records its receipt', async () => {
    const page = await as(archivist, DESKTOP);
    await page.goto(`${app.url}/records/due?finalDisposition=permanent`);
    await choose(page, 'all');
    await page.getByRole('radio', { name: 'Siapkan penyerahan' }).check();
    await page.getByLabel('Lembaga penerima').fill('Dinas Kearsipan Provinsi');
    await page.getByRole('button', { name: 'Siapkan penyerahan' }).click();
    await heading(page, /Penyerahan arsip statis/);
    await page.locator('.badge', { hasText: 'Disiapkan' }).waitFor();
    await page.getByRole('link', { name: /^Berita acara BA-PSR\// }).waitFor();
    transferPath = new URL(page.url()).pathname;
    await checkPage(page, 'records-transfer-1280');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Unduh paket (ZIP)' }).click()]);
    expect(download.suggestedFilename()).to.match(/\.zip$/);
    const zip = path.join(app.dataDir, 'paket.zip');
    await download.saveAs(zip);
    const { stdout } = await run('unzip', ['-Z1', zip]);
    const entries = stdout.trim().split('\n');
    expect(
      entries.some((e) => /^[^/]+\/bagit\.txt$/.test(e)),
      entries.join(', '),
    ).to.equal(true);
    expect(entries.filter((e) => e.endsWith('metadata.json'))).to.have.length(2);

    await page.getByLabel('Dinas Kearsipan Provinsi telah menerima paket dan memeriksa keutuhannya.').check();
    await page.getByRole('button', { name: 'Catat sebagai diterima' }).click();
    await page.locator('.badge', { hasText: 'Diterima' }).waitFor();
    expect(await page.getByRole('link', { name: 'Unduh paket (ZIP)' }).count()).to.equal(0);
    const permA = await api(app, app.adminToken, 'GET', `/api/v1/documents/${doc.permA}`);
    expect((permA.body.retention as Record<string, unknown>).phase).to.equal('transferred');
  });

  it('at 1280 px: an admin runs fixity, sees the changed original, and the home page warns', async () => {
    // Five bytes of a stored original changed behind the application's back.
    const sha256 = String((await api(app, app.adminToken, 'GET', `/api/v1/documents/${doc.young}`)).body.sha256);
    const [file] = (await app.filesIn('objects')).filter((f) => f.includes(sha256));
    const bytes = await readFile(path.join(app.dataDir, file!));
    for (let i = 200; i < 205; i++) bytes[i] = bytes[i]! ^ 0xff;
    await writeFile(path.join(app.dataDir, file!), bytes);

    const page = await as(admin, DESKTOP);
    await navTo(page, 'Keutuhan arsip');
    await heading(page, /Keutuhan arsip/);
    await page.getByText('Belum pernah diperiksa.').waitFor();
    await page.getByRole('button', { name: 'Periksa sekarang' }).click();
    await page.locator('.badge', { hasText: 'Selesai' }).waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: 'Isi berubah (1)' }).waitFor();
    await page.locator('.record-items').getByRole('link', { name: TITLES.young }).waitFor();
    await checkPage(page, 'records-fixity-1280');
    await navTo(page, 'Beranda');
    await page.locator('[role=alert]', { hasText: 'menemukan 1 berkas asli berubah dan 0 hilang' }).waitFor();
  });

  it('at 360 px: the records pages fit a phone and pass axe; a hold is released', async () => {
    const page = await as(archivist, PHONE);
    const visit = async (where: string, ready: string, name: string) => {
      await page.goto(`${app.url}${where}`);
      await page.getByText(ready).first().waitFor();
      await checkPage(page, name);
    };
    await visit('/', 'Penyerahan disiapkan', 'records-home-desk-360');
    await visit('/records', 'Arsip jatuh tempo per unit kerja', 'records-home-360');
    await visit('/records/unclassified', 'Semua arsip sudah terklasifikasi.', 'records-unclassified-360');
    await visit('/disposals', 'Retensi habis menurut JRA', 'records-disposals-360');
    await visit(disposalPath, 'dimusnahkan', 'records-disposal-360');
    await visit('/transfers', 'Dinas Kearsipan Provinsi', 'records-transfers-360');
    await visit(transferPath, 'Dinas Kearsipan Provinsi', 'records-transfer-360');
    await visit(`/documents/${doc.dueA}`, 'Isi arsip ini telah dimusnahkan', 'records-destroyed-360');
    await visit('/admin/classifications', 'Impor pola klasifikasi dari berkas', 'records-scheme-360');
    await visit('/holds', 'Pemeriksaan BPK 2026', 'records-holds-360');
    await visit(holdPath, TITLES.held, 'records-hold-360');
    await page.getByLabel('Alasan').fill('Pemeriksaan selesai');
    await page.getByRole('button', { name: 'Lepaskan', exact: true }).click();
    await page.locator('.badge', { hasText: 'Dilepas' }).waitFor();
    await page.getByText('Pemeriksaan selesai').waitFor();
    // Released, the record is due again: the list and its act form on a phone.
    await page.goto(`${app.url}/records/due`);
    await choose(page, [TITLES.held]);
    await page.getByRole('button', { name: 'Kirim usul musnah' }).waitFor();
    await checkPage(page, 'records-due-360');

    const desk = await as(admin, PHONE);
    await desk.goto(`${app.url}/fixity`);
    await desk.getByRole('heading', { name: 'Isi berubah (1)' }).waitFor();
    await checkPage(desk, 'records-fixity-360');
  });
});
