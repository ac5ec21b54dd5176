import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { type Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ObjectRef } from '../../domain/backup-manifest.ts';
import { AppError } from '../../domain/errors.ts';
import type { BackupVault, BackupVaults } from '../../ports/backup-vault.ts';
import { lockDirectory } from './dir-lock.ts';
import { deriveKeys, macOf, newKdf, openStream, SEAL_OVERHEAD, sameMac, sealStream, type VaultKeys } from './vault-crypto.ts';
import { fsyncDir, writeFileAtomic } from '../files/durable-file.ts';
import { HashingMeter } from '../staging/hashing-meter.ts';
import { type DirParams, diskError, holdsOtherFiles, listBackups, listObjects, readParams, sweepTemp, vaultPaths } from './vault-files.ts';

const invalid = (detail: string) => new AppError('invalid', detail);

/** Hashes and counts the bytes passing through. */
const digestTap = () => {
  const tap = new HashingMeter(Number.MAX_SAFE_INTEGER);
  return { tap, result: () => ({ sha256: tap.digest(), size: tap.bytes }) };
};

const discard = () => new Writable({ write: (_c, _e, cb) => cb() });

class DirectoryVault implements BackupVault {
  private readonly paths: ReturnType<typeof vaultPaths>;
  /** Object folders written to since the last manifest: fsynced before it, so no manifest names an object a crash could lose. */
  private readonly dirty = new Set<string>();

  constructor(
    readonly dir: string,
    private readonly keys: VaultKeys | null,
    private readonly lock: { release(): Promise<void> } | null,
  ) {
    this.paths = vaultPaths(dir);
  }

  get scratchDir(): string {
    return this.paths.tmp;
  }

  get encrypted(): boolean {
    return this.keys !== null;
  }

  private storedSize(size: number): number {
    return size + (this.keys ? SEAL_OVERHEAD : 0);
  }

  async has(ref: ObjectRef): Promise<boolean> {
    const st = await stat(this.paths.object(ref.sha256)).catch(() => null);
    return st !== null && st.isFile() && st.size === this.storedSize(ref.size);
  }

  async put(source: Readable, expected?: ObjectRef): Promise<ObjectRef & { written: boolean }> {
    const tmp = this.paths.newTemp();
    const { tap, result } = digestTap();
    try {
      // `flush`: the file is fsynced before the stream closes, so a renamed object is a durable one.
      const out = createWriteStream(tmp, { flags: 'wx', mode: 0o600, flush: true, highWaterMark: 1 << 20 });
      await (this.keys ? pipeline(source, tap, sealStream(this.keys), out) : pipeline(source, tap, out));
      const got = result();
      if (expected && (got.sha256 !== expected.sha256 || got.size !== expected.size)) {
        throw invalid(`the bytes read for ${expected.sha256} are not those (got ${got.size} bytes with SHA-256 ${got.sha256})`);
      }
      const target = this.paths.object(got.sha256);
      if (await this.has(got)) {
        await rm(tmp, { force: true });
        return { ...got, written: false };
      }
      await mkdir(path.dirname(target), { recursive: true });
      await rename(tmp, target);
      this.dirty.add(path.dirname(target));
      return { ...got, written: true };
    } catch (e) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw diskError(this.dir, e);
    }
  }

  async read(sha256: string): Promise<Readable> {
    const file = this.paths.object(sha256);
    if (!(await stat(file).then((s) => s.isFile(), () => false))) throw invalid(`object ${sha256} is missing from ${this.dir}`);
    const raw = createReadStream(file, { highWaterMark: 1 << 20 });
    if (!this.keys) return raw;
    const plain = openStream(this.keys);
    raw.on('error', (e) => plain.destroy(e));
    return raw.pipe(plain);
  }

  async check(ref: ObjectRef): Promise<string | null> {
    if (!(await stat(this.paths.object(ref.sha256)).then((s) => s.isFile(), () => false))) return `object ${ref.sha256} is missing`;
    const { tap, result } = digestTap();
    try {
      await pipeline(await this.read(ref.sha256), tap, discard());
    } catch (e) {
      return `object ${ref.sha256} cannot be read: ${(e as Error).message}`;
    }
    const got = result();
    if (got.size !== ref.size) return `object ${ref.sha256} has ${got.size} bytes, not ${ref.size}`;
    return got.sha256 === ref.sha256 ? null : `object ${ref.sha256} is damaged (its bytes hash to ${got.sha256})`;
  }

  objects(): AsyncIterable<string> {
    return listObjects(this.paths.objectsRoot);
  }

  async removeObject(sha256: string): Promise<void> {
    await rm(this.paths.object(sha256), { force: true });
  }

  backups(): Promise<string[]> {
    return listBackups(this.paths.backupsRoot, this.paths.manifest);
  }

  async readManifest(name: string): Promise<unknown> {
    let text: string;
    try {
      text = await readFile(this.paths.manifest(name), 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw invalid(`there is no backup ${name} in ${this.dir} (its manifest is missing)`);
      throw diskError(this.dir, e);
    }
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw invalid(`the manifest of backup ${name} is damaged or cut short (it is not valid JSON)`);
    }
    if (this.keys) {
      const { seal, ...body } = parsed;
      if (typeof seal !== 'string' || !sameMac(seal, macOf(this.keys, JSON.stringify(body)))) throw invalid(`the manifest of backup ${name} was altered: its seal does not match`);
      return body;
    }
    return parsed;
  }

  async writeManifest(name: string, manifest: object): Promise<void> {
    try {
      for (const d of this.dirty) await fsyncDir(d);
      await fsyncDir(this.paths.objectsRoot).catch(() => undefined);
      this.dirty.clear();
      const sealed = this.keys ? { ...manifest, seal: macOf(this.keys, JSON.stringify(manifest)) } : manifest;
      await writeFileAtomic(this.paths.manifest(name), `${JSON.stringify(sealed, null, 1)}\n`);
      await fsyncDir(this.paths.backupsRoot);
    } catch (e) {
      throw diskError(this.dir, e);
    }
  }

  async removeBackup(name: string): Promise<void> {
    await rm(path.dirname(this.paths.manifest(name)), { recursive: true, force: true });
  }

  async close(): Promise<void> {
    await this.lock?.release();
  }
}

/** Derives the directory's keys, or says why the passphrase given does not fit the directory. */
const keysFor = async (dir: string, params: DirParams, passphrase?: string): Promise<VaultKeys | null> => {
  const kdf = params.encryption;
  if (!kdf && passphrase) throw invalid(`the backups in ${dir} are not encrypted, but BACKUP_PASSPHRASE is set: unset it, or use a new directory for encrypted backups`);
  if (!kdf) return null;
  if (!passphrase) throw invalid(`the backups in ${dir} are encrypted: set BACKUP_PASSPHRASE to their passphrase`);
  const keys = await deriveKeys(passphrase, kdf);
  if (!keys) throw invalid(`BACKUP_PASSPHRASE is not the passphrase of the backups in ${dir}`);
  return keys;
};

/** Backup directories on a local (or mounted) file system. */
export const directoryVaults = (): BackupVaults => ({
  async openForWriting(dir, passphrase) {
    const root = path.resolve(dir);
    const paths = vaultPaths(root);
    try {
      await mkdir(root, { recursive: true });
    } catch (e) {
      throw diskError(root, e);
    }
    const lock = await lockDirectory(paths.lock, root);
    try {
      let params = await readParams(paths.params);
      let keys: VaultKeys | null;
      if (!params) {
        if (await holdsOtherFiles(root)) throw invalid(`${root} is not empty and holds no Naskah backups: choose an empty or new directory`);
        const made = passphrase ? await newKdf(passphrase) : null;
        params = { format: 'naskah-backup-dir', version: 1, encryption: made?.params ?? null };
        await writeFileAtomic(paths.params, `${JSON.stringify(params, null, 1)}\n`);
        keys = made?.keys ?? null;
      } else {
        keys = await keysFor(root, params, passphrase);
      }
      await sweepTemp(paths.tmp);
      return new DirectoryVault(root, keys, lock);
    } catch (e) {
      await lock.release();
      throw diskError(root, e);
    }
  },
  async openForReading(dir, passphrase) {
    const root = path.resolve(dir);
    const params = await readParams(vaultPaths(root).params).catch((e: unknown) => Promise.reject(diskError(root, e)));
    if (!params) throw invalid(`${root} holds no Naskah backup (no ${path.basename(vaultPaths(root).params)})`);
    return new DirectoryVault(root, await keysFor(root, params, passphrase), null);
  },
});
