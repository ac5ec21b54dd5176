/**
 * The records tests make over HTTP, as the admin or a clerk would: a unit, a user logged in, an
 * incoming letter registered with its scan, a document uploaded. Defaults fit most tests; a test names only what it is
 * about. Each expects the 201, so a setup that went wrong fails where it went wrong.
 */
import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { letterPdf } from '../../scripts/fixtures/letter-pdf.ts';
import { type GeneratedLetter, generateLetter } from '../../scripts/fixtures/letter-text.ts';
import { ensureFixture } from './fixtures.ts';
import { api, form, type Reply, upload } from './http.ts';
import { passwordOf } from './passwords.ts';
import type { Person } from './sign-office.ts';
import type { TestApp } from './test-app.ts';

/** A unit under ORG, named by its code; `parentCode: null` sends none (a unit at the top). */
export const unit = async (app: TestApp, code: string, o: { name?: string; parentCode?: string | null } = {}): Promise<Reply['body']> => {
  const r = await api(app, app.adminToken, 'POST', '/api/v1/units', {
    code,
    name: o.name ?? code,
    ...(o.parentCode === null ? {} : { parentCode: o.parentCode ?? 'ORG' }),
  });
  expect(r.status, JSON.stringify(r.body)).to.equal(201);
  return r.body;
};

export interface UserFields {
  role?: string;
  unitCode?: string;
  name?: string;
  password?: string;
  /** `false`: created only (a test of the first login, or of an account never used). */
  login?: boolean;
  /** Anything else the account takes: clearance, email, nip, jabatan, mustChangePassword... */
  [field: string]: unknown;
}

/**
 * A user made by the admin, logged in (enrolling a second factor where the role needs one): a staff
 * member of ORG named "Bapak <username>" with the password `passwordOf(username)` unless told.
 */
export const user = async (app: TestApp, username: string, o: UserFields = {}): Promise<Person> => {
  const { role = 'staff', unitCode = 'ORG', name = `Bapak ${username}`, password = passwordOf(username), login = true, ...extra } = o;
  const r = await api(app, app.adminToken, 'POST', '/api/v1/users', { username, password, name, role, unitCode, ...extra });
  expect(r.status, JSON.stringify(r.body)).to.equal(201);
  return { id: String(r.body.id), username, token: login ? await app.login(username, String(password)) : '' };
};

export interface RegisteredLetter {
  id: string;
  documentId: string;
  body: Reply['body'];
  letter: GeneratedLetter;
  /** The scan sent: the generated letter as a PDF. */
  bytes: Uint8Array;
}

/**
 * The generated letter `seed` registered in the incoming register by `token` (a clerk): its own
 * number, date, sender and subject, urgency biasa, unless `fields` say otherwise.
 */
export const incomingLetter = async (
  app: TestApp,
  token: string,
  seed: number,
  fields: Record<string, string> = {},
  fileName = `surat-${seed}.pdf`,
): Promise<RegisteredLetter> => {
  const letter = generateLetter(seed);
  const bytes = await letterPdf([letter]);
  const r = await form(
    app,
    token,
    '/api/v1/letters/incoming',
    { letterNumber: letter.letterNumber, letterDate: letter.letterDate, sender: letter.sender, subject: letter.subject, urgency: 'biasa', ...fields },
    { name: fileName, bytes },
  );
  expect(r.status, JSON.stringify(r.body)).to.equal(201);
  return { id: String(r.body.id), documentId: String(r.body.documentId), body: r.body, letter, bytes };
};

/**
 * A document uploaded to the archive by `token`: the one-page letter fixture made unique by `tag`
 * (a PDF comment after its end: a new hash, the same text) in a file named after the tag, unless
 * `bytes` or `fileName` say otherwise; `fields` are the form's (title, securityLevel...).
 */
export const uploadedDocument = async (
  app: TestApp,
  token: string,
  tag: string,
  o: { fields?: Record<string, string>; bytes?: Uint8Array; fileName?: string } = {},
): Promise<{ id: string; body: Reply['body']; bytes: Uint8Array }> => {
  const bytes = o.bytes ?? Buffer.concat([await readFile(await ensureFixture('letter-1p.pdf')), Buffer.from(`\n%${tag}\n`)]);
  const r = await upload(app, token, '/api/v1/documents', [{ name: o.fileName ?? `${tag}.pdf`, bytes }], o.fields);
  expect(r.status, JSON.stringify(r.body)).to.equal(201);
  return { id: String(r.body.id), body: r.body, bytes };
};
