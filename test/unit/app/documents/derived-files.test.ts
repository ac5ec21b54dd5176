import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { removeDerivedFiles } from '../../../../src/app/documents/derived-files.ts';
import { originalKey, pageImageKey, searchableKey, thumbnailKey } from '../../../../src/app/documents/keys.ts';
import { createLocalFsBlobStore } from '../../../../src/infra/storage/local-fs.blob-store.ts';

const collect = async (it: AsyncIterable<string>) => {
  const out: string[] = [];
  for await (const k of it) out.push(k);
  return out.sort();
};

describe('files derived from a document go with it', () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'naskah-derived-'));
  });
  after(() => rm(root, { recursive: true, force: true }));

  it("removes a record's searchable copy, thumbnail and page images, and nothing of another record or any original", async () => {
    const blobs = createLocalFsBlobStore({ root });
    await blobs.init();
    const [gone, kept] = ['6f1c2d9e-1a2b-4c3d-8e9f-000000000001', '6f1c2d9e-1a2b-4c3d-8e9f-000000000002'];
    const original = originalKey('ab'.repeat(32));
    for (const key of [
      searchableKey(gone),
      thumbnailKey(gone),
      pageImageKey(gone, 1),
      pageImageKey(gone, 12),
      thumbnailKey(kept),
      pageImageKey(kept, 1),
      original,
    ]) {
      await blobs.putBuffer(key, Buffer.from(key), 'application/octet-stream');
    }
    await removeDerivedFiles({ blobs }, gone);
    expect(await collect(blobs.list('derived/'))).to.deep.equal([pageImageKey(kept, 1), thumbnailKey(kept)].sort());
    expect(await blobs.stat(original)).to.not.equal(null);
  });
});
