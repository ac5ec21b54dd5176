/**
 * Issue 12's promise, end to end with the real commands in processes of their own: a backup taken
 * while 20 clients upload restores into an identical office (every table the same, the audit chain
 * to the same head, people logging in with their passwords and second factors, numbers going on
 * where they stopped, the office CA issuing and signing), on the embedded profile and, with
 * TEST_MYSQL_URL, from it into MariaDB + S3 (s3rver) and back, encrypted.
 */
import { expect } from 'chai';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { reconcile } from '../../src/app/operations/reconcile.ts';
import type { BackupManifest } from '../../src/domain/backup-manifest.ts';
import { type Ack, buildOffice, expectSameTables, expectUploads, expectWorkingOffice, type Office, tablesOf, uploadClients } from '../support/backup-office.ts';
import { cli } from '../support/cli.ts';
import { cliHere } from '../support/cli-in-process.ts';
import { passwordOf } from '../support/passwords.ts';
import { databaseTargets, type TestDatabase } from '../support/databases.ts';
import { startS3rver, type TestS3Server } from '../support/s3rver.ts';
import { startTestApp, type TestApp, waitForPreviews } from '../support/test-app.ts';
import { getText } from '../support/public-log.ts';

const PASSPHRASE = 'cadangan kantor bupati sleman';
/** The full stack locks the office CA's key under a passphrase (the embedded office used a generated secret). */
const CA_PASSPHRASE = 'kunci-ca-kantor-bupati-sleman';
/** What a backup itself changes in the office it copies (its run, its audit entry): compared apart. */
const BACKUP_TABLES = ['backup_runs', 'backup_schedule', 'audit_log', 'audit_head'];

const manifestsOf = async (dir: string): Promise<BackupManifest[]> => {
  const names = (await readdir(path.join(dir, 'backups'))).sort();
  return Promise.all(names.map(async (n) => JSON.parse(await readFile(path.join(dir, 'backups', n, 'manifest.json'), 'utf8')) as BackupManifest));
};

describe('backup and restore: an identical office, on both profiles', function () {
  this.timeout(300_000);
  const mysql = databaseTargets().find((t) => t.name === 'mysql');
  let source: TestApp;
  let office: Office;
  let backupDir: string;
  const cleanup: (() => Promise<unknown>)[] = [];
  const tempDir = async (prefix: string) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    return dir;
  };
  /** The office restored into `env`, as a running app sharing the source's clock and enrolled second factors. */
  const startRestored = async (env: Record<string, string>, dataDir: string) => {
    const app = await startTestApp(env, { restartOf: { dataDir, clock: source.clock, secondFactors: source.secondFactors } as unknown as TestApp });
    cleanup.push(() => app.stop());
    return app;
  };
  /**
   * Backs up `app` with the command while 20 clients upload to it (`own`: in a process of its own,
   * as an admin would run it beside the server); returns the acknowledged uploads and when the
   * backup began.
   */
  const backupUnderLoad = async (app: TestApp, env: Record<string, string>, dir: string, o: { own: boolean }) => {
    const load = await uploadClients(app, app.adminToken, 20);
    const startedAt = Date.now();
    const backup = await (o.own ? cli : cliHere)(['backup', '--to', dir], env);
    const acked: Ack[] = await load.stop();
    expect(backup.code, backup.err + backup.out).to.equal(0);
    return { acked, startedAt, out: backup.out };
  };

  before(async () => {
    source = await startTestApp();
    office = await buildOffice(source);
    backupDir = await tempDir('naskah-backups-');
  });
  after(async () => {
    await source?.stop();
    for (const c of cleanup.reverse()) await c().catch(() => undefined);
  });

  let embedded: { dataDir: string; tables: Map<string, string[]> };

  it('backs up the embedded office while 20 clients upload, and restores it into an empty data dir, identical', async () => {
    const quiet = await tablesOf({ dialect: 'sqlite', url: `sqlite:${path.join(source.dataDir, 'naskah.sqlite')}` });
    const { acked, startedAt } = await backupUnderLoad(source, { DATA_DIR: source.dataDir }, backupDir, { own: true });
    const dataDir = await tempDir('naskah-restored-');
    const restore = await cliHere(['restore', '--from', backupDir], { DATA_DIR: dataDir });
    expect(restore.code, restore.err + restore.out).to.equal(0);
    const [manifest] = await manifestsOf(backupDir);
    expect(restore.out).to.include(`audit chain verified: head ${manifest!.audit.seq}:${manifest!.audit.hash}, as in the backup`);
    // The key TOTP secrets are encrypted under travels with them (people log in below with theirs).
    expect(manifest!.secrets.map((f) => f.path)).to.include.members(['office-ca-key.secret', 'totp-key.secret', 'log-key.secret']);

    const tables = await tablesOf({ dialect: 'sqlite', url: `sqlite:${path.join(dataDir, 'naskah.sqlite')}` });
    embedded = { dataDir, tables };
    // The uploads only add documents (with their pages, jobs and readers) and audit entries, and
    // the public log may sign a checkpoint meanwhile (one anchoring the grown audit trail).
    expectSameTables(quiet, tables, [...BACKUP_TABLES, 'documents', 'document_pages', 'jobs', 'document_readers', 'log_checkpoints']);
    for (const added of ['audit_log', 'log_checkpoints']) expect(tables.get(added), added).to.include.members(quiet.get(added)!);
    const restored = await startRestored({}, dataDir);
    // The public log comes back whole (its tables are compared above) and signs with the same key.
    expect((await restored.naskah.deps.db.publicLog.head()).size).to.be.greaterThan(0);
    expect((await getText(`${restored.url}/log/key`)).text).to.equal((await getText(`${source.url}/log/key`)).text);
    expect((await reconcile(restored.naskah.deps, { repair: false })).findings).to.deep.equal([]);
    // Previews are not in a backup: the restore queued them, and the worker draws them again.
    expect(restore.out).to.match(/thumbnails and page images of [1-9]\d* documents queued/);
    const docs = restored.naskah.deps.db.documents;
    const drawn = (await docs.findManyByIds(await docs.listIds(null, 50))).find((d) => d.status === 'ready' && d.pages);
    expect((await waitForPreviews(restored, restored.adminToken, drawn!.id)).status).to.equal(200);
    const uploads = await expectUploads(restored, acked, startedAt);
    expect(uploads.before).to.be.greaterThan(0);
    expect(uploads.during, 'clients were uploading while the backup ran').to.be.greaterThan(0);
    await expectWorkingOffice(restored, office, 31);
    await restored.stop({ keepData: true });
  });

  it('encrypts the second-factor secrets anew when the restored office has a TOTP_SECRET_KEY of its own', async () => {
    const env = { DATA_DIR: await tempDir('naskah-own-key-'), TOTP_SECRET_KEY: 'kunci-totp-kantor-bupati-sleman-2026' };
    const restore = await cliHere(['restore', '--from', backupDir, '--backup', (await manifestsOf(backupDir))[0]!.name], env);
    expect(restore.code, restore.err + restore.out).to.equal(0);
    expect(restore.out).to.include("second-factor secrets are now encrypted under this server's TOTP_SECRET_KEY");
    const restored = await startRestored({ TOTP_SECRET_KEY: env.TOTP_SECRET_KEY }, env.DATA_DIR);
    for (const who of [office.people.kabid, office.people.sekda]) expect(await restored.login(who.username, passwordOf(who.username))).to.be.a('string');
    await restored.stop({ keepData: true });
  });

  it('copies only what is new into the same directory the second time', async () => {
    const again = await cliHere(['backup', '--to', backupDir], { DATA_DIR: source.dataDir });
    expect(again.code, again.err).to.equal(0);
    const [first, second] = await manifestsOf(backupDir);
    const had = new Set([...first!.objects, ...first!.database.tables, ...first!.secrets].map((o) => o.object.sha256));
    const fresh = new Set([...second!.objects, ...second!.database.tables, ...second!.secrets].map((o) => o.object.sha256).filter((s) => !had.has(s)));
    expect(second!.objects.length).to.be.greaterThan(first!.objects.length);
    expect(again.out).to.match(new RegExp(`this run wrote ${fresh.size} new files`));
    const verified = await cliHere(['backup:verify', backupDir, '--all'], {});
    expect(verified.code, verified.err).to.equal(0);
    expect(verified.out.match(/: intact/g)).to.have.length(2);
  });

  (mysql ? it : it.skip)('restores into MariaDB + S3, backs that up encrypted under load, and restores it into an embedded data dir', async () => {
    const s3: TestS3Server = await startS3rver();
    cleanup.push(() => s3.destroy());
    const db: TestDatabase = await mysql!.create({ empty: true });
    cleanup.push(() => db.drop());
    const full = {
      DATABASE_URL: db.config.url,
      STORAGE_DRIVER: 's3',
      S3_ENDPOINT: s3.endpoint,
      S3_ACCESS_KEY: s3.accessKey,
      S3_SECRET_KEY: s3.secretKey,
      S3_BUCKET: 'naskah-restored',
      CA_KEY_PASSPHRASE: CA_PASSPHRASE,
      DATA_DIR: await tempDir('naskah-full-'),
    };
    const intoFull = await cliHere(['restore', '--from', backupDir, '--backup', (await manifestsOf(backupDir))[0]!.name], full);
    expect(intoFull.code, intoFull.err + intoFull.out).to.equal(0);
    expect(intoFull.out).to.include("the office CA's key is now locked under this server's CA_KEY_PASSPHRASE");
    // The embedded restore and this one came from the same backup: row for row the same, across
    // dialects, but for the CA key locked anew and the jobs that draw the previews again (a
    // backup holds none: each restore queues its own).
    expectSameTables(embedded.tables, await tablesOf(db.config), ['signing_authority', 'jobs']);

    const fullApp = await startRestored(full, full.DATA_DIR);
    const encrypted = await tempDir('naskah-backups-enc-');
    const { acked, startedAt } = await backupUnderLoad(fullApp, { ...full, BACKUP_PASSPHRASE: PASSPHRASE }, encrypted, { own: false });
    // Back on one PC, the office keeps the CA passphrase it had on the full stack (the README says so).
    const back = { DATA_DIR: await tempDir('naskah-back-'), CA_KEY_PASSPHRASE: CA_PASSPHRASE };
    const restore = await cliHere(['restore', '--from', encrypted], { ...back, BACKUP_PASSPHRASE: PASSPHRASE });
    expect(restore.code, restore.err + restore.out).to.equal(0);
    const restored = await startRestored({ CA_KEY_PASSPHRASE: CA_PASSPHRASE }, back.DATA_DIR);
    expect((await reconcile(restored.naskah.deps, { repair: false })).findings).to.deep.equal([]);
    const uploads = await expectUploads(restored, acked, startedAt);
    expect(uploads.during).to.be.greaterThan(0);
    await expectWorkingOffice(restored, office, 32);
  });
});
