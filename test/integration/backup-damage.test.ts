/**
 * A backup that cannot be trusted is refused before anything is written: a flipped byte in a
 * stored original or in the database dump, a missing file, a manifest cut short, a backup of a
 * newer schema, an encrypted one without its passphrase. A restore never lands on an office that
 * exists. And a backup killed with SIGKILL half-way leaves the earlier backups intact; the next run
 * completes.
 */
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDocuments } from '../../scripts/bench/backup/seed-office.ts';
import type { BackupManifest } from '../../src/domain/backup-manifest.ts';
import { cli } from '../support/cli.ts';
import { cliHere } from '../support/cli-in-process.ts';
import { ensureFixture } from '../support/fixtures.ts';
import { upload } from '../support/http.ts';
import { killHard } from '../support/server-process.ts';
import { startTestApp, type TestApp, waitForDocument } from '../support/test-app.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PASSPHRASE = 'cadangan kantor yang rusak';

const manifestOf = async (dir: string): Promise<BackupManifest & { file: string }> => {
  const [name] = await readdir(path.join(dir, 'backups'));
  const file = path.join(dir, 'backups', name!, 'manifest.json');
  return { ...(JSON.parse(await readFile(file, 'utf8')) as BackupManifest), file };
};
const objectFile = (dir: string, sha: string) => path.join(dir, 'objects', sha.slice(0, 2), sha);
const flipByte = async (file: string) => {
  const b = await readFile(file);
  const at = Math.floor(b.length / 2);
  b[at] = b[at]! ^ 0x20;
  await writeFile(file, b);
};

describe('backups that cannot be trusted are refused, and nothing is written', function () {
  this.timeout(120_000);
  let app: TestApp;
  let work: string;
  let plain: string;
  let sealed: string;
  /** A fresh copy of a good backup to damage. */
  const copyOf = async (dir: string) => {
    const copy = await mkdtemp(path.join(work, 'copy-'));
    await cp(dir, copy, { recursive: true });
    return copy;
  };
  /** A data dir that does not exist yet: after a refusal it must still not exist. */
  const target = () => path.join(work, `target-${Math.random().toString(36).slice(2)}`);

  before(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'naskah-damage-'));
    app = await startTestApp();
    const pdf = await readFile(await ensureFixture('letter-1p.pdf'));
    for (let i = 0; i < 3; i++) {
      const r = await upload(app, app.adminToken, '/api/v1/documents', [{ name: `${i}.pdf`, bytes: Buffer.concat([pdf, Buffer.from(`\n%${i}\n`)]) }]);
      await waitForDocument(app, app.adminToken, String(r.body.id));
    }
    plain = path.join(work, 'plain');
    sealed = path.join(work, 'sealed');
    expect((await cliHere(['backup', '--to', plain], { DATA_DIR: app.dataDir })).code).to.equal(0);
    expect((await cliHere(['backup', '--to', sealed], { DATA_DIR: app.dataDir, BACKUP_PASSPHRASE: PASSPHRASE })).code).to.equal(0);
  });
  after(async () => {
    await app?.stop();
    await rm(work, { recursive: true, force: true });
  });

  // backup:verify calls a newer schema's backup intact (it is), with a note; restore refuses it.
  const cases: [string, (dir: string, m: BackupManifest & { file: string }) => Promise<unknown>, RegExp, number?][] = [
    [
      'a flipped byte in a stored original',
      (d, m) => flipByte(objectFile(d, m.objects[0]!.object.sha256)),
      /damaged, nothing was restored: the stored object originals\/.* is damaged \(its bytes hash to/,
    ],
    [
      'a flipped byte in the database',
      (d, m) => flipByte(objectFile(d, m.database.tables.find((t) => t.name === 'documents')!.object.sha256)),
      /the dump of table documents: object .* is damaged/,
    ],
    ['a missing file', (d, m) => rm(objectFile(d, m.objects[1]!.object.sha256)), /the stored object originals\/.*: object .* is missing/],
    ['a manifest cut short', (_d, m) => truncate(m.file, 400), /the manifest of backup .* is damaged or cut short/],
    [
      'a backup of a newer schema',
      (_d, { file, ...m }) => writeFile(file, JSON.stringify({ ...m, schema: { migrations: [...m.schema.migrations, '999-future'] } })),
      /made by a newer Naskah: its database has schema version 999-future/,
      0,
    ],
  ];
  for (const [what, damage, message, verifyCode = 1] of cases) {
    it(`refuses ${what}, and writes nothing`, async () => {
      const dir = await copyOf(plain);
      await damage(dir, await manifestOf(dir));
      const into = target();
      const r = await cliHere(['restore', '--from', dir], { DATA_DIR: into });
      expect(r.code, r.out).to.equal(1);
      expect(r.err).to.match(message);
      expect(existsSync(into), 'the target data dir').to.equal(false);
      const verify = await cliHere(['backup:verify', dir], {});
      expect(verify.code).to.equal(verifyCode);
      if (verifyCode === 0) expect(verify.out).to.match(message);
    });
  }

  it('refuses an encrypted backup without its passphrase, with another one, or with a sealed file changed', async () => {
    const into = target();
    expect((await cliHere(['restore', '--from', sealed], { DATA_DIR: into })).err).to.match(/are encrypted: set BACKUP_PASSPHRASE/);
    expect((await cliHere(['restore', '--from', sealed], { DATA_DIR: into, BACKUP_PASSPHRASE: 'not the passphrase at all' })).err).to.match(
      /BACKUP_PASSPHRASE is not the passphrase/,
    );
    const dir = await copyOf(sealed);
    await flipByte(objectFile(dir, (await manifestOf(dir)).objects[0]!.object.sha256));
    const r = await cliHere(['restore', '--from', dir], { DATA_DIR: into, BACKUP_PASSPHRASE: PASSPHRASE });
    expect(r.err).to.match(/damaged, nothing was restored: the stored object .* authentication tag does not match/);
    expect(existsSync(into)).to.equal(false);
  });

  it('never restores over an office: not over a restored one, not over one that runs', async () => {
    const into = target();
    expect((await cliHere(['restore', '--from', plain], { DATA_DIR: into })).code).to.equal(0);
    const again = await cliHere(['restore', '--from', plain], { DATA_DIR: into });
    expect(again.err).to.match(/nothing was restored: the database already has 1 user\(s\)/);
    expect((await cliHere(['restore', '--from', plain], { DATA_DIR: app.dataDir })).err).to.match(/the database already has/);
  });

  it('says so from the shell, with exit code 1', async () => {
    const dir = await copyOf(plain);
    await flipByte(objectFile(dir, (await manifestOf(dir)).objects[0]!.object.sha256));
    const [restore, verify] = await Promise.all([cli(['restore', '--from', dir], { DATA_DIR: target() }), cli(['backup:verify', dir], {})]);
    expect(restore.code).to.equal(1);
    expect(restore.err).to.match(/^restore failed: backup .* is damaged, nothing was restored/);
    expect(verify.code).to.equal(1);
    expect(verify.err).to.match(/is DAMAGED \(1 problem\(s\)\):\n {2}the stored object originals/);
  });
});

describe('a backup killed half-way', function () {
  this.timeout(120_000);
  let app: TestApp;
  let dir: string;
  before(async () => {
    app = await startTestApp();
    dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-killed-'));
  });
  after(async () => {
    await app?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('leaves the backups before it intact, and the next run completes', async () => {
    const admin = (await app.naskah.deps.db.users.findByUsername('admin'))!;
    await seedDocuments(app.naskah.deps, { count: 20, size: 1 << 19, createdBy: admin.id });
    expect((await cliHere(['backup', '--to', dir], { DATA_DIR: app.dataDir })).code).to.equal(0);
    const before = await readdir(path.join(dir, 'backups'));
    await seedDocuments(app.naskah.deps, { count: 80, size: 1 << 19, createdBy: admin.id });

    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', 'backup', '--to', dir], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', DATA_DIR: app.dataDir, LOG_LEVEL: 'silent' },
    });
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('copying')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the backup ended (${code}) before it copied: ${out}`)));
    });
    await killHard(child);

    expect(await readdir(path.join(dir, 'backups'))).to.deep.equal(before);
    expect((await cliHere(['backup:verify', dir], {})).code, 'the earlier backup').to.equal(0);
    const copiedBeforeKill = new Set((await Promise.all((await readdir(path.join(dir, 'objects'))).map((p) => readdir(path.join(dir, 'objects', p))))).flat());
    const next = await cliHere(['backup', '--to', dir], { DATA_DIR: app.dataDir });
    expect(next.code, next.err).to.equal(0);
    expect(next.out).to.match(/100 documents/);
    const newest = JSON.parse(
      await readFile(path.join(dir, 'backups', (await readdir(path.join(dir, 'backups'))).sort().at(-1)!, 'manifest.json'), 'utf8'),
    ) as BackupManifest;
    expect(newest.objects.filter((o) => !copiedBeforeKill.has(o.object.sha256)).length, 'originals the killed run had not copied yet').to.be.greaterThan(0);
    expect((await cliHere(['backup:verify', dir, '--all'], {})).out.match(/: intact/g)).to.have.length(2);
    const runs = (await app.naskah.deps.db.backupRuns.list(1, 10)).items.map((r) => r.state);
    expect(runs).to.deep.equal(['succeeded', 'failed', 'succeeded']);
  });
});
