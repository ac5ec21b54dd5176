/**
 * The records lifecycle (issue 11), in this process on an embedded office in a temp data dir:
 * - the daily retention pass over 1,000,000 records (--quick 100,000) on the embedded database:
 *   rows are seeded with the retention their code and date gave them a year ago, so today's
 *   pass has a year of the calendar to catch up on (every record is read against today; about a
 *   third move on). Bar ≤ 60 s (docs/quality.md). Applying the whole scheme anew (what a scheme
 *   change does) is reported alongside, without a bar.
 * - fixity: the fixity job re-hashing every stored original (2,000 files of 512 KB, --quick
 *   400), against `sha256sum` over the same files in the same run, page cache warm for both
 *   (each measured twice after a warming pass; medians). Bar ≥ 0.8 of sha256sum's throughput.
 * - a 10,000-record transfer package (--quick 2,000; 16 KB originals) streamed to nowhere:
 *   the growth of this process's peak RSS while streaming (VmHWM reset before). Bar ≤ 64 MB.
 */
import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import sqlite3 from 'sqlite3';
import { originalKey } from '../../src/app/documents/keys.ts';
import { continueFixity, startFixity } from '../../src/app/records/fixity.ts';
import { openTransferPackage } from '../../src/app/records/transfer-package.ts';
import { createTransfer } from '../../src/app/records/transfers.ts';
import { applyScheme, dailyRetentionPass } from '../../src/app/records/retention-pass.ts';
import type { Actor } from '../../src/domain/access.ts';
import { addYears, retentionOf } from '../../src/domain/retention.ts';
import { openOffice } from '../../test/support/open-office.ts';
import { type Bench, type BenchFigure, median } from './figure.ts';

const run = promisify(execFile);
const MB = 2 ** 20;
type Office = Awaited<ReturnType<typeof openOffice>>;

const SCHEME: [string, number | null, number | null, 'destroy' | 'permanent' | 'review' | null][] = [
  ['000.1', 2, 3, 'destroy'],
  ['000.5', 2, 8, 'review'],
  ['100.3', 3, 10, 'permanent'],
  ['800.1', 2, 3, 'destroy'],
  ['900.1', 2, 8, 'destroy'],
];

const seedScheme = async (o: Office) => {
  for (const [code, a, i, f] of SCHEME) {
    if (!(await o.deps.db.classifications.findByCode(code)))
      await o.deps.db.classifications.create({
        code,
        name: code,
        description: null,
        activeYears: a,
        inactiveYears: i,
        finalDisposition: f,
        active: true,
        updatedAt: new Date(),
      });
  }
};

/** Raw rows straight into the embedded database (seeding a million through the app would take hours). */
const seedRows = async (
  file: string,
  count: number,
  asOf: string,
  scheme: Awaited<ReturnType<typeof import('../../src/app/records/retention-scheme.ts').loadScheme>>,
) => {
  const db = new sqlite3.Database(file);
  const exec = (sql: string) => new Promise<void>((res, rej) => db.exec(sql, (e) => (e ? rej(e) : res())));
  await exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; BEGIN');
  const stmt = db.prepare(
    `INSERT INTO documents (id, kind, title, status, sha256, size, mime_type, storage_key, security_level, unit_code, document_date, tags, created_by, created_at, updated_at,
       classification_code, record_date, retention_phase, active_until, inactive_until, final_disposition)
     VALUES (?, 'document', ?, 'ready', ?, 1000, 'application/pdf', ?, 'biasa', ?, ?, '[]', 'bench', ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const put = (args: unknown[]) => new Promise<void>((res, rej) => stmt.run(args, (e) => (e ? rej(e) : res())));
  const created = new Date().toISOString().replace('T', ' ').replace('Z', ' +00:00');
  for (let i = 0; i < count; i++) {
    const code = SCHEME[i % SCHEME.length]![0];
    const day = addYears(`20${String(10 + (i % 16)).padStart(2, '0')}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`, 0);
    const r = retentionOf({ classificationCode: code, recordDate: day, permanent: false }, scheme, asOf);
    const sha = createHash('sha256').update(`bench-${i}`).digest('hex');
    await put([
      randomUUID(),
      `Arsip ${i}`,
      sha,
      originalKey(sha),
      `U${i % 20}`,
      day,
      created,
      created,
      code,
      day,
      r.phase,
      r.activeUntil,
      r.inactiveUntil,
      r.finalDisposition,
    ]);
    if (i % 100_000 === 99_999) await exec('COMMIT; BEGIN');
  }
  await new Promise<void>((res, rej) => stmt.finalize((e) => (e ? rej(e) : res())));
  await exec('COMMIT');
  await new Promise<void>((res) => db.close(() => res()));
};

const retentionFigures = async (quick: boolean): Promise<BenchFigure[]> => {
  const count = quick ? 100_000 : 1_000_000;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-records-bench-'));
  try {
    let o = await openOffice(dir, { RETENTION_PASS_HOURS: '0', FIXITY_EVERY_HOURS: '0' });
    await seedScheme(o);
    const { loadScheme, officeToday } = await import('../../src/app/records/retention-scheme.ts');
    const scheme = await loadScheme(o.deps.db);
    const today = officeToday(o.deps);
    await o.close();
    const t0 = performance.now();
    await seedRows(path.join(dir, 'naskah.sqlite'), count, addYears(today, -1), scheme);
    const seeded = (performance.now() - t0) / 1000;
    o = await openOffice(dir, { RETENTION_PASS_HOURS: '0', FIXITY_EVERY_HOURS: '0' });
    try {
      const t1 = performance.now();
      const pass = await dailyRetentionPass(o.deps);
      const passS = (performance.now() - t1) / 1000;
      const t2 = performance.now();
      const applied = await applyScheme(o.deps, 'all');
      const applyS = (performance.now() - t2) / 1000;
      return [
        {
          name: `daily retention pass, ${count.toLocaleString('en')} records (embedded SQLite)`,
          value: passS,
          unit: 's',
          bar: { op: '<=', limit: 60, of: 'value', row: 'retention-pass' },
          note: `moved ${pass.inactive} to inactive and ${pass.due} to due; seeded in ${seeded.toFixed(0)} s`,
        },
        {
          name: `whole scheme applied anew, ${count.toLocaleString('en')} records`,
          value: applyS,
          unit: 's',
          note: `${applied.groups} (code, date) groups, ${applied.applied} applied, ${applied.changed} phases changed`,
        },
      ];
    } finally {
      await o.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

const fixityFigures = async (quick: boolean): Promise<BenchFigure[]> => {
  const files = quick ? 400 : 2000;
  const size = 512 * 1024;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-fixity-bench-'));
  const o = await openOffice(dir, { RETENTION_PASS_HOURS: '0', FIXITY_EVERY_HOURS: '0' });
  try {
    const now = new Date();
    await o.deps.db.transaction(async (tx) => {
      for (let i = 0; i < files; i++) {
        const bytes = createHash('sha512').update(`f${i}`).digest();
        const body = Buffer.alloc(size);
        for (let at = 0; at < size; at += bytes.length) bytes.copy(body, at);
        body.writeUInt32BE(i, 0);
        const sha = createHash('sha256').update(body).digest('hex');
        await o.deps.blobs.putBuffer(originalKey(sha), body, 'application/pdf');
        await tx.documents.create(
          {
            id: randomUUID(),
            kind: 'document',
            title: `f${i}`,
            sha256: sha,
            size,
            mimeType: 'application/pdf',
            storageKey: originalKey(sha),
            originalName: null,
            pages: 1,
            classificationCode: null,
            securityLevel: 'biasa',
            unitCode: 'ORG',
            documentDate: null,
            tags: [],
            letterNumber: null,
            sender: null,
            createdBy: 'bench',
            batchId: null,
            retention: { recordDate: '2020-01-01', phase: 'unclassified', activeUntil: null, inactiveUntil: null, finalDisposition: null },
          },
          now,
        );
      }
    });
    const objects = path.join(dir, 'objects', 'originals');
    const list: string[] = [];
    const walk = async (d: string) => {
      for (const e of await readdir(d, { withFileTypes: true })) e.isDirectory() ? await walk(path.join(d, e.name)) : list.push(path.join(d, e.name));
    };
    await walk(objects);
    const sha256sum = async () => {
      const t = performance.now();
      for (let i = 0; i < list.length; i += 200) await run('sha256sum', list.slice(i, i + 200), { maxBuffer: 64 * MB });
      return (performance.now() - t) / 1000;
    };
    const fixity = async () => {
      const started = await startFixity(o.deps, 'demand', null);
      const t = performance.now();
      for (;;) {
        const r = await o.deps.db.fixity.findById(started!.id);
        if (r?.status === 'done') break;
        await continueFixity(o.deps, { runId: started!.id });
      }
      const s = (performance.now() - t) / 1000;
      const r = (await o.deps.db.fixity.findById(started!.id))!;
      if (r.ok !== files) throw new Error(`fixity found ${r.ok} of ${files} intact`);
      return s;
    };
    await sha256sum(); // warm the page cache
    const ours: number[] = [];
    const ref: number[] = [];
    for (let i = 0; i < 2; i++) {
      ref.push(await sha256sum());
      ours.push(await fixity());
    }
    const total = (files * size) / MB;
    return [
      {
        name: `fixity re-hash, ${files} originals of 512 KB`,
        value: total / median(ours),
        unit: 'MB/s',
        reference: { name: 'sha256sum over the same files', value: total / median(ref) },
        bar: { op: '>=', limit: 0.8, row: 'fixity', of: 'ratio' },
      },
    ];
  } finally {
    await o.close();
    await rm(dir, { recursive: true, force: true });
  }
};

const hwm = async () => Number(/^VmHWM:\s+(\d+) kB/m.exec(await (await import('node:fs/promises')).readFile('/proc/self/status', 'utf8'))![1]) * 1024;

const transferFigures = async (quick: boolean): Promise<BenchFigure[]> => {
  const count = quick ? 2000 : 10_000;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-transfer-bench-'));
  const o = await openOffice(dir, { RETENTION_PASS_HOURS: '0', FIXITY_EVERY_HOURS: '0' });
  try {
    await seedScheme(o);
    if (!(await o.deps.db.units.findByCode('ORG'))) await o.deps.db.units.create({ code: 'ORG', name: 'Pemerintah Kabupaten Contoh', parentCode: null });
    const archivist = await o.deps.db.users.create({
      id: randomUUID(),
      username: 'arsip-bench',
      passwordHash: 'x',
      name: 'Arsiparis',
      roles: ['archivist'],
      unitCode: 'ORG',
      clearance: 'biasa',
      disabled: false,
      totpSecret: null,
      totpEnabledAt: null,
      totpLastStep: null,
    });
    const actor: Actor = { id: archivist.id, roles: ['archivist'], unitCode: 'ORG', clearance: 'biasa' };
    const ids: string[] = [];
    const now = new Date();
    await o.deps.db.transaction(async (tx) => {
      for (let i = 0; i < count; i++) {
        const body = Buffer.alloc(16 * 1024, i % 251);
        body.writeUInt32BE(i, 0);
        const sha = createHash('sha256').update(body).digest('hex');
        await o.deps.blobs.putBuffer(originalKey(sha), body, 'application/pdf');
        const doc = await tx.documents.create(
          {
            id: randomUUID(),
            kind: 'document',
            title: `Peraturan ${i}`,
            sha256: sha,
            size: body.length,
            mimeType: 'application/pdf',
            storageKey: originalKey(sha),
            originalName: null,
            pages: 1,
            classificationCode: '100.3',
            securityLevel: 'biasa',
            unitCode: 'ORG',
            documentDate: '2000-01-01',
            tags: [],
            letterNumber: null,
            sender: null,
            createdBy: actor.id,
            batchId: null,
            retention: { recordDate: '2000-01-01', phase: 'due', activeUntil: '2003-01-01', inactiveUntil: '2013-01-01', finalDisposition: 'permanent' },
          },
          now,
        );
        ids.push(doc.id);
      }
    });
    const t0 = performance.now();
    const t = await createTransfer(o.deps, actor, { documentIds: ids, recipient: 'Dinas Kearsipan Provinsi' });
    const prepared = (performance.now() - t0) / 1000;
    const before = process.memoryUsage().rss;
    await (await import('node:fs/promises')).writeFile('/proc/self/clear_refs', '5');
    const t1 = performance.now();
    const { stream } = await openTransferPackage(o.deps, actor, t.id);
    let bytes = 0;
    await pipeline(stream, new Writable({ write: (c: Buffer, _e, cb) => ((bytes += c.length), cb()) }));
    const streamed = (performance.now() - t1) / 1000;
    const growth = ((await hwm()) - before) / MB;
    return [
      {
        name: `transfer package of ${count.toLocaleString('en')} records streamed: peak RSS growth`,
        value: growth,
        unit: 'MB',
        bar: { op: '<=', limit: 64, of: 'value', row: 'transfer-memory' },
        note: `${(bytes / MB).toFixed(0)} MB in ${streamed.toFixed(1)} s; preparing it (sealed minutes of ${count} lines) took ${prepared.toFixed(1)} s`,
      },
    ];
  } finally {
    await o.close();
    await rm(dir, { recursive: true, force: true });
  }
};

const bench: Bench = async ({ quick }) => [...(await retentionFigures(quick)), ...(await fixityFigures(quick)), ...(await transferFigures(quick))];

export default bench;
