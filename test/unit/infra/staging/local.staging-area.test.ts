import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { expect } from 'chai';
import { AppError } from '../../../../src/domain/errors.ts';
import { createLocalStagingArea } from '../../../../src/infra/staging/local.staging-area.ts';
import type { LocalStagingArea } from '../../../../src/infra/staging/local.staging-area.ts';
import { rejection } from '../../../support/rejection.ts';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Splits `data` into chunks of `size` bytes, delivered one read at a time. */
const chunked = (data: Buffer, size: number): Readable =>
  Readable.from(
    (function* () {
      for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
    })(),
  );

describe('LocalStagingArea', () => {
  let base: string;
  let dir: string;
  let staging: LocalStagingArea;

  beforeEach(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'naskah-staging-'));
    dir = path.join(base, 'data', 'staging');
    staging = createLocalStagingArea({ dir });
  });
  afterEach(() => rm(base, { recursive: true, force: true }));

  const leftovers = async () => readdir(dir).catch(() => []);

  it('streams into a private temp file with the same SHA-256 as node:crypto and the first 64 bytes', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 17);
    const staged = await staging.write(chunked(data, 64 * 1024 + 3), { maxBytes: data.length });
    expect(staged.sha256).to.equal(sha256(data));
    expect(staged.size).to.equal(data.length);
    expect(staged.head.equals(data.subarray(0, 64))).to.equal(true);
    expect(path.dirname(staged.path)).to.equal(dir);
    expect(sha256(await readFile(staged.path))).to.equal(sha256(data));
    expect((await stat(dir)).mode & 0o777).to.equal(0o700);
    expect((await stat(staged.path)).mode & 0o077).to.equal(0);
  });

  it('answers before the disk has the bytes, and says through `synced` once it has them', async () => {
    const data = randomBytes(2 * 1024 * 1024);
    const staged = await staging.write(chunked(data, 64 * 1024), { maxBytes: data.length });
    await staged.synced;
    expect(sha256(await readFile(staged.path))).to.equal(sha256(data));
  });

  it('assembles the head across small chunks', async () => {
    const data = Buffer.from(`%PDF-1.7\n${'x'.repeat(200)}`);
    const staged = await staging.write(chunked(data, 5), { maxBytes: 1000 });
    expect(staged.head.toString()).to.equal(data.subarray(0, 64).toString());
  });

  it('accepts an empty source (size 0; rejecting empty files is the caller’s call)', async () => {
    const staged = await staging.write(Readable.from([]), { maxBytes: 10 });
    expect(staged.size).to.equal(0);
    expect(staged.sha256).to.equal(sha256(Buffer.alloc(0)));
    expect(staged.head.length).to.equal(0);
    expect((await stat(staged.path)).size).to.equal(0);
  });

  it('accepts exactly maxBytes and rejects maxBytes + 1 with too_large, leaving no file', async () => {
    const data = randomBytes(100_000);
    const ok = await staging.write(chunked(data, 4096), { maxBytes: data.length });
    expect(ok.size).to.equal(data.length);
    await staging.discard(ok.path);

    const source = chunked(Buffer.concat([data, Buffer.from([1])]), 4096);
    const err = await rejection(staging.write(source, { maxBytes: data.length }));
    expect(err).to.be.instanceOf(AppError);
    expect((err as AppError).code).to.equal('too_large');
    expect(source.destroyed).to.equal(true);
    expect(await leftovers()).to.deep.equal([]);
  });

  it('stops reading an endless source as soon as the limit is passed', async () => {
    let produced = 0;
    const endless = new Readable({
      read() {
        produced += 65536;
        this.push(Buffer.alloc(65536, 7));
      },
    });
    const err = await rejection(staging.write(endless, { maxBytes: 1024 * 1024 }));
    expect((err as AppError).code).to.equal('too_large');
    expect(endless.destroyed).to.equal(true);
    expect(produced).to.be.below(4 * 1024 * 1024);
    expect(await leftovers()).to.deep.equal([]);
  });

  it('removes the partial file when the source errors half-way (client abort)', async () => {
    const source = new Readable({ read() {} });
    const pending = staging.write(source, { maxBytes: 10 * 1024 * 1024 });
    source.push(randomBytes(256 * 1024));
    setTimeout(() => source.destroy(new Error('aborted')), 20);
    const err = await rejection(pending);
    expect((err as Error).message).to.equal('aborted');
    expect(await leftovers()).to.deep.equal([]);
  });

  it('removes the partial file when the source is destroyed without an error', async () => {
    const source = new Readable({ read() {} });
    const pending = staging.write(source, { maxBytes: 10 * 1024 * 1024 });
    source.push(randomBytes(1024));
    setTimeout(() => source.destroy(), 20);
    await rejection(pending);
    expect(await leftovers()).to.deep.equal([]);
  });

  it('removes the file even when the source fails before the file is open', async () => {
    const source = new Readable({
      read() {
        this.destroy(new Error('immediate'));
      },
    });
    await rejection(staging.write(source, { maxBytes: 10 }));
    expect(await leftovers()).to.deep.equal([]);
  });

  it('passes a source’s own network error through unchanged (not a storage failure)', async () => {
    const source = new Readable({ read() {} });
    const pending = staging.write(source, { maxBytes: 1000 });
    source.push(Buffer.from('part'));
    const timeout = Object.assign(new Error('socket timed out'), { code: 'ETIMEDOUT' });
    setTimeout(() => source.destroy(timeout), 10);
    expect(await rejection(pending)).to.equal(timeout);
    expect(await leftovers()).to.deep.equal([]);
  });

  it('reports an unusable staging directory as storage unavailable and stops the source', async () => {
    const blocked = path.join(base, 'blocked');
    await writeFile(blocked, 'a file where the directory should be');
    const source = Readable.from([Buffer.from('x')]);
    const err = await rejection(createLocalStagingArea({ dir: blocked }).write(source, { maxBytes: 10 }));
    expect(err).to.be.instanceOf(AppError);
    expect((err as AppError).code).to.equal('unavailable');
    expect((err as AppError).backend).to.equal('storage');
    expect(source.destroyed).to.equal(true);
  });

  it('gives concurrent writes distinct files', async () => {
    const inputs = Array.from({ length: 10 }, (_, i) => Buffer.from(`file ${i}`));
    const staged = await Promise.all(inputs.map((b) => staging.write(Readable.from([b]), { maxBytes: 100 })));
    expect(new Set(staged.map((s) => s.path)).size).to.equal(10);
    staged.forEach((s, i) => expect(s.sha256).to.equal(sha256(inputs[i]!)));
  });

  it('discards idempotently and refuses paths outside the staging directory', async () => {
    const staged = await staging.write(Readable.from([Buffer.from('x')]), { maxBytes: 10 });
    await staging.discard(staged.path);
    await staging.discard(staged.path);
    expect(await leftovers()).to.deep.equal([]);
    const outside = path.join(base, 'precious.txt');
    await writeFile(outside, 'keep');
    const err = await rejection(staging.discard(outside));
    expect((err as AppError).code).to.equal('bad_request');
    expect(await readFile(outside, 'utf8')).to.equal('keep');
  });

  it('sweeps only its own files older than the given age', async () => {
    const old = await staging.write(Readable.from([Buffer.from('old')]), { maxBytes: 10 });
    const fresh = await staging.write(Readable.from([Buffer.from('new')]), { maxBytes: 10 });
    const foreign = path.join(dir, 'not-ours.txt');
    await writeFile(foreign, 'x');
    const longAgo = new Date(Date.now() - 10 * 60 * 1000);
    await utimes(old.path, longAgo, longAgo);
    await utimes(foreign, longAgo, longAgo);
    expect(await staging.sweep(60_000)).to.equal(1);
    expect((await leftovers()).sort()).to.deep.equal([path.basename(fresh.path), 'not-ours.txt'].sort());
  });

  it('sweeps nothing when the directory does not exist yet', async () => {
    expect(await staging.sweep(0)).to.equal(0);
  });
});
