/**
 * The office the UI bench clicks through: the e2e office (test/e2e/support/office.ts: units BKD
 * and BKD-MUT, a clerk, two officials with TOTP, two staff, the signing CA), plus
 * - a corpus of born-digital letters (generated text, a real 1-page PDF each) written the way
 *   the upload → extract → index pipeline leaves them (document row, page text, stored original,
 *   search entry, status `ready`), through the repositories and the search index in batches:
 *   the pipeline itself takes ~75 ms a document on 2 cores, too slow for thousands;
 * - incoming letters registered by the clerk over the API and disposed by the office head to
 *   BKD (the staff member's unit), and outgoing template drafts by the staff member under review.
 */
import { createHash, randomUUID } from 'node:crypto';
import { loadSearchDocuments } from '../../../src/app/documents/search-document.ts';
import { originalKey } from '../../../src/app/documents/keys.ts';
import type { DocumentRecord } from '../../../src/domain/document.ts';
import { type Office, setUpOffice } from '../../../test/e2e/support/office.ts';
import { api, form } from '../../../test/support/http.ts';
import { idle } from '../../../test/support/leftovers.ts';
import { ADMIN, type TestApp } from '../../../test/support/test-app.ts';
import { letterPdf } from '../../fixtures/letter-pdf.ts';
import { type GeneratedLetter, generateLetter } from '../../fixtures/letter-text.ts';
import { retentionForNew } from '../../../src/app/records/retention-scheme.ts';

export interface UiOffice extends Office {
  admin: { id: string; username: string; password: string; name: string; totp: boolean };
  corpus: number;
  letters: number;
}

const UNITS = ['ORG', 'BKD', 'BKD-MUT'];
const BATCH = 250;
/** Corpus letters use seeds from here; incoming letters and uploads use others. */
export const CORPUS_SEED = 100_000;
export const LETTER_SEED = 50_000;
export const UPLOAD_SEED = 70_000;

const check = (what: string, r: { status: number; body: unknown }, ok: number) => {
  if (r.status !== ok) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
};

/** `count` generated letters as ready, searchable documents of the admin, spread over the units. */
const seedCorpus = async (app: TestApp, count: number, adminId: string): Promise<void> => {
  const { db, blobs, search } = app.naskah.deps;
  for (let from = 0; from < count; from += BATCH) {
    const made: DocumentRecord[] = [];
    const letters: { i: number; letter: GeneratedLetter; bytes: Buffer; sha256: string }[] = [];
    for (let i = from; i < Math.min(count, from + BATCH); i++) {
      const letter = generateLetter(CORPUS_SEED + i);
      const bytes = Buffer.from(await letterPdf([letter]));
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      await blobs.putBuffer(originalKey(sha256), bytes, 'application/pdf');
      letters.push({ i, letter, bytes, sha256 });
    }
    await db.transaction(async (tx) => {
      for (const { i, letter, bytes, sha256 } of letters) {
        // Spread over the last year, newest first in the index's order.
        const at = new Date(Date.now() - (count - i) * 3_600_000);
        const doc = await tx.documents.create(
          {
            id: randomUUID(),
            kind: 'document',
            title: letter.subject,
            sha256,
            size: bytes.length,
            mimeType: 'application/pdf',
            storageKey: originalKey(sha256),
            originalName: `surat-${letter.seed}.pdf`,
            pages: 1,
            classificationCode: letter.classificationCode,
            securityLevel: 'biasa',
            unitCode: UNITS[i % UNITS.length]!,
            documentDate: letter.letterDate,
            tags: [],
            letterNumber: letter.letterNumber,
            sender: letter.sender,
            createdBy: adminId,
            batchId: null,
            retention: await retentionForNew(
              app.naskah.deps,
              { kind: 'document', classificationCode: letter.classificationCode, documentDate: letter.letterDate },
              tx,
            ),
          },
          at,
        );
        await tx.pages.replace(doc.id, [{ page: 1, text: letter.text, source: 'pdf-text' }]);
        await tx.documents.setStatus(doc.id, 'ready', { textSource: 'pdf-text', pages: 1 }, at);
        made.push(doc);
      }
    });
    // Read back: the index entry carries the committed status and dates.
    const docs = (await Promise.all(made.map((d) => db.documents.findById(d.id)))).filter((d): d is DocumentRecord => d !== null);
    await search.upsert(await loadSearchDocuments(db, docs));
  }
};

const URGENCIES = ['biasa', 'segera', 'sangat_segera'];

/** Incoming letters registered by the clerk, each disposed by the head to BKD with a due date. */
const seedLetters = async (app: TestApp, office: Office, count: number): Promise<void> => {
  const clerk = await app.login(office.clerk.username, office.clerk.password);
  const head = await app.login(office.head.username, office.head.password);
  for (let i = 0; i < count; i++) {
    const l = generateLetter(LETTER_SEED + i);
    const r = await form(
      app,
      clerk,
      '/api/v1/letters/incoming',
      { letterNumber: l.letterNumber, letterDate: l.letterDate, sender: l.sender, subject: l.subject, urgency: URGENCIES[i % 3]! },
      { name: `masuk-${i}.pdf`, bytes: await letterPdf([l]) },
    );
    check(`register incoming ${i}`, r, 201);
    const due = new Date(Date.now() + (2 + (i % 9)) * 86_400_000).toISOString();
    const d = await api(app, head, 'POST', `/api/v1/letters/incoming/${String(r.body.id)}/dispositions`, {
      to: [{ unitCode: 'BKD' }],
      instruction: `Mohon ditindaklanjuti (${i + 1}).`,
      actions: ['untuk_ditindaklanjuti'],
      dueAt: due,
    });
    check(`dispose incoming ${i}`, d, 201);
  }
};

/** Template drafts by the staff member, reviewed by the head of division, signed by the head. */
const seedDrafts = async (app: TestApp, office: Office, count: number): Promise<void> => {
  const staff = await app.login(office.staff.username, office.staff.password);
  for (let i = 0; i < count; i++) {
    const r = await api(app, staff, 'POST', '/api/v1/letters/outgoing', {
      subject: `Jawaban pemeliharaan jembatan ${i + 1}`,
      recipient: 'Dinas Pekerjaan Umum',
      classificationCode: '640',
      signerId: office.head.id,
      reviewerIds: [office.division.id],
      template: {
        addressee: 'Yth. Kepala Dinas Pekerjaan Umum\ndi\nSleman',
        body: `Dengan hormat, menindaklanjuti surat Saudara (${i + 1}), pemeliharaan jembatan gantung akan dijadwalkan.`,
        place: 'Sleman',
      },
    });
    check(`outgoing draft ${i}`, r, 201);
  }
};

export const seedOffice = async (app: TestApp, o: { corpus: number; letters: number; drafts: number }): Promise<UiOffice> => {
  const office = await setUpOffice(app);
  const adminRecord = await app.naskah.deps.db.users.findByUsername(ADMIN.username);
  if (!adminRecord) throw new Error('no admin user');
  const admin = { id: adminRecord.id, username: ADMIN.username, password: ADMIN.password, name: adminRecord.name, totp: true };
  await seedCorpus(app, o.corpus, admin.id);
  await seedLetters(app, office, o.letters);
  await seedDrafts(app, office, o.drafts);
  // The worker reads and indexes the letters and drafts: let it finish, so it is idle while the browser is timed.
  await idle(app, 120_000);
  return { ...office, admin, corpus: o.corpus, letters: o.letters };
};
