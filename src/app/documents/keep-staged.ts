import type { BlobStore } from '../../ports/blob-store.ts';
import type { StagedFile } from '../../ports/staging-area.ts';

/**
 * Stores a staged file under `key`, durably. Every use case that keeps staged bytes goes through
 * here: the staging area flushes the file in the background while it is checked, so the flush's
 * outcome must be awaited first. A disk that failed to write the file fails the request (503)
 * instead of the blob store's own fsync finding nothing left to report.
 */
export const keepStaged = async (blobs: BlobStore, key: string, staged: StagedFile, contentType: string): Promise<{ existed: boolean }> => {
  await staged.synced;
  return blobs.putFile(key, staged.path, { size: staged.size, contentType });
};
