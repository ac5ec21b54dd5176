/**
 * For the backup tests: an office with something of everything a restore must bring back
 * (users with second factors, an incoming letter with its agenda number and a disposition, a
 * letter signed by the office CA), clients uploading while a backup runs, and the checks that a
 * restored office is the same office and keeps working.
 */
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { generateLetter } from '../../scripts/fixtures/letter-text.ts';
import { letterPdf } from '../../scripts/fixtures/letter-pdf.ts';
import type { Config } from '../../src/config/config.ts';
import { openSequelizeDatabase } from '../../src/infra/db/sequelize.database.ts';
import { ensureFixture } from './fixtures.ts';
import { api, form, upload } from './http.ts';
import { idle } from './leftovers.ts';
import { approvedLetter, issueCertificate, type Person, person, setUpUnits, sign, signedPdf, verifyUpload } from './sign-office.ts';
import type { TestApp } from './test-app.ts';
import { passwordOf } from './passwords.ts';

export const PIN = '482915';
export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export interface Office {
  people: Record<'clerk' | 'kabid' | 'staf' | 'konseptor' | 'sekda', Person>;
  agendaNumber: number;
  signedLetterId: string;
  letterNumber: string;
}

const IN = '/api/v1/letters/incoming';

/** Registers a generated incoming letter as the clerk; returns its agenda number. */
export const registerLetter = async (app: TestApp, clerk: Person, seed: number): Promise<{ id: string; agendaNumber: number }> => {
  const l = generateLetter(seed);
  const r = await form(
    app,
    clerk.token,
    IN,
    { letterNumber: l.letterNumber, letterDate: l.letterDate, sender: l.sender, subject: l.subject, urgency: 'segera' },
    { name: `surat-${seed}.pdf`, bytes: await letterPdf([l]) },
  );
  expect(r.status, JSON.stringify(r.body)).to.equal(201);
  return { id: String(r.body.id), agendaNumber: Number(r.body.agendaNumber) };
};

/** The sequence part of a letter number such as 005/12/SETDA/2026. */
export const sequenceOf = (letterNumber: string) => Number(letterNumber.split('/')[1]);

/** Builds the office: units, five people, a registered and disposed letter, a signed outgoing letter. */
export const buildOffice = async (app: TestApp): Promise<Office> => {
  await setUpUnits(app);
  const people = {
    clerk: await person(app, 'agendaris', 'clerk', 'BKD'),
    kabid: await person(app, 'kabid', 'official', 'BKD'),
    staf: await person(app, 'staf', 'staff', 'BKD'),
    konseptor: await person(app, 'konseptor', 'staff', 'SETDA'),
    sekda: await person(app, 'sekda', 'official', 'SETDA'),
  };
  const incoming = await registerLetter(app, people.clerk, 7);
  const d = await api(app, people.kabid.token, 'POST', `${IN}/${incoming.id}/dispositions`, {
    to: [{ userId: people.staf.id }],
    instruction: 'Siapkan jawaban',
  });
  expect(d.status, JSON.stringify(d.body)).to.equal(201);
  expect((await issueCertificate(app, people.sekda, PIN)).status).to.equal(201);
  const signedLetterId = await approvedLetter(app, people.konseptor, people.sekda);
  const s = await sign(app, people.sekda, signedLetterId, { pin: PIN, totp: app.nextTotp('sekda') });
  expect(s.status, JSON.stringify(s.body)).to.equal(200);
  await idle(app);
  return { people, agendaNumber: incoming.agendaNumber, signedLetterId, letterNumber: String(s.body.letterNumber) };
};

export interface Ack {
  id: string;
  sha256: string;
  ackedAt: number;
}

/** `clients` uploading distinct letters back to back until stopped; every acknowledged upload is kept. */
export const uploadClients = async (app: TestApp, token: string, clients = 20) => {
  const pdf = await readFile(await ensureFixture('letter-1p.pdf'));
  const acked: Ack[] = [];
  let running = true;
  const loops = Array.from({ length: clients }, async (_, c) => {
    for (let i = 0; running; i++) {
      const bytes = Buffer.concat([pdf, Buffer.from(`\n%client ${c} upload ${i} ${app.url}\n`)]);
      const r = await upload(app, token, '/api/v1/documents', [{ name: `c${c}-${i}.pdf`, bytes }]);
      if (r.status === 201) acked.push({ id: String(r.body.id), sha256: sha256(bytes), ackedAt: Date.now() });
      // A clerk's pace, not a flood: the machine also runs the backup and the office's workers.
      await new Promise((res) => setTimeout(res, 400));
    }
  });
  const until = Date.now() + 30_000;
  while (acked.length < clients && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  return {
    async stop(): Promise<Ack[]> {
      running = false;
      await Promise.all(loops);
      return acked;
    },
  };
};

/**
 * Checks the uploads against a restored office: every one acknowledged before the backup began
 * is there with the same bytes; each later one is there whole (row and bytes) or not at all.
 */
export const expectUploads = async (restored: TestApp, acked: Ack[], backupStartedAt: number): Promise<{ before: number; during: number; kept: number }> => {
  const { db, blobs } = restored.naskah.adapters;
  let kept = 0;
  for (const a of acked) {
    const doc = await db.documents.findById(a.id);
    if (a.ackedAt < backupStartedAt) expect(doc, `upload ${a.id} acknowledged before the backup`).to.not.equal(null);
    const stored = await blobs.stat(`originals/${a.sha256.slice(0, 2)}/${a.sha256.slice(2, 4)}/${a.sha256}`);
    if (!doc) {
      expect(stored, `no half of upload ${a.id}`).to.equal(null);
      continue;
    }
    kept++;
    expect(doc.sha256).to.equal(a.sha256);
    const chunks: Buffer[] = [];
    for await (const c of await blobs.get(doc.storageKey)) chunks.push(c as Buffer);
    expect(sha256(Buffer.concat(chunks))).to.equal(a.sha256);
  }
  return { before: acked.filter((a) => a.ackedAt < backupStartedAt).length, during: acked.filter((a) => a.ackedAt >= backupStartedAt).length, kept };
};

/** Every table of a database as sorted JSON rows (dates as ISO strings, booleans as true/false), read from a snapshot. */
export const tablesOf = async (database: Config['database']): Promise<Map<string, string[]>> => {
  const db = await openSequelizeDatabase(database);
  const snap = await db.snapshots.take({ scratchDir: os.tmpdir() });
  const out = new Map<string, string[]>();
  try {
    for await (const t of snap.tables()) {
      const rows: string[] = [];
      for await (const chunk of t.rows) for (const r of chunk) rows.push(JSON.stringify(Object.fromEntries(t.columns.map((c, i) => [c.name, r[i]]))));
      out.set(t.name, rows.sort());
    }
  } finally {
    await snap.close();
    await db.close();
  }
  return out;
};

/** Two databases hold the same rows in every table but `except`. */
export const expectSameTables = (a: Map<string, string[]>, b: Map<string, string[]>, except: string[] = []) => {
  expect([...b.keys()].sort()).to.deep.equal([...a.keys()].sort());
  for (const [name, rows] of a) if (!except.includes(name)) expect(b.get(name), `table ${name}`).to.deep.equal(rows);
};

/**
 * The restored office works as the old one did: people log in with their passwords and second
 * factors, the signed letter still verifies, the agenda and letter numbers continue where they
 * stopped, and the office CA issues a new certificate that signs.
 */
export const expectWorkingOffice = async (app: TestApp, office: Office, seed: number): Promise<void> => {
  const p = office.people;
  for (const who of [p.clerk, p.kabid, p.sekda, p.konseptor]) who.token = await app.login(who.username, passwordOf(who.username));
  const pdf = await signedPdf(app, p.sekda, office.signedLetterId);
  expect(pdf.status).to.equal(200);
  const checked = await verifyUpload(app, pdf.bytes);
  expect(checked.body).to.include({ valid: true, modifiedAfterSigning: false });
  expect(checked.body.knownLetter).to.include({ letterNumber: office.letterNumber });
  expect((await registerLetter(app, p.clerk, seed)).agendaNumber).to.equal(office.agendaNumber + 1);
  const issued = await issueCertificate(app, p.kabid, PIN);
  expect(issued.status, JSON.stringify(issued.body)).to.equal(201);
  const next = await approvedLetter(app, p.konseptor, p.kabid);
  const signed = await sign(app, p.kabid, next, { pin: PIN, totp: app.nextTotp('kabid') });
  expect(signed.status, JSON.stringify(signed.body)).to.equal(200);
  expect(sequenceOf(String(signed.body.letterNumber))).to.equal(sequenceOf(office.letterNumber) + 1);
  expect((await verifyUpload(app, (await signedPdf(app, p.kabid, next)).bytes)).body).to.include({ valid: true });
};
