import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import type { Client } from 'minio';

/** Reads exactly `length` bytes at `position` (regular files may still return short reads). */
const readFully = async (fh: FileHandle, buf: Buffer, length: number, position: number): Promise<void> => {
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fh.read(buf, done, length - done, position + done);
    if (bytesRead === 0) throw new Error('the file shrank while it was being uploaded');
    done += bytesRead;
  }
};

/**
 * Uploads a local file, holding at most one part in memory. Small files go in one PUT; larger
 * ones as a multipart upload that is aborted on failure, so a failed put leaves nothing behind.
 *
 * The minio client's own fPutObject is not used for large files: it first lists incomplete
 * uploads to resume them (an API s3rver and some gateways lack), may resume another process's
 * upload of the same key, and leaves failed uploads for the server to expire.
 */
export const uploadFile = async (client: Client, bucket: string, key: string, filePath: string, contentType: string, partSize: number): Promise<void> => {
  const fh = await open(filePath, 'r');
  try {
    const { size } = await fh.stat();
    if (size <= partSize) {
      const buf = Buffer.allocUnsafe(size);
      await readFully(fh, buf, size, 0);
      await client.putObject(bucket, key, buf, size, { 'Content-Type': contentType });
      return;
    }
    const uploadID = await client.initiateNewMultipartUpload(bucket, key, { 'Content-Type': contentType });
    try {
      // One buffer for every part: parts go up one after another, so it is free again each time.
      const buf = Buffer.allocUnsafe(partSize);
      const etags: { part: number; etag: string }[] = [];
      for (let part = 1, pos = 0; pos < size; part++) {
        const length = Math.min(partSize, size - pos);
        await readFully(fh, buf, length, pos);
        const { etag } = await client.uploadPart({ bucketName: bucket, objectName: key, uploadID, partNumber: part, headers: {} }, buf.subarray(0, length));
        etags.push({ part, etag });
        pos += length;
      }
      await client.completeMultipartUpload(bucket, key, uploadID, etags);
    } catch (err) {
      await client.abortMultipartUpload(bucket, key, uploadID).catch(() => undefined);
      throw err;
    }
  } finally {
    await fh.close();
  }
};
