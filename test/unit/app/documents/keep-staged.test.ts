import { expect } from 'chai';
import { keepStaged } from '../../../../src/app/documents/keep-staged.ts';
import { AppError } from '../../../../src/domain/errors.ts';
import type { BlobStore } from '../../../../src/ports/blob-store.ts';
import type { StagedFile } from '../../../../src/ports/staging-area.ts';
import { rejection } from '../../../support/rejection.ts';

/** A blob store that only records the puts it was asked for. */
const recordingStore = () => {
  const puts: string[] = [];
  const blobs = { putFile: async (key: string) => (puts.push(key), { existed: false }) } as unknown as BlobStore;
  return { blobs, puts };
};

const stagedWith = (synced: Promise<void>): StagedFile => ({ path: '/tmp/stg-x.part', sha256: 'ab'.repeat(32), size: 3, head: Buffer.from('abc'), synced });

describe('keepStaged', () => {
  it('stores the file only once its bytes are on the local disk', async () => {
    const { blobs, puts } = recordingStore();
    let flushed!: () => void;
    const kept = keepStaged(blobs, 'originals/ab/ab/x', stagedWith(new Promise<void>((r) => (flushed = r))), 'application/pdf');
    await new Promise((r) => setTimeout(r, 20));
    expect(puts).to.deep.equal([]);
    flushed();
    expect(await kept).to.deep.equal({ existed: false });
    expect(puts).to.deep.equal(['originals/ab/ab/x']);
  });

  it('fails with the flush’s storage error and stores nothing when the disk could not take the bytes', async () => {
    const { blobs, puts } = recordingStore();
    const eio = new AppError('unavailable', 'storage is unavailable (staging write: EIO)', { backend: 'storage' });
    const err = await rejection(keepStaged(blobs, 'originals/ab/ab/x', stagedWith(Promise.reject(eio)), 'application/pdf'));
    expect(err).to.equal(eio);
    expect(puts).to.deep.equal([]);
  });
});
