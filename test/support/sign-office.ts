/**
 * An office for the signing tests over HTTP: units, a drafter, reviewers and officials, letters
 * taken to `approved`, and the calls a signer and a member of the public make.
 */
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { SigningCredential } from '../../src/ports/pdf-signing.ts';
import { user } from './factories.ts';
import { api, type Reply } from './http.ts';
import { footprint, idle } from './leftovers.ts';
import type { TestApp } from './test-app.ts';

const run = promisify(execFile);
export const OUT = '/api/v1/letters/outgoing';
export const everything = {
  userId: 'test',
  unitCodes: 'all' as const,
  levels: ['biasa' as const, 'terbatas' as const, 'rahasia' as const, 'sangat_rahasia' as const],
};

export interface Person {
  id: string;
  username: string;
  token: string;
}

export const template = (body = 'Dengan hormat, kami mengundang Bapak/Ibu menghadiri rapat koordinasi kearsipan.') => ({
  addressee: 'Yth. Kepala Dinas Pendidikan\ndi\nTempat',
  body,
  place: 'Sleman',
  attachments: '1 (satu) berkas',
});

export const setUpUnits = async (app: TestApp): Promise<void> => {
  for (const [code, name] of [
    ['BKD', 'Badan Kepegawaian Daerah'],
    ['SETDA', 'Sekretariat Daerah'],
  ]) {
    const r = await api(app, app.adminToken, 'POST', '/api/v1/units', { code, name, parentCode: 'ORG' });
    expect(r.status, JSON.stringify(r.body)).to.equal(201);
  }
  await api(app, app.adminToken, 'PATCH', '/api/v1/units/ORG', { name: 'Pemerintah Kabupaten Sleman' });
};

/** Creates a user and logs them in (enrolling a second factor when their role needs one). */
export const person = (
  app: TestApp,
  username: string,
  role: string,
  unitCode: string,
  name = `Bapak ${username}`,
  extra: Record<string, unknown> = {},
): Promise<Person> => user(app, username, { role, unitCode, name, ...extra });

/** Creates and logs in each of `who` ([key, username, role, unitCode]), filling `ids` and `tokens` by key. */
export const people = async (
  app: TestApp,
  who: readonly (readonly [key: string, username: string, role: string, unitCode: string])[],
  ids: Record<string, string>,
  tokens: Record<string, string>,
): Promise<void> => {
  for (const [key, username, role, unitCode] of who) {
    const p = await person(app, username, role, unitCode);
    ids[key] = p.id;
    tokens[key] = p.token;
  }
};

/** A template letter drafted by `drafter` for `signer`, taken through its reviewers to `approved`. */
export const approvedLetter = async (
  app: TestApp,
  drafter: Person,
  signer: Person,
  reviewers: Person[] = [],
  over: Record<string, unknown> = {},
): Promise<string> => {
  const r = await api(app, drafter.token, 'POST', OUT, {
    subject: 'Undangan rapat koordinasi kearsipan',
    recipient: 'Dinas Pendidikan',
    classificationCode: '005',
    signerId: signer.id,
    reviewerIds: reviewers.map((p) => p.id),
    template: template(),
    ...over,
  });
  expect(r.status, JSON.stringify(r.body)).to.equal(201);
  const id = String(r.body.id);
  for (const rev of reviewers) expect((await api(app, rev.token, 'POST', `${OUT}/${id}/approve`)).status).to.equal(200);
  return id;
};

export const issueCertificate = async (app: TestApp, who: Person, pin: string, extra: Record<string, unknown> = {}): Promise<Reply> =>
  api(app, app.adminToken, 'POST', `/api/v1/users/${who.id}/certificate`, { pin, ...extra });

export const sign = (app: TestApp, who: Person, letterId: string, body: Record<string, unknown>): Promise<Reply> =>
  api(app, who.token, 'POST', `${OUT}/${letterId}/sign`, body);

/** Downloads a letter's signed PDF as `who`. */
export const signedPdf = async (app: TestApp, who: Person, letterId: string): Promise<{ status: number; headers: Headers; bytes: Uint8Array }> => {
  const res = await fetch(`${app.url}${OUT}/${letterId}/signed`, { headers: { authorization: `Bearer ${who.token}` } });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
};

/** POST /api/v1/verify without logging in, as anyone holding the file would. */
export const verifyUpload = async (app: TestApp, bytes: Uint8Array, name = 'surat.pdf'): Promise<Reply> => {
  const body = new FormData();
  body.append('file', new Blob([new Uint8Array(bytes)]), name);
  const res = await fetch(`${app.url}/api/v1/verify`, { method: 'POST', body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Reply['body']) : {} };
};

/** What a refused signing must leave as it was: the letter, rows, objects, temp files, the letter-number counter. */
export const signingState = async (app: TestApp, reader: Person, letterId: string) => {
  await idle(app);
  const letter = (await api(app, reader.token, 'GET', `${OUT}/${letterId}`)).body;
  const db = app.naskah.deps.db;
  const year = app.clock.now().getFullYear();
  const counters = await Promise.all([year - 1, year, year + 1].map((y) => db.signedLetters.counterValue(`letter:BKD:${y}`)));
  const signings = (await db.audit.list({ action: 'letter.outgoing_sign' }, everything, 1, 1)).total;
  return {
    footprint: await footprint(app),
    letter: { status: letter.status, letterNumber: letter.letterNumber, signedDocumentId: letter.signedDocumentId },
    counters,
    signings,
    registered: await db.signedLetters.findByLetter(letterId),
  };
};

/**
 * A PKCS#12 as a provider would hand it out, made by the openssl CLI (OpenSSL 3 defaults:
 * PBKDF2 + AES-256) from a credential the engine made.
 */
export const pkcs12Of = async (credential: SigningCredential, password: string): Promise<Uint8Array> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-p12-'));
  const pem = (der: Uint8Array) => `-----BEGIN CERTIFICATE-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n')}\n-----END CERTIFICATE-----\n`;
  try {
    await writeFile(path.join(dir, 'key.pem'), credential.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, { mode: 0o600 });
    await writeFile(path.join(dir, 'cert.pem'), pem(credential.certificate));
    await writeFile(path.join(dir, 'chain.pem'), credential.chain.map(pem).join(''));
    await run('openssl', [
      'pkcs12',
      '-export',
      '-inkey',
      path.join(dir, 'key.pem'),
      '-in',
      path.join(dir, 'cert.pem'),
      '-certfile',
      path.join(dir, 'chain.pem'),
      '-passout',
      `pass:${password}`,
      '-out',
      path.join(dir, 'out.p12'),
    ]);
    return new Uint8Array(await readFile(path.join(dir, 'out.p12')));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

/** Multipart import of a PKCS#12 for `who` (admin). */
export const importP12 = async (app: TestApp, who: Person, p12: Uint8Array, fields: Record<string, string>): Promise<Reply> => {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  body.append('p12', new Blob([new Uint8Array(p12)]), 'sertifikat.p12');
  const res = await fetch(`${app.url}/api/v1/users/${who.id}/certificate`, { method: 'POST', headers: { authorization: `Bearer ${app.adminToken}` }, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Reply['body']) : {} };
};
