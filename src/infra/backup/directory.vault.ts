import { createReadStream, createWriteStream, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ObjectRef } from '../../domain/backup-manifest.ts';
import { AppError } from '../../domain/errors.ts';
import type { BackupVault, BackupVaults } from '../../ports/backup-vault.ts';
import { lockDirectory } from './dir-lock.ts';
import { PendingObjects } from './pending-objects.ts';
import { deriveKeys, macOf, newKdf, openBytes, openStream, SEAL_OVERHEAD, sameMac, sealBytes, sealStream, type VaultKeys } from './vault-crypto.ts';
import { fsyncDir, writeFileAtomic } from '../files/durable-file.ts';
import { HashingMeter } from '../staging/hashing-meter.ts';
import { type DirParams, diskError, holdsOtherFiles, listBackups, listObjects, readParams, sweepTemp, vaultPaths } from './vault-files.ts';

const invalid = (detail: string) => new AppError('invalid', detail);
/** Objects up to this size are read and checked whole. */
const SMALL_OBJECT = 4 * 1024 * 1024;

/** Hashes and counts the bytes passing through. */
const digestTap = () => {
  const tap = new HashingMeter(Number.MAX_SAFE_INTEGER);
  return { tap, result: () => ({ sha256: tap.digest(), size: tap.bytes }) };
};

const discard = () => new Writable({ write: (_c, _e, cb) => cb() });

class DirectoryVault implements BackupVault {
  private readonly paths: ReturnType<typeof vaultPaths>;
  /** Objects written since the last manifest, named only when it is written (see PendingObjects). */
  private readonly pending: PendingObjects;

  constructor(
    readonly dir: string,
    private readonly keys: VaultKeys | null,
    private readonly lock: { release(): Promise<void> } | null,
    /** The objects a writer found when it opened (it alone adds to them meanwhile). */
    private readonly known: Set<string> | null = null,
  ) {
    this.paths = vaultPaths(dir);
    this.pending = new PendingObjects(dir, this.paths.object);
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
    if (this.pending.has(ref.sha256)) return true;
    // A writer lists the names once: a name only ever stands for a complete, checked, durable object.
    if (this.known) return this.known.has(ref.sha256);
    const st = await stat(this.paths.object(ref.sha256)).catch(() => null);
    return st?.isFile() === true && st.size === this.storedSize(ref.size);
  }

  async put(source: Readable, expected?: ObjectRef): Promise<ObjectRef & { written: boolean }> {
    const tmp = this.paths.newTemp();
    const { tap, result } = digestTap();
    try {
      // Not fsynced one by one: the run's objects are made durable together before its manifest.
      const out = createWriteStream(tmp, { flags: 'wx', mode: 0o600, highWaterMark: 1 << 20 });
      await (this.keys ? pipeline(source, tap, sealStream(this.keys), out) : pipeline(source, tap, out));
      const got = result();
      if (expected && (got.sha256 !== expected.sha256 || got.size !== expected.size)) {
        throw invalid(`the bytes read for ${expected.sha256} are not those (got ${got.size} bytes with SHA-256 ${got.sha256})`);
      }
      if (await this.has(got)) {
        await rm(tmp, { force: true });
        return { ...got, written: false };
      }
      this.pending.add(got.sha256, tmp);
      return { ...got, written: true };
    } catch (e) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw diskError(this.dir, e);
    }
  }

  async putBytes(bytes: Buffer, expected?: ObjectRef): Promise<ObjectRef & { written: boolean }> {
    const got = { sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
    if (expected && (got.sha256 !== expected.sha256 || got.size !== expected.size)) return this.put(Readable.from([bytes]), expected);
    if (await this.has(got)) return { ...got, written: false };
    const tmp = this.paths.newTemp();
    try {
      // Synchronous on purpose: one open-write-close of at most a few MB blocks for a few
      // milliseconds, while three round trips through the thread pool for each of thousands of
      // letters cost more CPU than the copying itself (measured: about 4 s of 12 for 10,000).
      writeFileSync(tmp, this.keys ? sealBytes(this.keys, bytes) : bytes, { flag: 'wx', mode: 0o600 });
    } catch (e) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw diskError(this.dir, e);
    }
    this.pending.add(got.sha256, tmp);
    return { ...got, written: true };
  }

  async read(sha256: string): Promise<Readable> {
    const file = this.paths.object(sha256);
    if (
      !(await stat(file).then(
        (s) => s.isFile(),
        () => false,
      ))
    )
      throw invalid(`object ${sha256} is missing from ${this.dir}`);
    const raw = createReadStream(file, { highWaterMark: 1 << 20 });
    if (!this.keys) return raw;
    const plain = openStream(this.keys);
    raw.on('error', (e) => plain.destroy(e));
    return raw.pipe(plain);
  }

  async check(ref: ObjectRef): Promise<string | null> {
    const file = this.paths.object(ref.sha256);
    const st = await stat(file).catch(() => null);
    if (!st?.isFile()) return `object ${ref.sha256} is missing`;
    let got: ObjectRef;
    try {
      // Small objects (most letters) in one read: thousands of them check far faster than as streams.
      got = st.size <= SMALL_OBJECT ? this.digestOf(await readFile(file)) : await this.digestOfStream(ref.sha256);
    } catch (e) {
      return `object ${ref.sha256} cannot be read: ${(e as Error).message}`;
    }
    if (got.size !== ref.size) return `object ${ref.sha256} has ${got.size} bytes, not ${ref.size}`;
    return got.sha256 === ref.sha256 ? null : `object ${ref.sha256} is damaged (its bytes hash to ${got.sha256})`;
  }

  private digestOf(stored: Buffer): ObjectRef {
    const plain = this.keys ? openBytes(this.keys, stored) : stored;
    return { sha256: createHash('sha256').update(plain).digest('hex'), size: plain.length };
  }

  private async digestOfStream(sha256: string): Promise<ObjectRef> {
    const { tap, result } = digestTap();
    await pipeline(await this.read(sha256), tap, discard());
    return result();
  }

  objects(): AsyncIterable<string> {
    return listObjects(this.paths.objectsRoot);
  }

  async removeObject(sha256: string): Promise<void> {
    await rm(this.paths.object(sha256), { force: true });
    this.known?.delete(sha256);
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
      if (typeof seal !== 'string' || !sameMac(seal, macOf(this.keys, JSON.stringify(body))))
        throw invalid(`the manifest of backup ${name} was altered: its seal does not match`);
      return body;
    }
    return parsed;
  }

  async writeManifest(name: string, manifest: object): Promise<void> {
    try {
      for (const sha of await this.pending.commit()) this.known?.add(sha);
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
  if (!kdf && passphrase)
    throw invalid(`the backups in ${dir} are not encrypted, but BACKUP_PASSPHRASE is set: unset it, or use a new directory for encrypted backups`);
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
      const known = new Set<string>();
      for await (const sha of listObjects(paths.objectsRoot)) known.add(sha);
      return new DirectoryVault(root, keys, lock, known);
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
