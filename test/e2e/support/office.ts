/**
 * An office for the whole-day walk: units, a clerk, the office head (who signs), a head of
 * division (who reviews), a staff member (who works dispositions and drafts), made over the API
 * as an admin would; and the browser moves each of them makes many times (logging in with the
 * second factor, the phone menu, checking a page).
 */
import { expect } from 'chai';
import { PDFDocument } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { api } from '../../support/http.ts';
import { ADMIN, type TestApp } from '../../support/test-app.ts';
import { type DESKTOP, expectAccessible, expectNoSidewaysScroll, type PHONE, screenshot } from './browser.ts';
import { passwordOf } from '../../support/passwords.ts';

export interface Member {
  id: string;
  username: string;
  password: string;
  name: string;
  /** Officials log in with a code from their authenticator app. */
  totp: boolean;
}

export interface Office {
  clerk: Member;
  head: Member;
  division: Member;
  staff: Member;
  /** A staff member of the division's section, to whom a disposition is forwarded. */
  section: Member;
  /** The head's signing PIN (their certificate's key is locked with it). */
  pin: string;
}

export const UNITS = [
  { code: 'BKD', name: 'Badan Kepegawaian Daerah', parentCode: 'ORG' },
  { code: 'BKD-MUT', name: 'Bidang Mutasi', parentCode: 'BKD' },
];

const member = async (app: TestApp, username: string, name: string, role: string, unitCode: string): Promise<Member> => {
  const password = passwordOf(username, 'panjang-9');
  const r = await api(app, app.adminToken, 'POST', '/api/v1/users', { username, password, name, role, unitCode });
  expect(r.status, JSON.stringify(r.body)).to.equal(201);
  const totp = role === 'official';
  // Officials enrol their second factor once (the test keeps the secret, as their phone would).
  if (totp) await app.login(username, password);
  return { id: String(r.body.id), username, password, name, totp };
};

/** Units, people, the office CA and the head's certificate. */
export const setUpOffice = async (app: TestApp): Promise<Office> => {
  await api(app, app.adminToken, 'PATCH', '/api/v1/units/ORG', { name: 'Pemerintah Kabupaten Sleman' });
  for (const u of UNITS) expect((await api(app, app.adminToken, 'POST', '/api/v1/units', u)).status).to.equal(201);
  const office: Office = {
    clerk: await member(app, 'agendaris', 'Siti Agendaris', 'clerk', 'ORG'),
    head: await member(app, 'kaban', 'Bambang Kepala', 'official', 'ORG'),
    division: await member(app, 'kabid', 'Dewi Kabid', 'official', 'BKD'),
    staff: await member(app, 'rina', 'Rina Staf', 'staff', 'BKD'),
    section: await member(app, 'budi', 'Budi Mutasi', 'staff', 'BKD-MUT'),
    pin: '482913',
  };
  // The day's walk signs, verifies and dispatches: an office without its CA is a failure here, not a shorter walk.
  const ca = await api(app, app.adminToken, 'POST', '/api/v1/signing/ca', {});
  expect(ca.status, JSON.stringify(ca.body)).to.equal(201);
  const cert = await api(app, app.adminToken, 'POST', `/api/v1/users/${office.head.id}/certificate`, { pin: office.pin, title: 'Kepala Badan' });
  expect(cert.status, JSON.stringify(cert.body)).to.equal(201);
  return office;
};

/** Logs a member in through the login page (with the next code from their app when they have one). */
export const logIn = async (app: TestApp, page: Page, who: Member): Promise<void> => {
  await page.goto(`${app.url}/login`);
  await page.fill('input[name=username]', who.username);
  await page.fill('input[name=password]', who.password);
  await page.click('button[type=submit]');
  if (who.totp) {
    await page.waitForSelector('input[name=totp]');
    await page.fill('input[name=totp]', app.nextTotp(who.username));
    await page.click('button[type=submit]');
  }
  await page.waitForSelector('.topbar');
  await page.locator('h1').first().waitFor();
};

/**
 * The first login with a password an admin set, through the login page: the page asks for one
 * of the person's own, then for a login with it. `who.password` becomes the new one.
 */
export const changeTemporaryPassword = async (app: TestApp, page: Page, who: { username: string; password: string }, fresh: string): Promise<void> => {
  await page.goto(`${app.url}/login`);
  await page.fill('input[name=username]', who.username);
  await page.fill('input[name=password]', who.password);
  await page.click('button[type=submit]');
  await page.locator('h1', { hasText: 'Ganti kata sandi' }).waitFor();
  await page.fill('input[name=newPassword]', fresh);
  await page.fill('input[name=newPasswordAgain]', fresh);
  await page.click('button[type=submit]');
  await page.locator('.alert', { hasText: 'Kata sandi diganti' }).waitFor();
  who.password = fresh;
};

/** The test app's first admin, as the login page knows them (the app enrolled their second factor). */
export const adminOf = (app: TestApp): Member => ({
  id: '',
  username: ADMIN.username,
  password: ADMIN.password,
  name: 'Administrator',
  totp: app.secondFactors.has(ADMIN.username),
});

/** A fresh browser context of a suite's `browserSession`, with `who` logged in: its page. */
export const openAs = async (
  browser: { open(o: typeof DESKTOP | typeof PHONE): Promise<{ page: Page }> },
  app: TestApp,
  who: Member,
  options: typeof DESKTOP | typeof PHONE,
): Promise<Page> => {
  const { page } = await browser.open(options);
  await logIn(app, page, who);
  return page;
};

/** Follows a main navigation link, through the menu button on a phone. */
export const navTo = async (page: Page, label: string): Promise<void> => {
  const toggle = page.locator('button.menu-toggle');
  if (await toggle.isVisible()) await toggle.click();
  await page.locator('#main-nav a', { hasText: label }).first().click();
};

/** Waits until the page's heading says `text`. */
export const heading = async (page: Page, text: RegExp): Promise<void> => {
  await page.locator('h1', { hasText: text }).first().waitFor();
};

/** A main page as it stands: no serious axe finding, nothing wider than a phone, a screenshot. */
export const checkPage = async (page: Page, name: string): Promise<void> => {
  if (page.viewportSize()!.width <= 400) await expectNoSidewaysScroll(page, name);
  await expectAccessible(page, name);
  await screenshot(page, name);
};

/** Chooses a person in a person field: a list when there is a directory, their id typed otherwise. */
export const choosePerson = async (page: Page, selector: string, who: Member): Promise<void> => {
  const field = page.locator(selector).first();
  if ((await field.evaluate((e) => e.tagName)) === 'SELECT') await field.selectOption(who.id);
  else await field.fill(who.id);
};

/** Bytes the logged-in page may read from the API (its cookie goes along), e.g. a signed PDF. */
export const fetchBytes = async (page: Page, path: string): Promise<Buffer> => {
  const b64 = (await page.evaluate(`fetch(${JSON.stringify(path)}, { credentials: 'same-origin' }).then(async (r) => {
    if (!r.ok) throw new Error('HTTP ' + r.status);
    const bytes = new Uint8Array(await r.arrayBuffer());
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  })`)) as string;
  return Buffer.from(b64, 'base64');
};

/**
 * What a PDF editor writes when someone changes a signed letter and saves it: an incremental
 * update (ISO 32000 7.5.6) after the signed bytes, here a new document-information dictionary.
 */
export const editAfterSigning = async (pdf: Buffer): Promise<Buffer> => {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const root = doc.context.trailerInfo.Root!.toString();
  const num = doc.context.largestObjectNumber + 1;
  const tail = pdf.subarray(Math.max(0, pdf.length - 4096)).toString('latin1');
  const prev = [...tail.matchAll(/startxref\s+(\d+)/g)].pop()![1];
  const body = `\n${num} 0 obj\n<< /Title (Diubah) /Producer (editor) >>\nendobj\n`;
  const xrefAt = pdf.length + Buffer.byteLength(body, 'latin1');
  const xref = `xref\n0 1\n0000000000 65535 f \n${num} 1\n${String(pdf.length + 1).padStart(10, '0')} 00000 n \ntrailer\n<< /Size ${num + 1} /Root ${root} /Info ${num} 0 R /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(body + xref, 'latin1')]);
};

/** A calendar date some days from now (YYYY-MM-DD, this machine's zone, as the browser sees it). */
export const daysFromNow = (n: number): string => {
  const d = new Date(Date.now() + n * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
