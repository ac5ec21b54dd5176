/**
 * Issue 13 in headless Chromium: the head signs letters from the signing queue ("Tandatangani
 * yang dipilih": one PIN and one code for the letters ticked, then a line per letter, one of
 * which was signed meanwhile and is reported as not signed); the head withdraws a disposition
 * its recipient has not opened, and the recipient's bell shows the notices (new disposition,
 * withdrawn). axe-core at 1280 and 360 px; screenshots (E2E_SCREENSHOTS=1) in
 * .tmp/e2e-screenshots (batch-*).
 *
 *   npx mocha test/e2e/batch-signing.e2e.test.ts
 */
import { expect } from 'chai';
import { letterPdf } from '../../scripts/fixtures/letter-pdf.ts';
import { generateLetter } from '../../scripts/fixtures/letter-text.ts';
import { buildWeb } from '../../scripts/build-web.ts';
import { api, form } from '../support/http.ts';
import { approvedLetter, type Person, sign } from '../support/sign-office.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { browserSession, DESKTOP, PHONE } from './support/browser.ts';
import { checkPage, heading, type Member, type Office, openAs, setUpOffice } from './support/office.ts';

const asPerson = async (app: TestApp, m: Member): Promise<Person> => ({ id: m.id, username: m.username, token: await app.login(m.username, m.password) });

describe('batch signing, withdrawing a disposition and the new notices in Chromium (e2e)', function () {
  this.timeout(300_000);
  let app: TestApp;
  let office: Office;
  const browser = browserSession('batch');

  before(async () => {
    await buildWeb();
  });
  // An office per test: each signing spends second-factor codes, which moves the test app's
  // clock on, and a suite-long clock would drift past the verifier's five minutes of skew.
  beforeEach(async () => {
    app = await startTestApp();
    office = await setUpOffice(app);
  });
  afterEach(async () => {
    await app?.stop();
  });

  it('at 1280 px: the signer returns an approved draft with a note; the letter page shows it', async () => {
    const drafter = await asPerson(app, office.staff);
    const head = await asPerson(app, office.head);
    const id = await approvedLetter(app, drafter, head, [], { subject: 'Surat edaran yang dikembalikan' });
    const page = await openAs(browser, app, office.head, DESKTOP);
    await page.goto(`${app.url}/outgoing/${id}`);
    await page.locator('#review-title', { hasText: 'Kembalikan ke konseptor' }).waitFor();
    await page.fill('textarea[name=comment]', 'Lampiran belum disebut di paragraf kedua.');
    await checkPage(page, 'batch-1280-signer-return');
    await page.click('button:has-text("Kembalikan")');
    await page.locator('dd', { hasText: 'Lampiran belum disebut di paragraf kedua.' }).waitFor();
    expect((await api(app, drafter.token, 'GET', `/api/v1/letters/outgoing/${id}`)).body.status).to.equal('returned');
  });

  for (const [size, options] of [
    ['1280', DESKTOP],
    ['360', PHONE],
  ] as const) {
    it(`at ${size} px: signs the ticked letters with one PIN and code and reports each; one signed meanwhile is reported as not signed`, async () => {
      const drafter = await asPerson(app, office.staff);
      const head = await asPerson(app, office.head);
      const subjects = [1, 2, 3].map((i) => `Undangan rapat ${size} nomor ${i}`);
      const ids: string[] = [];
      for (const subject of subjects) ids.push(await approvedLetter(app, drafter, head, [], { subject }));

      const page = await openAs(browser, app, office.head, options);
      await page.goto(`${app.url}/outgoing/sign-queue`);
      await heading(page, /Antrean tanda tangan/);
      for (const subject of subjects) await page.locator('.queue-list label', { hasText: subject }).waitFor();
      await checkPage(page, `batch-${size}-queue`);
      await page.locator('.queue-list label', { hasText: subjects[0]! }).locator('input').check();
      await page.locator('.queue-list label', { hasText: subjects[2]! }).locator('input').check();
      // Letter 3 is signed elsewhere while the page stands: the batch reports it, and signs the other.
      const elsewhere = await sign(app, head, ids[2]!, { pin: office.pin, totp: app.nextTotp(office.head.username) });
      expect(elsewhere.status, JSON.stringify(elsewhere.body)).to.equal(200);

      await page.click('button:has-text("Tandatangani yang dipilih")');
      const dialog = page.locator('dialog.queue-dialog');
      await dialog.locator('h2', { hasText: 'Tandatangani 2 surat' }).waitFor();
      await dialog.locator('input[name=pin]').fill(office.pin);
      await dialog.locator('input[name=totp]').fill(app.nextTotp(office.head.username));
      await checkPage(page, `batch-${size}-dialog`);
      await dialog.locator('button[type=submit]').click();

      const report = page.locator('.queue-report');
      await report.waitFor({ timeout: 60_000 });
      await page.locator('#queue-report', { hasText: '1 dari 2 surat ditandatangani' }).waitFor();
      const signedLine = report.locator('li', { hasText: subjects[0]! });
      expect(await signedLine.textContent()).to.match(/ditandatangani, nomor \d+\/\d+\/BKD\/\d{4}/);
      expect(await report.locator('li', { hasText: subjects[2]! }).textContent()).to.match(/tidak ditandatangani: Surat ini sudah ditandatangani\./);
      // The unticked letter still waits.
      await page.locator('.queue-list label', { hasText: subjects[1]! }).waitFor();
      await checkPage(page, `batch-${size}-report`);
      expect((await api(app, drafter.token, 'GET', `/api/v1/letters/outgoing/${ids[0]}`)).body.status).to.equal('signed');
    });

    it(`at ${size} px: the head withdraws an unread disposition; the recipient's bell tells them`, async () => {
      const clerk = await asPerson(app, office.clerk);
      const head = await asPerson(app, office.head);
      const l = generateLetter(size === '1280' ? 701 : 702);
      const reg = await form(
        app,
        clerk.token,
        '/api/v1/letters/incoming',
        { letterNumber: l.letterNumber, letterDate: l.letterDate, sender: l.sender, subject: l.subject, urgency: 'segera' },
        { name: 'surat.pdf', bytes: await letterPdf([l]) },
      );
      expect(reg.status, JSON.stringify(reg.body)).to.equal(201);
      const d = await api(app, head.token, 'POST', `/api/v1/letters/incoming/${String(reg.body.id)}/dispositions`, {
        to: [{ userId: office.staff.id }],
        instruction: 'Mohon disiapkan jawaban',
      });
      expect(d.status, JSON.stringify(d.body)).to.equal(201);
      const dispositionId = String((d.body.items as { id: string }[])[0]!.id);

      const page = await openAs(browser, app, office.head, options);
      await page.goto(`${app.url}/dispositions/${dispositionId}`);
      await page.locator('#withdraw-title').waitFor();
      await checkPage(page, `batch-${size}-withdraw`);
      await page.click('button:has-text("Tarik disposisi")');
      await page.locator('.alert', { hasText: 'telah ditarik kembali' }).waitFor();
      await page.locator('.badge-dispo-withdrawn').first().waitFor();

      const staff = await openAs(browser, app, office.staff, options);
      await staff.locator('.bell .bell-count').waitFor();
      await staff.goto(`${app.url}/notifications`);
      await heading(staff, /Pemberitahuan/);
      await staff.locator('.badge-notif-disposition_withdrawn').first().waitFor();
      await staff.locator('.badge-notif-disposition_new').first().waitFor();
      await checkPage(staff, `batch-${size}-notices`);
    });
  }
});
