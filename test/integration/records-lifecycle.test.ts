import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { type DatabaseTarget, databaseTargets } from '../support/databases.ts';
import { describeOnDatabase } from '../support/for-each-database.ts';
import { letterPdf } from '../../scripts/fixtures/letter-pdf.ts';
import { generateLetter } from '../../scripts/fixtures/letter-text.ts';
import { searchableKey } from '../../src/app/documents/keys.ts';
import { api, expectProblem, upload } from '../support/http.ts';
import { archive, eventually, type RecordsPeople, setUpRecordsOffice } from '../support/records-office.ts';
import { startS3rver, type TestS3Server } from '../support/s3rver.ts';

const run = promisify(execFile);
type Json = Record<string, unknown>;

/** Every file name under `dir`, recursively. */
const filesUnder = async (dir: string): Promise<string[]> => {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(p)));
    else out.push(p);
  }
  return out;
};

const setups: { name: string; target: DatabaseTarget; s3: boolean }[] = databaseTargets().flatMap((target) =>
  target.name === 'sqlite'
    ? [
        { name: 'sqlite, local disk', target, s3: false },
        { name: 'sqlite, S3 (s3rver)', target, s3: true },
      ]
    : [{ name: `${target.name}, S3 (s3rver)`, target, s3: true }],
);

for (const setup of setups) {
  describeOnDatabase(
    setup.target,
    () => `records lifecycle over HTTP (${setup.name})`,
    { timeout: 180_000 },
    ({ app, beforeStart }) => {
      let s3: TestS3Server | undefined;
      let t: RecordsPeople;
      const doc: Record<'dueA' | 'dueB' | 'held' | 'permA' | 'permB' | 'young' | 'loose', string> = {
        dueA: '',
        dueB: '',
        held: '',
        permA: '',
        permB: '',
        young: '',
        loose: '',
      };
      const sha: Record<string, string> = {};
      let holdId = '';
      let disposalId = '';
      let transferId = '';

      const get = async (token: string, p: string) => {
        const r = await api(app, token, 'GET', p);
        expect(r.status, `${p}: ${JSON.stringify(r.body)}`).to.equal(200);
        return r.body as Json;
      };
      const retentionOf = async (id: string) => (await get(t.archivist, `/api/v1/documents/${id}`)).retention as Json;
      /** Where the bytes of `sha256` could still be: the data dir, or s3rver's directory (which keeps metadata files beside each object). */
      const storedCopies = async (sha256: string) =>
        (await filesUnder(s3 ? s3.directory : path.join(app.dataDir, 'objects'))).filter((f) => f.includes(sha256) && (!s3 || f.endsWith('._S3rver_object')));

      beforeStart(async () => {
        if (setup.s3) s3 = await startS3rver({ buckets: ['naskah'] });
        return s3
          ? { STORAGE_DRIVER: 's3', S3_ENDPOINT: s3.endpoint, S3_ACCESS_KEY: s3.accessKey, S3_SECRET_KEY: s3.secretKey, S3_BUCKET: 'naskah' }
          : undefined;
      });
      before(async () => {
        t = await setUpRecordsOffice(app);
        const today = new Date().toISOString().slice(0, 10);
        doc.dueA = await archive(app, t.clerk, 4101, { classificationCode: '000.5', documentDate: '2015-01-10', title: 'Daftar hadir rapat 2015' });
        doc.dueB = await archive(app, t.clerk, 4102, { classificationCode: '000.5.1', documentDate: '2016-03-01' });
        doc.held = await archive(app, t.clerk, 4103, { classificationCode: '000.5', documentDate: '2015-02-02' });
        doc.permA = await archive(app, t.clerk, 4104, { classificationCode: '100.1', documentDate: '2010-05-05' });
        doc.permB = await archive(app, t.clerk, 4105, { classificationCode: '100.1.2', documentDate: '2012-01-01' });
        doc.young = await archive(app, t.clerk, 4106, { classificationCode: '000.5', documentDate: today });
        doc.loose = await archive(app, t.clerk, 4107, {});
        for (const [k, id] of Object.entries(doc)) sha[k] = String((await get(t.archivist, `/api/v1/documents/${id}`)).sha256);
      });
      after(async () => {
        await s3?.destroy();
      });

      it('refuses unknown and retired codes on new records, and a scheme file with one bad line changes nothing', async () => {
        const bytes = await letterPdf([generateLetter(4190)]);
        const p = expectProblem(await upload(app, t.clerk, '/api/v1/documents', [{ name: 'x.pdf', bytes }], { classificationCode: '999.9' }), 422);
        expect(JSON.stringify(p.errors)).to.contain('unknown classification code 999.9');
        expect((await api(app, t.archivist, 'PATCH', '/api/v1/classifications/100.1.2', { active: false })).status).to.equal(200);
        const retired = expectProblem(await upload(app, t.clerk, '/api/v1/documents', [{ name: 'x.pdf', bytes }], { classificationCode: '100.1.2' }), 422);
        expect(String(retired.detail)).to.match(/retired/);
        expect((await api(app, t.archivist, 'PATCH', '/api/v1/classifications/100.1.2', { active: true })).status).to.equal(200);

        const before = await get(t.archivist, '/api/v1/classifications?all=true&limit=1000');
        const csv =
          'code,name,activeYears,inactiveYears,finalDisposition\n900.7,Baru,1,1,destroy\n900.8,Tahun salah,x,1,destroy\n123.4.5,Tanpa induk,1,1,destroy\n';
        const res = await fetch(`${app.url}/api/v1/classifications/import`, {
          method: 'POST',
          headers: { authorization: `Bearer ${t.archivist}`, 'content-type': 'text/csv' },
          body: csv,
        });
        expect(res.status).to.equal(422);
        const body = (await res.json()) as { errors: { line: number; message: string; code: string }[] };
        expect(body.errors.map((e) => e.line)).to.deep.equal([3, 4]);
        // Each line names its rule, so the page says it in Indonesian (issue 18).
        expect(body.errors.map((e) => e.code)).to.deep.equal(['scheme_years', 'scheme_parent']);
        expect(body.errors[0]!.message).to.match(/activeYears/);
        expect(body.errors[1]!.message).to.match(/parent 123\.4/);
        expect((await get(t.archivist, '/api/v1/classifications?all=true&limit=1000')).total).to.equal(before.total);
      });

      it('gives every record its retention from its code and date, refinements inheriting their parent', async () => {
        const a = await retentionOf(doc.dueA);
        expect(a).to.include({
          classificationCode: '000.5',
          recordDate: '2015-01-10',
          activeUntil: '2016-01-10',
          inactiveUntil: '2018-01-10',
          finalDisposition: 'destroy',
          phase: 'due',
        });
        expect(a.holds).to.deep.equal([]);
        expect(await retentionOf(doc.permB)).to.include({
          finalDisposition: 'permanent',
          activeUntil: '2014-01-01',
          inactiveUntil: '2019-01-01',
          phase: 'due',
        });
        expect((await retentionOf(doc.young)).phase).to.equal('active');
        expect((await retentionOf(doc.loose)).phase).to.equal('unclassified');
        const unclassified = await get(t.archivist, '/api/v1/records/unclassified');
        expect((unclassified.items as Json[]).map((i) => i.id)).to.deep.equal([doc.loose]);
      });

      it('lists due records by final disposition, finds a code with its refinements, and filters search by phase', async () => {
        const due = await get(t.archivist, '/api/v1/records/due?finalDisposition=destroy');
        expect((due.items as Json[]).map((i) => i.id).sort()).to.deep.equal([doc.dueA, doc.dueB, doc.held].sort());
        expect((await get(t.archivist, '/api/v1/records/due?finalDisposition=permanent')).total).to.equal(2);
        expectProblem(await api(app, t.clerk, 'GET', '/api/v1/records/due'), 403);
        const byCode = await get(t.archivist, '/api/v1/search?q=&classificationCode=000.5');
        expect((byCode.items as Json[]).map((i) => i.id).sort()).to.deep.equal([doc.dueA, doc.dueB, doc.held, doc.young].sort());
        const dueOnly = await get(t.archivist, '/api/v1/search?q=&retentionPhase=due');
        expect(dueOnly.total).to.equal(5);
        expect((dueOnly.facets as Json).retentionPhase).to.deep.equal({ due: 5 });
      });

      it('holds records: held ones leave the due list, cannot be proposed, and the hold is audited', async () => {
        const r = await api(app, t.auditor, 'POST', '/api/v1/holds', {
          name: 'Pemeriksaan BPK 2026',
          reason: 'Audit keuangan sedang berjalan',
          documentIds: [doc.held],
        });
        expect(r.status, JSON.stringify(r.body)).to.equal(201);
        holdId = String(r.body.id);
        expect(await retentionOf(doc.held)).to.deep.include({ phase: 'held', holds: [{ id: holdId, name: 'Pemeriksaan BPK 2026' }] });
        expect(((await get(t.archivist, '/api/v1/records/due?finalDisposition=destroy')).items as Json[]).map((i) => i.id)).to.not.include(doc.held);
        const p = expectProblem(
          await api(app, t.archivist, 'POST', '/api/v1/disposals', { documentIds: [doc.dueA, doc.held, doc.young, doc.permA], reason: 'Retensi habis' }),
          422,
        );
        const said = JSON.stringify(p.errors);
        expect(said).to.contain(`${doc.held}`).and.contain('legal hold');
        expect(said).to.contain(`${doc.young}`).and.contain('has not ended');
        expect(said).to.contain(`${doc.permA}`).and.contain('not destroy');
        expect(said).to.not.contain(`${doc.dueA} `);
        expect((await get(t.archivist, '/api/v1/disposals')).total).to.equal(0);
      });

      it('runs a disposal: propose, no self-approval, no execution before approval, approval by the head, execution once', async () => {
        const p = await api(app, t.head2, 'POST', '/api/v1/disposals', { documentIds: [doc.dueA, doc.dueB], reason: 'Retensi habis menurut JRA' });
        expect(p.status, JSON.stringify(p.body)).to.equal(201);
        expect(p.body).to.include({ status: 'proposed', items: 2 });
        disposalId = String(p.body.id);
        expectProblem(await api(app, t.head2, 'POST', `/api/v1/disposals/${disposalId}/approve`, {}), 403);
        expectProblem(await api(app, t.archivist, 'POST', `/api/v1/disposals/${disposalId}/execute`, {}), 409);
        expect((await get(t.head, '/api/v1/notifications')).items as Json[]).to.satisfy((n: Json[]) => n.some((x) => x.kind === 'disposal_approval'));
        const a = await api(app, t.head, 'POST', `/api/v1/disposals/${disposalId}/approve`, { note: 'Setuju' });
        expect(a.status, JSON.stringify(a.body)).to.equal(200);
        expect(a.body).to.include({ status: 'approved' });
        const [one, two] = await Promise.all([
          api(app, t.archivist, 'POST', `/api/v1/disposals/${disposalId}/execute`, {}),
          api(app, t.head2, 'POST', `/api/v1/disposals/${disposalId}/execute`, {}),
        ]);
        const statuses = [one.status, two.status].sort();
        expect(statuses, JSON.stringify([one.body, two.body])).to.deep.equal([200, 409]);
        const won = one.status === 200 ? one : two;
        expect(won.body).to.include({ status: 'executed' });
        expect(won.body.minutesDocumentId).to.be.a('string');
        expect(String(won.body.minutesNumber)).to.match(/^BA-PMS\/1\/ORG\/\d{4}$/);
      });

      it('destroys the originals, text, index entries and every stored copy, keeping a stub that says what and who', async () => {
        for (const k of ['dueA', 'dueB'] as const) {
          const d = await get(t.archivist, `/api/v1/documents/${doc[k]}`);
          expect(d).to.include({ sha256: sha[k] });
          expect(d.retention).to.deep.include({ phase: 'disposed', classificationCode: k === 'dueA' ? '000.5' : '000.5.1' });
          expect((d.disposal as Json).id).to.equal(disposalId);
          expect((await api(app, t.archivist, 'GET', `/api/v1/documents/${doc[k]}/content`)).status).to.equal(410);
          expect((await api(app, t.archivist, 'GET', `/api/v1/documents/${doc[k]}/text`)).status).to.equal(410);
          expect(await storedCopies(sha[k]!), k).to.deep.equal([]);
          expect(await app.naskah.deps.db.pages.get(doc[k])).to.deep.equal([]);
        }
        const ids: string[] = [];
        for await (const id of app.naskah.deps.search.ids()) ids.push(id);
        expect(ids).to.not.include(doc.dueA).and.not.include(doc.dueB);
        expect(await storedCopies(sha.held!)).to.have.length(1); // the held record kept its bytes
        const disposal = await get(t.auditor, `/api/v1/disposals/${disposalId}`);
        expect((disposal.items as Json[]).map((i) => i.state)).to.deep.equal(['destroyed', 'destroyed']);
        const audit = await get(t.auditor, `/api/v1/audit?documentId=${doc.dueA}`);
        expect((audit.items as Json[]).map((e) => e.action)).to.include('record.destroy');
        expect(await get(t.auditor, '/api/v1/audit/verify')).to.include({ intact: true });
        expectProblem(await api(app, t.auditor, 'POST', '/api/v1/holds', { name: 'Terlambat', reason: 'Sudah musnah', documentIds: [doc.dueA] }), 422);
      });

      it('writes the minutes as a permanent document sealed by the office, listing the records, that verifies', async () => {
        const disposal = await get(t.archivist, `/api/v1/disposals/${disposalId}`);
        const minutes = await get(t.archivist, `/api/v1/documents/${String(disposal.minutesDocumentId)}`);
        expect(minutes).to.include({ kind: 'minutes', letterNumber: disposal.minutesNumber });
        expect(minutes.retention).to.include({ finalDisposition: 'permanent', phase: 'active' });
        const text = await eventually(
          'minutes text',
          () => get(t.archivist, `/api/v1/documents/${String(minutes.id)}/text`),
          (x) => String(x.text).length > 0,
        );
        expect(String(text.text)).to.contain('Berita Acara Pemusnahan Arsip').and.contain(sha.dueA!.slice(0, 16)).and.contain(sha.dueB!.slice(0, 16));
        const pdf = Buffer.from(
          await (
            await fetch(`${app.url}/api/v1/documents/${String(minutes.id)}/content`, { headers: { authorization: `Bearer ${t.archivist}` } })
          ).arrayBuffer(),
        );
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(pdf)]), 'ba.pdf');
        const verified = (await (await fetch(`${app.url}/api/v1/verify`, { method: 'POST', body: form })).json()) as Json;
        expect(verified, JSON.stringify(verified)).to.include({ valid: true, modifiedAfterSigning: false });
        expect((verified.knownLetter as Json).letterNumber).to.equal(disposal.minutesNumber);
        // The minutes are a leaf of the public log, as issued letters are (issue 20).
        const sha256 = createHash('sha256').update(pdf).digest('hex');
        expect(verified.log, JSON.stringify(verified.log)).to.include({ recorded: true, verified: true });
        const logged = (
          await api(app, null, 'GET', `/log/leaves?start=${Number((verified.log as Json).index)}&end=${Number((verified.log as Json).index) + 1}`)
        ).body.leaves as Json[];
        expect(String(logged[0]!.text))
          .to.contain('kind disposal-minutes\n')
          .and.contain(`number ${String(disposal.minutesNumber)}\n`)
          .and.contain(`sha256 ${sha256}\n`);
      });

      it('releases a hold: the record is due again, with the release audited', async () => {
        expectProblem(await api(app, t.clerk, 'POST', `/api/v1/holds/${holdId}/release`, { reason: 'Selesai' }), 403);
        const r = await api(app, t.archivist, 'POST', `/api/v1/holds/${holdId}/release`, { reason: 'Pemeriksaan selesai' });
        expect(r.status, JSON.stringify(r.body)).to.equal(200);
        expect(await retentionOf(doc.held)).to.deep.include({ phase: 'due', holds: [] });
        expectProblem(await api(app, t.archivist, 'POST', `/api/v1/holds/${holdId}/release`, { reason: 'lagi' }), 409);
      });

      it('transfers permanent records as a BagIt bag that sha256sum checks, then marks them transferred', async () => {
        const wrong = expectProblem(
          await api(app, t.archivist, 'POST', '/api/v1/transfers', { documentIds: [doc.permA, doc.held], recipient: 'Dinas Kearsipan Provinsi' }),
          422,
        );
        expect(JSON.stringify(wrong.errors)).to.contain(doc.held).and.contain('not permanent');
        const r = await api(app, t.archivist, 'POST', '/api/v1/transfers', { documentIds: [doc.permA, doc.permB], recipient: 'Dinas Kearsipan Provinsi' });
        expect(r.status, JSON.stringify(r.body)).to.equal(201);
        transferId = String(r.body.id);
        expect(String(r.body.minutesNumber)).to.match(/^BA-PSR\/1\/ORG\//);
        // As if permA were a scan: its searchable copy (made by OCR) goes into the package beside the original.
        const copy = Buffer.from(await letterPdf([generateLetter(4199)]));
        await app.naskah.deps.blobs.putBuffer(searchableKey(doc.permA), copy, 'application/pdf');
        const res = await fetch(`${app.url}/api/v1/transfers/${transferId}/package`, { headers: { authorization: `Bearer ${t.archivist}` } });
        expect(res.status).to.equal(200);
        expect(res.headers.get('content-type')).to.equal('application/zip');
        const dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-bag-'));
        try {
          await writeFile(path.join(dir, 'bag.zip'), Buffer.from(await res.arrayBuffer()));
          await run('unzip', ['-q', 'bag.zip'], { cwd: dir });
          const [bag] = (await readdir(dir)).filter((n) => n !== 'bag.zip');
          const root = path.join(dir, bag!);
          expect(await readFile(path.join(root, 'bagit.txt'), 'utf8')).to.equal('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
          const check = await run('sha256sum', ['-c', '--strict', 'manifest-sha256.txt'], { cwd: root });
          expect(check.stdout.trim().split('\n')).to.have.length(6); // minutes + two originals + one searchable copy + two metadata files
          await run('sha256sum', ['-c', '--strict', 'tagmanifest-sha256.txt'], { cwd: root });
          const info = await readFile(path.join(root, 'bag-info.txt'), 'utf8');
          expect(info)
            .to.match(/Payload-Oxum: \d+\.6\n/)
            .and.contain(`External-Identifier: ${transferId}`);
          const metaFile = (await filesUnder(path.join(root, 'data'))).find((f) => f.includes(doc.permA) && f.endsWith('metadata.json'))!;
          const meta = JSON.parse(await readFile(metaFile, 'utf8')) as Json;
          expect(meta).to.deep.include({ id: doc.permA, classification: { code: '100.1', name: 'Peraturan daerah' } });
          const sha256 = createHash('sha256').update(copy).digest('hex');
          expect(meta.searchableCopy).to.deep.equal({ file: 'salinan-teks.pdf', size: copy.length, sha256 });
          expect(await readFile(path.join(path.dirname(metaFile), 'salinan-teks.pdf')).then((b) => b.equals(copy))).to.equal(true);
          const other = (await filesUnder(path.join(root, 'data'))).find((f) => f.includes(doc.permB) && f.endsWith('metadata.json'))!;
          expect((JSON.parse(await readFile(other, 'utf8')) as Json).searchableCopy).to.equal(null);
          expect((meta.audit as Json[]).map((e) => e.action))
            .to.include('document.upload')
            .and.include('record.transfer_prepared');
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
        const c = await api(app, t.archivist, 'POST', `/api/v1/transfers/${transferId}/confirm`, {});
        expect(c.status, JSON.stringify(c.body)).to.equal(200);
        expect((await retentionOf(doc.permA)).phase).to.equal('transferred');
        expectProblem(await api(app, t.archivist, 'POST', `/api/v1/transfers/${transferId}/confirm`, {}), 409);
      });

      it('re-hashes every stored original on demand and raises the alarm for a changed one', async () => {
        const started = await api(app, t.auditor, 'POST', '/api/v1/fixity/run', {});
        expect(started.status).to.equal(202);
        const clean = await eventually(
          'fixity run',
          () => get(t.auditor, '/api/v1/fixity'),
          (f) => f.status === 'done',
        );
        expect(clean).to.deep.include({ mismatched: [], missing: [] });
        expect(clean.ok).to.equal(clean.checked);
        // Change five bytes of a stored original behind the application's back.
        const [file] = await storedCopies(sha.young!);
        const bytes = await readFile(file!);
        for (let i = 200; i < 205; i++) bytes[i] = bytes[i]! ^ 0xff;
        await writeFile(file!, bytes);
        await api(app, t.auditor, 'POST', '/api/v1/fixity/run', {});
        const found = await eventually(
          'second fixity run',
          () => get(t.auditor, '/api/v1/fixity'),
          (f) => f.status === 'done' && f.id !== clean.id,
        );
        expect(found.mismatched).to.deep.equal([doc.young]);
        const alarms = ((await get(app.adminToken, '/api/v1/notifications')).items as Json[]).filter((n) => n.kind === 'fixity_alarm');
        expect(alarms.map((n) => n.subjectId)).to.deep.equal([doc.young]);
      });

      it('lets an archivist classify a record waiting unclassified, and change nothing else of it', async () => {
        expectProblem(await api(app, t.archivist, 'PATCH', `/api/v1/documents/${doc.loose}`, { title: 'Judul lain' }), 403);
        expectProblem(await api(app, t.archivist, 'PATCH', `/api/v1/documents/${doc.loose}`, { classificationCode: '000.5', title: 'Judul lain' }), 403);
        const r = await api(app, t.archivist, 'PATCH', `/api/v1/documents/${doc.loose}`, { classificationCode: '000.5' });
        expect(r.status, JSON.stringify(r.body)).to.equal(200);
        expect(await retentionOf(doc.loose)).to.include({ classificationCode: '000.5', phase: 'active' });
        expect((await get(t.archivist, '/api/v1/records/unclassified')).total).to.equal(0);
      });
    },
  );
}
