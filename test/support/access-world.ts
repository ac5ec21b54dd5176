/**
 * The world of the access matrix (test/integration/access-matrix.test.ts), built over HTTP only:
 * a unit tree ORG → DINAS → BIDANG_A → SEKSI_A1 and DINAS → BIDANG_B, one document of every
 * security level filed for BIDANG_A (each with its own nonsense word), and one user for every
 * role × clearance × relation of their unit to BIDANG_A.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { api, upload } from './http.ts';
import { startTestApp, waitForDocument, type TestApp } from './test-app.ts';

export const ROLES = ['admin', 'clerk', 'official', 'staff', 'auditor'] as const;
export const LEVELS = ['biasa', 'terbatas', 'rahasia', 'sangat_rahasia'] as const;
export const RELATIONS = ['same', 'above', 'below', 'sibling'] as const;
export type Role = (typeof ROLES)[number];
export type Level = (typeof LEVELS)[number];
export type Relation = (typeof RELATIONS)[number];

/** Where a user of each relation to BIDANG_A (the documents' unit) works. */
export const UNIT_OF: Record<Relation, string> = { same: 'BIDANG_A', above: 'DINAS', below: 'SEKSI_A1', sibling: 'BIDANG_B' };

/**
 * One word per document, found nowhere else. Far apart (more than two edits from each other,
 * no shared prefix), since search forgives up to two typos and completes prefixes.
 */
export const WORD_OF: Record<Level, string> = { biasa: 'zorblatik', terbatas: 'quvendrox', rahasia: 'flimgustor', sangat_rahasia: 'grawptolux' };
/** A distinct classification per document, so the classificationCode facet shows which ones were counted. */
export const CLASSIFICATION_OF: Record<Level, string> = { biasa: '800.1', terbatas: '800.2', rahasia: '800.3', sangat_rahasia: '800.4' };

export const PASSWORD = 'sandi-panjang-sekali';

export interface MatrixUser {
  role: Role;
  clearance: Level;
  relation: Relation;
  username: string;
  token: string;
}

export interface MatrixDoc {
  level: Level;
  id: string;
  word: string;
  bytes: Uint8Array;
}

export interface AccessWorld {
  app: TestApp;
  users: MatrixUser[];
  docs: MatrixDoc[];
  /** The clerk who uploaded the four documents (outside the matrix). */
  uploaderId: string;
  /** Finds the matrix user with this role, clearance and relation. */
  user(role: Role, clearance: Level, relation: Relation): MatrixUser;
  doc(level: Level): MatrixDoc;
}

/** A one-page born-digital PDF whose text layer holds `word` (and enough letters to count as text). */
export const pdfWithWord = async (word: string): Promise<Uint8Array> => {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595.28, 841.89]);
  page.drawText('Surat dinas untuk pengujian hak akses dokumen.', { x: 64, y: 760, size: 12, font });
  page.drawText(`Kata kunci khusus surat ini adalah ${word} dan tidak ada yang lain.`, { x: 64, y: 740, size: 12, font });
  return pdf.save();
};

/** Runs `fn` over `items`, at most `n` at a time. */
export const inParallel = async <T, R>(items: readonly T[], n: number, fn: (item: T) => Promise<R>): Promise<R[]> => {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  return out;
};

const must = (what: string, r: { status: number; body: unknown }, status: number) => {
  if (r.status !== status) throw new Error(`${what}: expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
};

export const buildAccessWorld = async (): Promise<AccessWorld> => {
  const app = await startTestApp();
  try {
    const admin = app.adminToken;
    for (const u of [
      { code: 'DINAS', name: 'Dinas', parentCode: 'ORG' },
      { code: 'BIDANG_A', name: 'Bidang A', parentCode: 'DINAS' },
      { code: 'SEKSI_A1', name: 'Seksi A1', parentCode: 'BIDANG_A' },
      { code: 'BIDANG_B', name: 'Bidang B', parentCode: 'DINAS' },
    ])
      must(`unit ${u.code}`, await api(app, admin, 'POST', '/api/v1/units', u), 201);
    for (const code of Object.values(CLASSIFICATION_OF))
      must(`code ${code}`, await api(app, admin, 'POST', '/api/v1/classifications', { code, name: `Kode ${code}` }), 201);

    // The uploader stands outside the matrix: a clerk of BIDANG_A cleared for everything.
    const created = await api(app, admin, 'POST', '/api/v1/users', {
      username: 'pengarsip.a',
      password: PASSWORD,
      name: 'Pengarsip A',
      role: 'clerk',
      unitCode: 'BIDANG_A',
      clearance: 'sangat_rahasia',
    });
    must('uploader', created, 201);
    const uploader = await app.login('pengarsip.a', PASSWORD);
    const docs: MatrixDoc[] = [];
    for (const level of LEVELS) {
      const bytes = await pdfWithWord(WORD_OF[level]);
      const r = await upload(app, uploader, '/api/v1/documents', [{ name: `surat-${level}.pdf`, bytes }], {
        title: `Surat uji ${level.replace('_', ' ')}`,
        securityLevel: level,
        unitCode: 'BIDANG_A',
        classificationCode: CLASSIFICATION_OF[level],
      });
      must(`upload ${level}`, r, 201);
      docs.push({ level, id: String(r.body.id), word: WORD_OF[level], bytes });
    }
    for (const d of docs) {
      const body = await waitForDocument(app, uploader, d.id);
      if (body.status !== 'ready') throw new Error(`document ${d.level} is ${String(body.status)}: ${JSON.stringify(body)}`);
    }

    const specs = ROLES.flatMap((role) =>
      LEVELS.flatMap((clearance) => RELATIONS.map((relation) => ({ role, clearance, relation, username: `${role}.${clearance}.${relation}` }))),
    );
    // Password hashing dominates; a few at a time keeps the thread pool busy without queueing.
    const users = await inParallel(specs, 4, async (s) => {
      must(
        `user ${s.username}`,
        await api(app, admin, 'POST', '/api/v1/users', {
          username: s.username,
          password: PASSWORD,
          name: s.username,
          role: s.role,
          unitCode: UNIT_OF[s.relation],
          clearance: s.clearance,
        }),
        201,
      );
      return { ...s, token: await app.login(s.username, PASSWORD) };
    });
    return {
      app,
      users,
      docs,
      uploaderId: String(created.body.id),
      user: (role, clearance, relation) => users.find((u) => u.role === role && u.clearance === clearance && u.relation === relation)!,
      doc: (level) => docs.find((d) => d.level === level)!,
    };
  } catch (err) {
    await app.stop();
    throw err;
  }
};
