/**
 * Backups at the edges: a bulk import still waiting to be filed is carried whole (its inbox files
 * with its items), and a storage outage in the middle of a backup fails that run cleanly, recorded
 * as failed, with the backups before it untouched.
 */
import { expect } from 'chai';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createBackup } from '../../src/app/backup/create-backup.ts';
import { reconcile } from '../../src/app/operations/reconcile.ts';
import { AppError } from '../../src/domain/errors.ts';
import { directoryVaults } from '../../src/infra/backup/directory.vault.ts';
import { cliHere } from '../support/cli-in-process.ts';
import { ensureFixture } from '../support/fixtures.ts';
import { api, upload } from '../support/http.ts';
import { idle } from '../support/leftovers.ts';
import { startTestApp, type TestApp, waitForDocument } from '../support/test-app.ts';

const bytesOf = async (app: TestApp, url: string) => {
  const res = await fetch(`${app.url}${url}`, { headers: { authorization: `Bearer ${app.adminToken}` } });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
};

describe('backups at the edges', function () {
  this.timeout(90_000);
  let work: string;
  const apps: TestApp[] = [];
  const start = async (env: Record<string, string> = {}, restartOf?: TestApp, dataDir?: string) => {
    const app = await startTestApp(
      env,
      dataDir && restartOf ? { restartOf: { dataDir, clock: restartOf.clock, secondFactors: restartOf.secondFactors } as unknown as TestApp } : {},
    );
    apps.push(app);
    return app;
  };
  before(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'naskah-backup-edges-'));
  });
  after(async () => {
    for (const a of apps) await a.stop().catch(() => undefined);
    await rm(work, { recursive: true, force: true });
  });

  it('carries a bulk import still waiting to be filed, and the restored office files it', async () => {
    // The web role only: nobody files the import before the backup.
    const office = await start({ NASKAH_ROLES: 'web' });
    const pdf = await readFile(await ensureFixture('letter-1p.pdf'));
    const files = [0, 1, 2].map((i) => ({ name: `arsip-${i}.pdf`, bytes: Buffer.concat([pdf, Buffer.from(`\n%arsip ${i}\n`)]) }));
    const batch = await upload(office, office.adminToken, '/api/v1/documents/batch', files);
    expect(batch.status, JSON.stringify(batch.body)).to.equal(202);
    const dir = path.join(work, 'with-batch');
    expect((await cliHere(['backup', '--to', dir], { DATA_DIR: office.dataDir })).code).to.equal(0);

    const dataDir = path.join(work, 'restored');
    expect((await cliHere(['restore', '--from', dir], { DATA_DIR: dataDir })).code).to.equal(0);
    const restored = await start({}, office, dataDir);
    await idle(restored);
    const filed = (await api(restored, restored.adminToken, 'GET', `/api/v1/documents/batch/${String(batch.body.batchId)}`)).body.files as { status: string }[];
    expect(filed.map((f) => f.status)).to.deep.equal(['ready', 'ready', 'ready']);
    expect((await reconcile(restored.naskah.deps, { repair: false })).findings).to.deep.equal([]);
  });

  it("carries a scan's searchable copy, reads it only once over two runs, and the restored office serves the same copy", async () => {
    const office = await start();
    const up = await upload(office, office.adminToken, '/api/v1/documents', [{ name: 'scan.jpg', bytes: await readFile(await ensureFixture('scan-1p.jpg')) }]);
    expect(up.status, JSON.stringify(up.body)).to.equal(201);
    const id = String(up.body.id);
    expect(await waitForDocument(office, office.adminToken, id, 120_000)).to.include({ textSource: 'ocr' });
    const copy = await bytesOf(office, `/api/v1/documents/${id}/searchable`);
    expect(copy.status).to.equal(200);
    const dir = path.join(work, 'with-scan');
    const first = await cliHere(['backup', '--to', dir], { DATA_DIR: office.dataDir });
    expect(first.code, first.err).to.equal(0);
    const key = `derived/${id}/searchable.pdf`;
    const reader = await directoryVaults().openForReading(dir);
    const [name] = await reader.backups();
    const manifest = (await reader.readManifest(name!)) as { objects: { key: string; object: { size: number } }[] };
    await reader.close();
    expect(manifest.objects.find((o) => o.key === key)?.object.size).to.equal(copy.bytes.length);

    // The second run takes the copy as the object the first one stored, without reading it.
    const a = office.naskah.adapters;
    const read: string[] = [];
    const watched = Object.assign(Object.create(a.blobs) as typeof a.blobs, {
      get: (k: string) => (read.push(k), a.blobs.get(k)),
      getBuffer: (k: string) => (read.push(k), a.blobs.getBuffer(k)),
    });
    const deps = {
      db: a.db,
      snapshots: a.snapshots,
      blobs: watched,
      secrets: a.secretFiles,
      clock: office.clock,
      productVersion: 'test',
      source: { database: 'sqlite' as const, storage: 'local' as const },
    };
    const second = await createBackup(deps, () => directoryVaults().openForWriting(dir), { trigger: 'command', directory: dir, encrypted: false });
    expect(second.manifest.objects.map((o) => o.key)).to.include(key);
    expect(read).to.not.include(key);

    const dataDir = path.join(work, 'restored-scan');
    const restore = await cliHere(['restore', '--from', dir], { DATA_DIR: dataDir });
    expect(restore.code, restore.err).to.equal(0);
    const restored = await start({}, office, dataDir);
    const again = await bytesOf(restored, `/api/v1/documents/${id}/searchable`);
    expect(again.status).to.equal(200);
    expect(again.bytes.equals(copy.bytes)).to.equal(true);
  });

  it('fails a run cleanly when storage goes away half-way, and leaves the backups before it as they were', async () => {
    const office = await start();
    const pdf = await readFile(await ensureFixture('letter-1p.pdf'));
    for (let i = 0; i < 6; i++)
      expect(
        (await upload(office, office.adminToken, '/api/v1/documents', [{ name: `${i}.pdf`, bytes: Buffer.concat([pdf, Buffer.from(`\n%${i}\n`)]) }])).status,
      ).to.equal(201);
    const dir = path.join(work, 'outage');
    expect((await cliHere(['backup', '--to', dir], { DATA_DIR: office.dataDir })).code).to.equal(0);
    for (let i = 6; i < 12; i++)
      expect(
        (await upload(office, office.adminToken, '/api/v1/documents', [{ name: `${i}.pdf`, bytes: Buffer.concat([pdf, Buffer.from(`\n%${i}\n`)]) }])).status,
      ).to.equal(201);

    const a = office.naskah.adapters;
    let reads = 0;
    // The real store, but its reads fail from the third on, as when the disk or MinIO goes away.
    const failing = Object.assign(Object.create(a.blobs) as typeof a.blobs, {
      getBuffer: async (key: string) =>
        ++reads > 2
          ? Promise.reject(new AppError('unavailable', 'storage is unavailable (get: ECONNREFUSED)', { backend: 'storage' }))
          : a.blobs.getBuffer(key),
    });
    const deps = {
      db: a.db,
      snapshots: a.snapshots,
      blobs: failing,
      secrets: a.secretFiles,
      clock: office.clock,
      productVersion: 'test',
      source: { database: 'sqlite' as const, storage: 'local' as const },
    };
    let error: unknown;
    await createBackup(deps, () => directoryVaults().openForWriting(dir), { trigger: 'command', directory: dir, encrypted: false }).catch(
      (e: unknown) => (error = e),
    );
    expect(error).to.be.instanceOf(AppError).and.include({ code: 'unavailable' });
    const [failed, good] = (await a.db.backupRuns.list(1, 2)).items;
    expect(failed).to.include({ state: 'failed', error: 'storage is unavailable (get: ECONNREFUSED)' });
    expect(good).to.include({ state: 'succeeded' });
    const verified = await cliHere(['backup:verify', dir, '--all'], {});
    expect(verified.code, verified.err).to.equal(0);
    expect(verified.out.match(/: intact/g)).to.have.length(1);
    expect((await cliHere(['backup', '--to', dir], { DATA_DIR: office.dataDir })).code, 'the next run').to.equal(0);
  });
});
