import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { directoryVaults } from '../../../../src/infra/backup/directory.vault.ts';
import type { BackupVault } from '../../../../src/ports/backup-vault.ts';
import { appRejection } from '../../../support/rejection.ts';

const PASS = 'kata sandi cadangan kantor';
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const bytesOf = async (r: Readable) => {
  const chunks: Buffer[] = [];
  for await (const c of r) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};
const flipByte = async (file: string, at: number) => {
  const b = await readFile(file);
  b[at] = b[at]! ^ 0x01;
  await writeFile(file, b);
};
const objectFile = (dir: string, s: string) => path.join(dir, 'objects', s.slice(0, 2), s);

describe('infra/backup: directory vault', () => {
  let dir: string;
  const vaults = directoryVaults();
  const open: BackupVault[] = [];
  const writer = async (passphrase?: string) => {
    const v = await vaults.openForWriting(dir, passphrase);
    open.push(v);
    return v;
  };
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'naskah-vault-'));
  });
  afterEach(async () => {
    for (const v of open.splice(0)) await v.close();
    await rm(dir, { recursive: true, force: true });
  });

  for (const passphrase of [undefined, PASS]) {
    it(`stores objects by the SHA-256 of their plain bytes, once, and reads them back (${passphrase ? 'encrypted' : 'plain'})`, async () => {
      const v = await writer(passphrase);
      const data = Buffer.from('surat undangan rapat '.repeat(10_000));
      const ref = { sha256: sha(data), size: data.length };
      expect(await v.has(ref)).to.equal(false);
      expect(await v.put(Readable.from([data]), ref)).to.deep.equal({ ...ref, written: true });
      expect(await v.put(Readable.from([data]))).to.deep.equal({ ...ref, written: false });
      expect(await v.putBytes(data)).to.deep.equal({ ...ref, written: false });
      expect(await v.has(ref)).to.equal(true);
      // Objects are named when the run's manifest is written.
      await v.writeManifest('b1', { objects: [ref] });
      expect((await bytesOf(await v.read(ref.sha256))).equals(data)).to.equal(true);
      expect(await v.check(ref)).to.equal(null);
      const stored = await readFile(objectFile(dir, ref.sha256));
      expect(stored.includes(Buffer.from('surat undangan'))).to.equal(!passphrase);
    });
  }

  it('refuses bytes that are not the ones expected, and keeps nothing of them', async () => {
    const v = await writer();
    const e = await appRejection(v.put(Readable.from([Buffer.from('lain')]), { sha256: sha(Buffer.from('asli')), size: 4 }));
    expect(e.code).to.equal('invalid');
    const names: string[] = [];
    for await (const s of v.objects()) names.push(s);
    expect(names).to.deep.equal([]);
  });

  it('tells a flipped byte, a cut file and a missing one apart (plain and sealed)', async () => {
    for (const passphrase of [undefined, PASS]) {
      await rm(dir, { recursive: true, force: true });
      const v = await writer(passphrase);
      const data = Buffer.from('x'.repeat(5000));
      const ref = { sha256: sha(data), size: data.length };
      await v.putBytes(data);
      await v.writeManifest('b1', {});
      await flipByte(objectFile(dir, ref.sha256), 100);
      expect(await v.check(ref)).to.match(
        passphrase ? /cannot be read: sealed object is damaged \(its authentication tag does not match\)/ : /is damaged \(its bytes hash to/,
      );
      await writeFile(objectFile(dir, ref.sha256), Buffer.alloc(0));
      expect(await v.check(ref)).to.match(passphrase ? /cut short/ : /has 0 bytes, not 5000/);
      await rm(objectFile(dir, ref.sha256));
      expect(await v.check(ref)).to.equal(`object ${ref.sha256} is missing`);
      await v.close();
      open.splice(0);
    }
  });

  it('names nothing a writer killed before its manifest wrote: the next writer starts clean', async () => {
    const v = await writer();
    const data = Buffer.from('surat yang belum selesai dicadangkan');
    await v.putBytes(data);
    await v.put(Readable.from([Buffer.from('dan satu lagi')]));
    // Killed here: its lock stays, its objects are temp files.
    await writeFile(path.join(dir, '.lock'), JSON.stringify({ pid: 2 ** 22 + 1, host: os.hostname(), since: new Date().toISOString() }));
    open.splice(0);
    const next = await writer();
    expect(await next.has({ sha256: sha(data), size: data.length })).to.equal(false);
    const names: string[] = [];
    for await (const s of next.objects()) names.push(s);
    expect(names).to.deep.equal([]);
    expect(await readdir(path.join(dir, '.tmp'))).to.deep.equal([]);
  });

  it('keeps manifests readable JSON, sealed when encrypted: an edit or a cut is refused', async () => {
    const v = await writer(PASS);
    await v.writeManifest('b1', { format: 'naskah-backup', counts: { documents: 3 } });
    expect(await v.backups()).to.deep.equal(['b1']);
    expect(await v.readManifest('b1')).to.deep.equal({ format: 'naskah-backup', counts: { documents: 3 } });
    const file = path.join(dir, 'backups', 'b1', 'manifest.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"documents": 3', '"documents": 4'));
    expect((await appRejection(v.readManifest('b1'))).detail).to.equal('the manifest of backup b1 was altered: its seal does not match');
    await writeFile(file, (await readFile(file, 'utf8')).slice(0, 30));
    expect((await appRejection(v.readManifest('b1'))).detail).to.match(/damaged or cut short/);
    expect((await appRejection(v.readManifest('b2'))).detail).to.match(/there is no backup b2/);
  });

  it('opens an encrypted directory with its passphrase only, and never mixes plain and encrypted backups', async () => {
    await (await writer(PASS)).close();
    open.splice(0);
    expect((await appRejection(vaults.openForReading(dir, 'another passphrase'))).detail).to.match(/BACKUP_PASSPHRASE is not the passphrase of the backups in/);
    expect((await appRejection(vaults.openForWriting(dir))).detail).to.match(/are encrypted: set BACKUP_PASSPHRASE/);
    expect((await vaults.openForReading(dir, PASS)).encrypted).to.equal(true);
    const plain = await mkdtemp(path.join(os.tmpdir(), 'naskah-vault-'));
    try {
      await (await vaults.openForWriting(plain)).close();
      expect((await appRejection(vaults.openForWriting(plain, PASS))).detail).to.match(/not encrypted, but BACKUP_PASSPHRASE is set/);
    } finally {
      await rm(plain, { recursive: true, force: true });
    }
  });

  it('lets one writer in at a time, takes over the lock of a dead one, and refuses a folder that holds other things', async () => {
    await writer();
    expect((await appRejection(vaults.openForWriting(dir))).detail).to.match(/another backup is being written to .* \(process \d+ on /);
    await open.splice(0)[0]!.close();
    // A process killed with its lock held: its pid no longer runs.
    await writeFile(path.join(dir, '.lock'), JSON.stringify({ pid: 2 ** 22 + 1, host: os.hostname(), since: new Date().toISOString() }));
    await writer();
    const other = await mkdtemp(path.join(os.tmpdir(), 'naskah-vault-'));
    try {
      await writeFile(path.join(other, 'photo.jpg'), 'x');
      expect((await appRejection(vaults.openForWriting(other))).detail).to.match(/is not empty and holds no Naskah backups/);
      expect((await appRejection(vaults.openForReading(other))).detail).to.match(/holds no Naskah backup/);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});
