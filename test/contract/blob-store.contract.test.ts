import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { expect } from 'chai';
import { AppError } from '../../src/domain/errors.ts';
import type { BlobStore } from '../../src/ports/blob-store.ts';
import { createLocalFsBlobStore } from '../../src/infra/storage/local-fs.blob-store.ts';
import { createS3BlobStore } from '../../src/infra/storage/s3.blob-store.ts';
import { toStorageError } from '../../src/infra/storage/fs-errors.ts';
import { startS3rver } from '../support/s3rver.ts';
import type { TestS3Server } from '../support/s3rver.ts';

/** What the shared suite needs from one adapter. */
interface Harness {
  store: BlobStore;
  /** True when concurrent puts of a new key report `existed: false` exactly once. */
  exclusiveCreate: boolean;
  /** A store of the same kind whose backend cannot be reached. */
  down(): Promise<BlobStore>;
  cleanup(): Promise<void>;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

const hashStream = async (s: Readable): Promise<{ sha: string; size: number }> => {
  const h = createHash('sha256');
  let size = 0;
  for await (const chunk of s) {
    h.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha: h.digest('hex'), size };
};

/** Awaits `p`, asserts it rejected with AppError `code`, and returns that error. */
// biome-ignore lint/suspicious/noExportsInTest: the other contract suites assert errors with it
export const expectAppError = async (p: Promise<unknown>, code: AppError['code']): Promise<AppError> => {
  let caught: unknown;
  try {
    await p;
  } catch (err) {
    caught = err;
  }
  expect(caught, `expected AppError ${code}`).to.be.instanceOf(AppError);
  expect((caught as AppError).code, (caught as Error).message).to.equal(code);
  return caught as AppError;
};

const collect = async (it: AsyncIterable<string>): Promise<string[]> => {
  const out: string[] = [];
  for await (const k of it) out.push(k);
  return out.sort();
};

/** The behaviour every BlobStore adapter must have. */
const blobStoreContract = (name: string, makeHarness: () => Promise<Harness>) => {
  describe(`BlobStore contract: ${name}`, () => {
    let h: Harness;
    let work: string;
    const file = async (data: Buffer, fileName = `${randomBytes(6).toString('hex')}.bin`) => {
      const p = path.join(work, fileName);
      await writeFile(p, data);
      return p;
    };

    before(async () => {
      h = await makeHarness();
      work = await mkdtemp(path.join(os.tmpdir(), 'naskah-blob-src-'));
    });
    after(async () => {
      await h?.cleanup();
      if (work) await rm(work, { recursive: true, force: true });
    });

    it('streams a multi-megabyte object in and out unchanged, leaving the source file', async () => {
      const data = randomBytes(5 * 1024 * 1024 + 123);
      const src = await file(data);
      const key = `originals/${sha256(data).slice(0, 2)}/${sha256(data)}`;
      expect(await h.store.putFile(key, src, { size: data.length, contentType: 'application/pdf' })).to.deep.equal({ existed: false });
      expect((await stat(src)).size).to.equal(data.length);
      expect(await hashStream(await h.store.get(key))).to.deep.equal({ sha: sha256(data), size: data.length });
      expect(sha256(await h.store.getBuffer(key))).to.equal(sha256(data));
      const st = await h.store.stat(key);
      expect(st?.size).to.equal(data.length);
      // Object age (reconcile deletes orphans only once they are old): recent, and a real date.
      expect(Math.abs(Date.now() - st!.modifiedAt.getTime())).to.be.below(120_000);
    });

    it('keeps the first object when the same key is put twice', async () => {
      const first = Buffer.from('first version');
      const key = 'dup/same-key';
      expect(await h.store.putFile(key, await file(first), { size: first.length, contentType: 'text/plain' })).to.deep.equal({ existed: false });
      const second = Buffer.from('second version!');
      expect(await h.store.putFile(key, await file(second), { size: second.length, contentType: 'text/plain' })).to.deep.equal({ existed: true });
      expect((await h.store.getBuffer(key)).toString()).to.equal('first version');
    });

    it('stores one intact object when 20 puts of the same key race', async () => {
      const data = randomBytes(1024 * 1024);
      const sources = await Promise.all(Array.from({ length: 20 }, () => file(data)));
      const key = `originals/race/${sha256(data)}`;
      const results = await Promise.all(sources.map((s) => h.store.putFile(key, s, { size: data.length, contentType: 'application/octet-stream' })));
      const created = results.filter((r) => !r.existed).length;
      if (h.exclusiveCreate) expect(created).to.equal(1);
      else expect(created).to.be.within(1, 20);
      expect(sha256(await h.store.getBuffer(key))).to.equal(sha256(data));
      expect(await collect(h.store.list('originals/race/'))).to.deep.equal([key]);
    });

    it('stores and reads an empty object', async () => {
      const key = 'empty/zero';
      expect(await h.store.putFile(key, await file(Buffer.alloc(0)), { size: 0, contentType: 'application/octet-stream' })).to.deep.equal({ existed: false });
      expect((await h.store.stat(key))?.size).to.equal(0);
      expect((await h.store.getBuffer(key)).length).to.equal(0);
    });

    it('overwrites small derived objects with putBuffer', async () => {
      await h.store.putBuffer('text/doc-1.json', Buffer.from('{"v":1}'), 'application/json');
      await h.store.putBuffer('text/doc-1.json', Buffer.from('{"v":2}'), 'application/json');
      expect((await h.store.getBuffer('text/doc-1.json')).toString()).to.equal('{"v":2}');
    });

    it('stats, lists by prefix and deletes', async () => {
      const keys = ['list/aa/1', 'list/aa/2', 'list/ab/3', 'list/b/4', 'other/5'];
      for (const k of keys) await h.store.putBuffer(k, Buffer.from(k), 'text/plain');
      expect(await collect(h.store.list('list/'))).to.deep.equal(keys.slice(0, 4));
      expect(await collect(h.store.list('list/a'))).to.deep.equal(keys.slice(0, 3));
      expect(await collect(h.store.list('list/aa/'))).to.deep.equal(['list/aa/1', 'list/aa/2']);
      expect(await collect(h.store.list('nothing-here/'))).to.deep.equal([]);
      expect((await h.store.stat('list/b/4'))?.size).to.equal('list/b/4'.length);
      await h.store.delete('list/b/4');
      expect(await h.store.stat('list/b/4')).to.equal(null);
      await h.store.delete('list/b/4'); // already gone: no error
      expect(await collect(h.store.list('list/b'))).to.deep.equal([]);
    });

    it('reports a missing key as not_found or null', async () => {
      await expectAppError(h.store.get('missing/key'), 'not_found');
      await expectAppError(h.store.getBuffer('missing/key'), 'not_found');
      expect(await h.store.stat('missing/key')).to.equal(null);
      // A folder is not an object.
      await h.store.putBuffer('folder/inside', Buffer.from('x'), 'text/plain');
      await expectAppError(h.store.get('folder'), 'not_found');
      expect(await h.store.stat('folder')).to.equal(null);
    });

    it('answers ping', async () => {
      await h.store.ping();
    });

    it('rejects keys that could escape or collide', async () => {
      const src = await file(Buffer.from('x'));
      const bad = [
        '',
        '../etc/passwd',
        'a/../../b',
        '/abs/key',
        'Upper/Case',
        'a//b',
        'a/./b',
        'a/',
        'a\\b',
        'sp ace',
        '.tmp/x',
        'a/.hidden',
        'nul\0',
        'ü',
        'x'.repeat(1100),
      ];
      for (const key of bad) {
        await expectAppError(h.store.putFile(key, src, { size: 1, contentType: 'text/plain' }), 'bad_request');
        await expectAppError(h.store.putBuffer(key, Buffer.from('x'), 'text/plain'), 'bad_request');
        await expectAppError(h.store.get(key), 'bad_request');
        await expectAppError(h.store.stat(key), 'bad_request');
        await expectAppError(h.store.delete(key), 'bad_request');
      }
      for (const prefix of ['../', '/', 'a//', '.tmp/']) await expectAppError(collect(h.store.list(prefix)), 'bad_request');
    });

    it('turns an unreachable backend into AppError unavailable (storage)', async () => {
      const down = await h.down();
      const pingErr = await expectAppError(down.ping(), 'unavailable');
      expect(pingErr.backend).to.equal('storage');
      const src = await file(Buffer.from('will not be stored'));
      const putErr = await expectAppError(down.putFile('down/x', src, { size: 18, contentType: 'text/plain' }), 'unavailable');
      expect(putErr.backend).to.equal('storage');
    });
  });
};

blobStoreContract('local-fs', async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'naskah-blob-local-'));
  const store = createLocalFsBlobStore({ root: path.join(root, 'objects') });
  await store.init();
  return {
    store,
    exclusiveCreate: true,
    // A regular file where the root should be: what a failed mount or wrong DATA_DIR looks like.
    down: async () => {
      const notADir = path.join(root, 'not-a-dir');
      await writeFile(notADir, 'x');
      return createLocalFsBlobStore({ root: notADir });
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
});

/** A TCP port that nothing listens on (bound, then released). */
const closedPort = async (): Promise<number> => {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
};

let s3: TestS3Server | undefined;
blobStoreContract('s3 (s3rver)', async () => {
  s3 = await startS3rver();
  const opts = { endpoint: s3.endpoint, accessKey: s3.accessKey, secretKey: s3.secretKey, bucket: 'naskah-test', timeoutMs: 2000 };
  const store = createS3BlobStore(opts);
  await store.init(); // creates the bucket through the S3 API
  return {
    store,
    exclusiveCreate: false,
    down: async () => createS3BlobStore({ ...opts, endpoint: `http://127.0.0.1:${await closedPort()}` }),
    cleanup: async () => s3?.destroy(),
  };
});

describe('LocalFsBlobStore specifics', () => {
  let base: string;
  beforeEach(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'naskah-blob-local-'));
  });
  afterEach(() => rm(base, { recursive: true, force: true }));

  it('keeps the object when the source file is removed afterwards (staging discard)', async () => {
    const store = createLocalFsBlobStore({ root: path.join(base, 'objects') });
    await store.init();
    const src = path.join(base, 'staged');
    await writeFile(src, 'payload');
    await store.putFile('originals/k', src, { size: 7, contentType: 'text/plain' });
    await rm(src);
    expect((await store.getBuffer('originals/k')).toString()).to.equal('payload');
  });

  it('copies when the source is on another filesystem', async function () {
    // A RAM disk when the store is on disk; the checkout's .tmp when the tests' own temp files are on the RAM disk.
    const here = (await stat(base)).dev;
    await mkdir('.tmp', { recursive: true });
    let other: string | undefined;
    for (const dir of ['/dev/shm', path.resolve('.tmp')]) {
      const fs = await stat(dir).catch(() => null);
      if (fs && fs.dev !== here) {
        other = dir;
        break;
      }
    }
    if (!other) this.skip();
    const srcDir = await mkdtemp(path.join(other, 'naskah-xdev-'));
    try {
      const src = path.join(srcDir, 'staged');
      const data = randomBytes(300_000);
      await writeFile(src, data);
      const store = createLocalFsBlobStore({ root: path.join(base, 'objects') });
      await store.init();
      expect(await store.putFile('x/y', src, { size: data.length, contentType: 'application/octet-stream' })).to.deep.equal({ existed: false });
      expect(sha256(await store.getBuffer('x/y'))).to.equal(sha256(data));
      expect(await store.putFile('x/y', src, { size: data.length, contentType: 'application/octet-stream' })).to.deep.equal({ existed: true });
      expect(await readdir(path.join(base, 'objects', '.tmp'))).to.deep.equal([]); // no temp copy left behind
    } finally {
      await rm(srcDir, { recursive: true, force: true });
    }
  });

  it('init removes stale temp files and list never shows them', async () => {
    const root = path.join(base, 'objects');
    const store = createLocalFsBlobStore({ root });
    await store.init();
    const stale = path.join(root, '.tmp', 'crash.tmp');
    const fresh = path.join(root, '.tmp', 'inflight.tmp');
    await writeFile(stale, 'x');
    await writeFile(fresh, 'y');
    const old = new Date(Date.now() - 2 * 60 * 60 * 1000);
    await utimes(stale, old, old);
    expect(await collect(store.list(''))).to.deep.equal([]);
    await store.init();
    expect(await readdir(path.join(root, '.tmp'))).to.deep.equal(['inflight.tmp']);
  });
});

describe('S3BlobStore bucket creation', () => {
  it('creates the bucket on the first ping or write when the server was down at init', async () => {
    const port = await closedPort();
    const store = createS3BlobStore({ endpoint: `http://127.0.0.1:${port}`, accessKey: 'S3RVER', secretKey: 'S3RVER', bucket: 'late-bucket', timeoutMs: 2000 });
    await expectAppError(store.init(), 'unavailable');
    // Bring a server up on that very port, as a late-starting MinIO would.
    const directory = await mkdtemp(path.join(os.tmpdir(), 'naskah-s3rver-late-'));
    const server = await startS3rver({ port, directory });
    try {
      await store.ping();
      await store.putBuffer('a/b', Buffer.from('late'), 'text/plain');
      expect((await store.getBuffer('a/b')).toString()).to.equal('late');
    } finally {
      await server.destroy();
    }
  });
});

describe('storage error mapping', () => {
  const sysErr = (code: string) => Object.assign(new Error(code), { code, syscall: 'write' });

  it('turns disk failures into unavailable (storage) and leaves other errors alone', () => {
    for (const code of ['EACCES', 'EPERM', 'ENOSPC', 'EDQUOT', 'EIO', 'EROFS', 'EMFILE']) {
      const mapped = toStorageError(sysErr(code), 'put');
      expect(mapped, code).to.be.instanceOf(AppError);
      expect((mapped as AppError).code).to.equal('unavailable');
      expect((mapped as AppError).backend).to.equal('storage');
    }
    const enoent = sysErr('ENOENT');
    expect(toStorageError(enoent, 'put')).to.equal(enoent);
    const bug = new TypeError('bug');
    expect(toStorageError(bug, 'put')).to.equal(bug);
  });
});

describe('S3BlobStore specifics', () => {
  it('fails fast with unavailable when the server hangs', async () => {
    // Accepts connections and never answers: only the adapter's timeout can end the request.
    const sockets = new Set<net.Socket>();
    const hung = net.createServer((s) => sockets.add(s));
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = hung.address() as net.AddressInfo;
      const store = createS3BlobStore({ endPoint: '127.0.0.1', port, useSSL: false, accessKey: 'k', secretKey: 's', bucket: 'naskah', timeoutMs: 300 });
      // The adapter's own request timeout ended both, not the test's.
      const err = await expectAppError(store.ping(), 'unavailable');
      expect(err.backend).to.equal('storage');
      expect(err.detail).to.include('ETIMEDOUT');
      expect((await expectAppError(store.stat('a/b'), 'unavailable')).detail).to.include('ETIMEDOUT');
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => hung.close(() => resolve()));
    }
  });

  it('creates the bucket once, uploads in parts, and reports unavailable after the server stops', async () => {
    const server = await startS3rver();
    try {
      const opts = { endpoint: server.endpoint, accessKey: server.accessKey, secretKey: server.secretKey, bucket: 'fresh-bucket', timeoutMs: 2000 };
      const store = createS3BlobStore(opts);
      // Two processes starting at once both create the bucket; neither fails.
      await Promise.all([store.init(), createS3BlobStore(opts).init()]);
      await store.init();
      await store.ping();
      const work = await mkdtemp(path.join(os.tmpdir(), 'naskah-blob-src-'));
      try {
        const data = randomBytes(12 * 1024 * 1024); // above the 8 MiB part size: multipart
        const src = path.join(work, 'big');
        await writeFile(src, data);
        expect(await store.putFile('big/one', src, { size: data.length, contentType: 'application/pdf' })).to.deep.equal({ existed: false });
        expect(await hashStream(await store.get('big/one'))).to.deep.equal({ sha: sha256(data), size: data.length });
      } finally {
        await rm(work, { recursive: true, force: true });
      }
      await server.stop();
      for (const op of [
        store.ping(),
        store.stat('big/one'),
        store.get('big/one'),
        store.getBuffer('big/one'),
        store.delete('big/one'),
        collect(store.list('big/')),
      ]) {
        expect((await expectAppError(op, 'unavailable')).backend).to.equal('storage');
      }
    } finally {
      await server.destroy();
    }
  });
});
