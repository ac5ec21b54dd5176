/**
 * The whole day of an office in headless Chromium, at 1280 px and again at 360 px: a clerk
 * registers a scanned letter (agenda number, duplicate warning, searchable by itself) and
 * bulk-imports three files; the office head disposes it to a division; a staff member there opens
 * and completes it with a report and a file; the staff member drafts a reply from the template,
 * the head of division returns it, the drafter revises it, it is approved and the office head
 * signs it with PIN and code; the QR link's page and the "check a letter" page say it is genuine
 * (and that an edited copy is not); a search finds the letter by a misspelled word; the figures
 * draw. axe-core checks each new page; with E2E_SCREENSHOTS=1, screenshots go to .tmp/e2e-screenshots (day-*).
 *
 *   npm run test:e2e
 */
import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { buildWeb } from '../../scripts/build-web.ts';
import { letterPdf } from '../../scripts/fixtures/letter-pdf.ts';
import { generateLetter } from '../../scripts/fixtures/letter-text.ts';
import { ensureFixture } from '../support/fixtures.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { browserSession, DESKTOP, dropFile, PHONE } from './support/browser.ts';
import {
  checkPage,
  choosePerson,
  daysFromNow,
  editAfterSigning,
  fetchBytes,
  heading,
  logIn,
  navTo,
  type Member,
  type Office,
  setUpOffice,
} from './support/office.ts';

/** The scanned letter (OCR'd by the server): seed 12 of the generated letters, its top half. */
const SCAN = generateLetter(12);
/** A word only in the scan's text (not in the form), with two letters swapped. */
const TYPO = 'Sunggumniasa';

describe('a whole office day in Chromium (e2e)', function () {
  // A walk is a whole day's work (OCR, signing, imports): about two minutes beside another walk
  // on two cores, and past three when the machine is busier still. A limit, not a speed bar.
  this.timeout(420_000);
  let app: TestApp;
  let office: Office;
  const browser = browserSession('day');

  before(async () => {
    await buildWeb();
    // Deadline reminders every second (the worker's scan), so an overdue disposition is told at once.
    app = await startTestApp({ REMINDER_SCAN_SECONDS: '1' });
    office = await setUpOffice(app);
  });

  after(async () => {
    await app?.stop();
  });

  /** A logged-in page of `who` in its own browser (cookies do not mix); `at` fixes the page's clock. */
  const as = async (who: Member, options: typeof DESKTOP | typeof PHONE, at?: Date): Promise<Page> => {
    const { page } = await browser.open(options);
    if (at) await page.clock.setFixedTime(at);
    await logIn(app, page, who);
    return page;
  };

  const walk = async (options: typeof DESKTOP | typeof PHONE, vp: 'desktop' | 'phone', run: number) => {
    const shot = (n: string) => `day-${vp}-${n}`;
    const letterNumber = `${SCAN.letterNumber.replace(/\/\d{4}$/, '')}-${run}/2020`;
    const scan = await readFile(await ensureFixture('scan-top-1p.png'));
    const clerk = await as(office.clerk, options);

    // --- The clerk registers the scan: the agenda number at once, then searchable by itself.
    await heading(clerk, /Selamat datang, Siti/);
    await navTo(clerk, 'Surat masuk');
    await heading(clerk, /^Surat masuk$/);
    await clerk.click('a:has-text("Catat surat masuk")');
    await heading(clerk, /Catat surat masuk/);
    await dropFile(clerk, '.dropzone', { name: 'pindaian-surat.png', mimeType: 'image/png', bytes: scan });
    await clerk.locator('.chosen', { hasText: 'pindaian-surat.png' }).waitFor();
    await clerk.fill('input[name=letterNumber]', letterNumber);
    await clerk.fill('input[name=letterDate]', SCAN.letterDate);
    await clerk.fill('input[name=sender]', SCAN.sender);
    await clerk.fill('input[name=subject]', SCAN.subject);
    await clerk.selectOption('select[name=urgency]', 'sangat_segera');
    await clerk.fill('input[name=classificationCode]', SCAN.classificationCode);
    await clerk.click('form button[type=submit]');
    const agenda = clerk.locator('.agenda-card .agenda-number strong');
    await agenda.waitFor();
    expect(await agenda.textContent()).to.match(/^\d+\/\d{4}$/);
    await clerk.locator('.agenda-card .alert-ok', { hasText: 'dapat dicari' }).waitFor({ timeout: 60_000 });
    await checkPage(clerk, shot('01-incoming-registered'));
    const letterHref = (await clerk.locator('.agenda-card a:has-text("Buka surat")').getAttribute('href'))!;

    if (vp === 'desktop') {
      // The same letter again: registered (nothing is refused) with a warning naming the first.
      await clerk.click('button:has-text("Catat surat lain")');
      await dropFile(clerk, '.dropzone', { name: 'pindaian-lagi.png', mimeType: 'image/png', bytes: scan });
      await clerk.fill('input[name=letterNumber]', letterNumber);
      await clerk.fill('input[name=letterDate]', SCAN.letterDate);
      await clerk.fill('input[name=sender]', SCAN.sender);
      await clerk.fill('input[name=subject]', SCAN.subject);
      await clerk.click('form button[type=submit]');
      const warning = clerk.locator('.agenda-card .alert-warn', { hasText: 'sudah pernah dicatat' });
      await warning.waitFor();
      expect(await warning.locator(`a[href="${letterHref}"]`).count()).to.equal(1);
      await checkPage(clerk, shot('02-incoming-duplicate'));
    }

    // The register, filtered by urgency and sender.
    await navTo(clerk, 'Surat masuk');
    await heading(clerk, /^Surat masuk$/);
    await clerk.selectOption('select[name=urgency]', 'sangat_segera');
    await clerk.fill('input[name=sender]', 'Pekerjaan Umum');
    await clerk.click('form.filters button[type=submit]');
    await clerk.waitForURL(/urgency=sangat_segera/);
    await clerk.locator(`.letter-card a[href="${letterHref}"]`).first().waitFor();
    await checkPage(clerk, shot('03-incoming-register'));

    // Bulk import of three files: one new, one already archived, one refused.
    await navTo(clerk, 'Impor massal');
    await heading(clerk, /Impor massal/);
    await clerk.setInputFiles('.dropzone input[type=file]', [
      { name: 'arsip-lama.pdf', mimeType: 'application/pdf', buffer: await readFile(await ensureFixture('letter-3p.pdf')) },
      { name: 'salinan-pindaian.png', mimeType: 'image/png', buffer: scan },
      { name: 'catatan.txt', mimeType: 'text/plain', buffer: Buffer.from('bukan surat') },
    ]);
    await clerk.click('form button[type=submit]');
    await clerk.locator('text=Impor selesai.').waitFor({ timeout: 60_000 });
    expect(await clerk.locator('table tbody tr').count()).to.equal(3);
    expect((await clerk.locator('table tbody td:nth-child(3)').allTextContents()).join(' | '))
      .to.match(/Sudah ada/)
      .and.match(/Ditolak/);
    // The refused file says why in Indonesian, not in the server's English.
    expect(await clerk.locator('table tbody tr', { hasText: 'catatan.txt' }).innerText()).to.contain('Jenis berkas tidak didukung');

    // --- The office head disposes it to a division: a unit, two instructions, a note, a due date.
    const head = await as(office.head, options);
    await head.goto(`${app.url}${letterHref}`);
    await heading(head, new RegExp(SCAN.subject.slice(0, 20)));
    // A 3 MB scan waits for a click before it is fetched (slow district lines).
    await head.click('button:has-text("Tampilkan pratinjau")');
    await head.locator('img.preview-image').waitFor();
    // With the people directory the phone walk names the staff member; otherwise (and on a desktop) the unit.
    await head.locator('.unit-pick details, .recipients p.hint:has-text("belum tersedia")').first().waitFor();
    const byName = vp === 'phone' && (await head.locator('.unit-pick details').count()) > 0;
    if (byName) {
      await head.locator('.unit-pick details summary', { hasText: 'BKD' }).first().click();
      await head.locator(`.dispose-form input[name=to-user][value="${office.staff.id}"]`).check();
    } else {
      await head.locator('.dispose-form input[name=to-unit][value=BKD]').check();
    }
    await head.locator('.dispose-form input[name=action][value=untuk_ditindaklanjuti]').check();
    await head.locator('.dispose-form input[name=action][value=siapkan_jawaban]').check();
    await head.fill('.dispose-form textarea[name=instruction]', 'Mohon ditindaklanjuti dan siapkan jawaban.');
    await head.fill('.dispose-form input[name=due]', daysFromNow(3));
    await head.click('.dispose-form button[type=submit]');
    await head.locator('.dispose-form .alert-ok', { hasText: 'terkirim kepada 1 penerima' }).waitFor();
    await head.locator('.holders', { hasText: byName ? office.staff.name : 'Badan Kepegawaian Daerah' }).waitFor();
    await checkPage(head, shot('04-incoming-disposed'));

    // --- The staff member: unread and bold in the inbox; opening marks it read; complete with a report and a file.
    const staff = await as(office.staff, options);
    await staff
      .locator('#home-dispo .unread a', { hasText: SCAN.subject.slice(0, 20) })
      .first()
      .waitFor();
    await checkPage(staff, shot('05-home-staff'));
    await navTo(staff, 'Disposisi');
    await heading(staff, /Disposisi untuk saya/);
    const item = staff.locator('.inbox .letter-card.unread', { hasText: SCAN.subject.slice(0, 20) }).first();
    await item.waitFor();
    await checkPage(staff, shot('06-dispositions-inbox'));
    await item.locator('h3 a').click();
    await heading(staff, new RegExp(SCAN.subject.slice(0, 20)));
    await staff.locator('#complete-title').waitFor();
    if (vp === 'phone') {
      // Forwarded down to the section first: the forwarder reports only after the section has.
      await staff.locator('.dispose-form input[name=to-unit][value=BKD-MUT]').check();
      await staff.locator('.dispose-form input[name=action][value=untuk_ditindaklanjuti]').check();
      await staff.click('.dispose-form button[type=submit]');
      await staff.locator('.dispose-form .alert-ok', { hasText: 'terkirim kepada 1 penerima' }).waitFor();
      await staff.locator('.holders', { hasText: 'Bidang Mutasi' }).waitFor();
      // Completing is blocked before a report is typed, with a link to what is still open.
      await staff.locator('.alert-warn', { hasText: 'belum dapat diselesaikan' }).waitFor();
      await staff.locator('.open-children a', { hasText: 'Bidang Mutasi' }).waitFor();
      expect(await staff.locator('textarea[name=report]').count()).to.equal(0);
      const section = await as(office.section, options);
      await navTo(section, 'Disposisi');
      await section
        .locator('.inbox .letter-card.unread h3 a', { hasText: SCAN.subject.slice(0, 20) })
        .first()
        .click();
      await section.fill('textarea[name=report]', 'Data mutasi sudah diperiksa.');
      await section.click('button:has-text("Laporkan selesai")');
      await section.locator('.alert-ok', { hasText: 'Disposisi ini selesai' }).waitFor();
      await staff.reload();
      await staff.locator('.dispo-node.dispo-completed', { hasText: 'Data mutasi sudah diperiksa' }).waitFor();
    }
    await staff.fill('textarea[name=report]', 'Sudah ditindaklanjuti; jawaban terlampir.');
    await staff.setInputFiles('.dispo-card .dropzone input[type=file]', {
      name: 'laporan.pdf',
      mimeType: 'application/pdf',
      buffer: await readFile(await ensureFixture('letter-1p.pdf')),
    });
    await checkPage(staff, shot('07-disposition'));
    await staff.click('button:has-text("Laporkan selesai")');
    await staff.locator('.alert-ok', { hasText: 'Disposisi ini selesai' }).waitFor();
    await staff.locator('.dispo-report a', { hasText: 'Berkas laporan' }).waitFor();
    await staff.goto(`${app.url}/dispositions`);
    await heading(staff, /Disposisi untuk saya/);
    expect(await staff.locator('.inbox .letter-card', { hasText: SCAN.subject.slice(0, 20) }).count()).to.equal(0);

    // --- A reply drafted from the template: the head of division reviews, the head signs.
    const subject = `Jawaban pemeliharaan jembatan ${run}`;
    await navTo(staff, 'Surat keluar');
    await heading(staff, /Surat keluar/);
    await staff.click('a:has-text("Buat konsep surat")');
    await heading(staff, /Buat konsep surat/);
    await staff.fill('input[name=subject]', subject);
    await staff.fill('input[name=recipient]', 'Dinas Pekerjaan Umum');
    await staff.fill('input[name=classificationCode]', '640');
    await choosePerson(staff, '[name=signerId]', office.head);
    await choosePerson(staff, '.add-reviewer select, .add-reviewer input', office.division);
    await staff.click('.add-reviewer button');
    await staff.locator('.reviewer-list li').first().waitFor();
    await staff.fill('textarea[name=addressee]', 'Yth. Kepala Dinas Pekerjaan Umum\ndi\nSungguminasa');
    await staff.fill('textarea[name=body]', 'Dengan hormat, menindaklanjuti surat Saudara, pemeliharaan jembatan gantung akan dijadwalkan.');
    await staff.fill('input[name=place]', 'Sleman');
    await checkPage(staff, shot('08-outgoing-new'));
    await staff.click('form button[type=submit]');
    await staff.waitForURL(/\/outgoing\/[0-9a-f-]{36}$/);
    const draftPath = new URL(staff.url()).pathname;
    await staff.locator('.badge-letter-in_review').first().waitFor();

    const division = await as(office.division, options);
    // The bell counts the notice that a draft waits for review; the notice leads to it.
    await division.locator('.bell .bell-count').waitFor();
    await division.click('.bell');
    await heading(division, /Pemberitahuan/);
    await checkPage(division, shot('09-notifications'));
    await division.locator('.notifications a', { hasText: subject }).first().click();
    await division.waitForURL(new RegExp(`${draftPath}$`));
    await division.locator('#review-title').waitFor();
    await division.locator('iframe.preview-pdf').waitFor();
    await checkPage(division, shot('10-outgoing-review'));
    await division.fill('textarea[name=comment]', 'Sebutkan jadwal pemeliharaannya.');
    await division.click('button:has-text("Kembalikan")');
    await division.locator('.badge-letter-returned').first().waitFor();

    // Wait for the page to settle (no request for half a second): the names of the people on the
    // letter arrive after it and re-wrap the details above the form at 360 px, and a click landing
    // during that shift went to the wrong place on a loaded machine.
    await staff.goto(`${app.url}${draftPath}`, { waitUntil: 'networkidle' });
    await staff.locator('#revise-title').waitFor();
    await staff.locator('.alert-warn', { hasText: 'Sebutkan jadwal' }).waitFor();
    if (vp === 'desktop') {
      await staff.fill('textarea[name=body]', 'Dengan hormat, menindaklanjuti surat Saudara, pemeliharaan jembatan gantung dijadwalkan pada bulan depan.');
    } else {
      // On the phone the new version is a PDF from elsewhere.
      // Click, then wait for the choice to hold: a render of the page arriving between the click
      // and the panel's own state update may briefly show the old choice, which check() would
      // take for a click that did nothing.
      await staff.click('input[name=revise-mode][value=file]');
      await staff.waitForFunction(() => document.querySelector<HTMLInputElement>('input[name=revise-mode][value=file]')?.checked === true);
      await staff.locator('.dispo-card .dropzone input[type=file]').waitFor({ state: 'attached' });
      const draft = Buffer.from(await letterPdf([generateLetter(700 + run)]));
      await staff.setInputFiles('.dispo-card .dropzone input[type=file]', { name: 'konsep-v2.pdf', mimeType: 'application/pdf', buffer: draft });
      await staff.locator('.chosen', { hasText: 'konsep-v2.pdf' }).waitFor();
    }
    await staff.fill('input[name=note]', 'Jadwal ditambahkan.');
    await checkPage(staff, shot('11-outgoing-revise'));
    await staff.click('button:has-text("Simpan versi baru")');
    await staff.locator('dd', { hasText: 'versi 2' }).waitFor({ timeout: 45_000 }); // a stored, extracted new version: slow on a loaded machine
    expect(await staff.locator('.versions > li').count()).to.equal(2);

    await division.goto(`${app.url}/outgoing`);
    await division.locator('.letter-card a', { hasText: subject }).first().click();
    await division.locator('#review-title').waitFor();
    await division.click('button:has-text("Setujui (paraf)")');
    await division.locator('.badge-letter-approved').first().waitFor();

    await head.goto(`${app.url}/`);
    const toSign = head.locator('#home-drafts a', { hasText: subject }).first();
    await toSign.waitFor();
    await checkPage(head, shot('12-home-head'));
    await toSign.click();
    await heading(head, /Tandatangani surat/);
    await head.fill('input[name=pin]', office.pin);
    await head.fill('input[name=totp]', app.nextTotp(office.head.username));
    await checkPage(head, shot('13-sign'));
    await head.click('button:has-text("Tandatangani sekarang")');
    const number = head.locator('.sign-result .agenda-number strong');
    await number.waitFor({ timeout: 30_000 });
    expect(await number.textContent()).to.match(/^640\/\d+\/BKD\/\d{4}$/);
    await head.locator('.sign-result iframe.preview-pdf').waitFor();
    await checkPage(head, shot('14-signed'));
    const verifyHref = (await head.locator('.sign-result a.verify-link').getAttribute('href'))!;
    const signedPdf = await fetchBytes(head, `/api/v1/letters/outgoing/${draftPath.split('/').pop()}/signed`);

    // The QR link's page, as a phone that scanned it opens it: genuine.
    const anyone = await browser.open(options);
    await anyone.page.goto(verifyHref);
    await anyone.page.locator('body', { hasText: 'asli' }).waitFor();
    expect(await anyone.page.locator('body').textContent()).to.include((await number.textContent())!);

    // "Periksa surat" without logging in: the signed PDF is genuine, an edited copy is not.
    await anyone.page.goto(`${app.url}/check`);
    await heading(anyone.page, /Periksa surat/);
    await anyone.page.setInputFiles('.dropzone input[type=file]', { name: 'surat.pdf', mimeType: 'application/pdf', buffer: signedPdf });
    await anyone.page.locator('.verdict-ok', { hasText: 'asli dan sah' }).waitFor();
    expect(await anyone.page.locator('.verdict-facts').textContent())
      .to.include((await number.textContent())!)
      .and.include(office.head.name);
    // The letter carries its validation data (PAdES B-LT), and the page says so.
    expect(await anyone.page.locator('.signature-list').textContent()).to.include('memuat data validasinya');
    await checkPage(anyone.page, shot('15-check-valid'));
    await anyone.page.setInputFiles('.dropzone input[type=file]', {
      name: 'surat-diubah.pdf',
      mimeType: 'application/pdf',
      buffer: await editAfterSigning(signedPdf),
    });
    await anyone.page.locator('.verdict-bad', { hasText: 'diubah setelah ditandatangani' }).waitFor();
    await checkPage(anyone.page, shot('16-check-modified'));

    // --- The clerk sends the signed letter out (ekspedisi) and records how.
    await clerk.goto(`${app.url}/`);
    await clerk.getByRole('link', { name: 'Surat untuk dikirim (1)' }).click();
    await clerk.locator('.letter-card a', { hasText: subject }).first().click();
    await clerk.locator('select[name=via]').selectOption('courier');
    await clerk.fill('input[name=note]', 'Diterima Pak Joko, resepsionis');
    await clerk.click('button:has-text("Catat sudah dikirim")');
    await clerk.locator('.dispatch-info', { hasText: 'Dikirim melalui Kurir' }).waitFor();
    await checkPage(clerk, shot('16b-dispatched'));

    // --- Search finds the scanned letter by a misspelled word of its text; the figures draw.
    await head.goto(`${app.url}/search`);
    await head.locator('#q').pressSequentially(TYPO, { delay: 20 });
    await head.waitForURL((u) => u.searchParams.get('q') === TYPO);
    await head.locator('section.results[aria-busy=false]').waitFor();
    await head
      .locator('.doc-hit', { hasText: SCAN.subject.slice(0, 20) })
      .first()
      .waitFor();
    await head.locator('.doc-hit .passage mark').first().waitFor();
    await checkPage(head, shot('17-search'));
    await navTo(head, 'Statistik');
    await heading(head, /Statistik/);
    await head.locator('svg.chart').first().waitFor();
    expect(await head.locator('svg.chart rect.bar:not([height="0"])').count()).to.be.greaterThan(0);
    await checkPage(head, shot('18-stats'));
  };

  it('serves "check a letter" to anyone, without logging in', async () => {
    const { page } = await browser.open(PHONE);
    await page.goto(`${app.url}/check`);
    await heading(page, /Periksa surat/);
    expect(page.url()).to.match(/\/check$/);
    await page.setInputFiles('.dropzone input[type=file]', {
      name: 'bukan-bertanda-tangan.pdf',
      mimeType: 'application/pdf',
      buffer: await readFile(await ensureFixture('letter-1p.pdf')),
    });
    await page.locator('.verdict-bad', { hasText: 'tidak memuat tanda tangan' }).waitFor();
    await checkPage(page, 'day-phone-00-check-unsigned');
  });

  it('walks the whole day at 1280 px', async () => {
    await walk(DESKTOP, 'desktop', 1);
  });

  it('walks the whole day at 360 px', async () => {
    await walk(PHONE, 'phone', 2);
  });

  it('marks what is overdue: the inbox, the reminders on both ends, the figures per unit', async () => {
    // A letter disposed to the division with a day to go, then two days pass (the server's clock
    // moves; each browser is set to the same time).
    const clerk = await app.login(office.clerk.username, office.clerk.password);
    const head = await app.login(office.head.username, office.head.password);
    const body = new FormData();
    for (const [k, v] of Object.entries({
      letterNumber: '005/77/SETDA/2026',
      letterDate: '2026-01-05',
      sender: 'Sekretariat Daerah',
      subject: 'Rapat koordinasi kepegawaian',
      urgency: 'segera',
    }))
      body.append(k, v);
    // Its own bytes: the walks archived letter-1p.pdf already, in another unit (a same-bytes 409).
    body.append('file', new Blob([new Uint8Array(await letterPdf([generateLetter(977)]))]), 'rapat.pdf');
    const reg = await fetch(`${app.url}/api/v1/letters/incoming`, { method: 'POST', headers: { authorization: `Bearer ${clerk}` }, body });
    expect(reg.status).to.equal(201);
    const letter = (await reg.json()) as { id: string };
    const due = new Date(app.clock.now().getTime() + 86_400_000).toISOString();
    const disposed = await fetch(`${app.url}/api/v1/letters/incoming/${letter.id}/dispositions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${head}`, 'content-type': 'application/json' },
      body: JSON.stringify({ to: [{ unitCode: 'BKD' }], instruction: 'Hadiri dan laporkan', actions: ['hadiri'], dueAt: due }),
    });
    expect(disposed.status).to.equal(201);
    app.clock.advance(2 * 86_400_000);

    const staff = await as(office.staff, PHONE, app.clock.now());
    const card = staff.locator('#home-overdue a', { hasText: 'Rapat koordinasi' }).first();
    await card.waitFor();
    await navTo(staff, 'Disposisi');
    await staff.locator('.inbox .letter-card.is-overdue', { hasText: 'Rapat koordinasi' }).locator('.badge-overdue').waitFor();
    await checkPage(staff, 'day-phone-19-inbox-overdue');
    // The worker told the holders; the bell counts it.
    await staff.locator('.bell .bell-count').waitFor({ timeout: 20_000 });
    await staff.click('.bell');
    await staff.locator('.notifications .letter-card', { hasText: 'Lewat tenggat' }).first().waitFor();
    await staff.click('button:has-text("Tandai semua dibaca")');
    await staff.locator('.notifications .letter-card.unread').first().waitFor({ state: 'detached' });
    await staff.locator('.bell .bell-count').waitFor({ state: 'detached' });

    const official = await as(office.head, DESKTOP, app.clock.now());
    await official.goto(`${app.url}/notifications`);
    await official.locator('.notifications .badge-notif-overdue_escalation').first().waitFor({ timeout: 20_000 });
    await navTo(official, 'Statistik');
    await official.locator('.hbars li', { hasText: 'Badan Kepegawaian Daerah' }).waitFor();
    await checkPage(official, 'day-desktop-20-stats-overdue');
  });
});
