import type { Readable } from 'node:stream';
import type { Client } from 'minio';
import { AppError } from '../../domain/errors.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import { assertValidKey, assertValidPrefix, missingObject } from './blob-key.ts';
import { createMinioClient, isS3NotFound, partSizeOf, toS3Error } from './s3-client.ts';
import { uploadFile } from './s3-file-upload.ts';
import type { S3BlobStoreOptions } from './s3-client.ts';

export type { S3BlobStoreOptions } from './s3-client.ts';

/**
 * Objects in one bucket of an S3-compatible server (MinIO in the full stack). A put resolves
 * once the server acknowledged the whole object; S3 replaces objects atomically, so readers
 * never see a partial one.
 */
export class S3BlobStore implements BlobStore {
  private readonly client: Client;
  private readonly bucket: string;
  private readonly region: string;
  private readonly partSize: number;
  /** Settles once the bucket is known to exist; cleared on failure so the next call retries. */
  private bucketReady: Promise<void> | undefined;

  constructor(opts: S3BlobStoreOptions) {
    this.client = createMinioClient(opts);
    this.partSize = partSizeOf(opts);
    this.bucket = opts.bucket;
    this.region = opts.region ?? 'us-east-1';
  }

  /**
   * Creates the bucket when it does not exist yet; safe to race with other processes. Call it at
   * startup. If the server is down then, the next ping or write tries again, so a stack whose
   * MinIO starts late heals without a restart.
   */
  init(): Promise<void> {
    this.bucketReady ??= this.createBucketIfMissing().catch((err: unknown) => {
      this.bucketReady = undefined;
      throw err;
    });
    return this.bucketReady;
  }

  private async createBucketIfMissing(): Promise<void> {
    try {
      if (await this.client.bucketExists(this.bucket)) return;
      try {
        await this.client.makeBucket(this.bucket, this.region);
      } catch (err) {
        // Another web or worker process may have created it meanwhile (servers answer that with
        // BucketAlreadyOwnedByYou or BucketAlreadyExists): fine if we can reach it now.
        if (!(await this.client.bucketExists(this.bucket))) throw err;
      }
    } catch (err) {
      throw toS3Error(err, 'create bucket');
    }
  }

  /**
   * Checks for the key first so a duplicate upload costs one HEAD. Two puts of the same new key
   * at the same moment may both upload and both report `existed: false`; keys are content
   * addressed, so the object ends up with the same bytes either way and callers deduplicate on
   * the hash in the database.
   */
  async putFile(key: string, filePath: string, opts: { size: number; contentType: string }): Promise<{ existed: boolean }> {
    assertValidKey(key);
    await this.init();
    if ((await this.stat(key)) !== null) return { existed: true };
    try {
      await uploadFile(this.client, this.bucket, key, filePath, opts.contentType, this.partSize);
      return { existed: false };
    } catch (err) {
      throw toS3Error(err, 'put');
    }
  }

  async putBuffer(key: string, data: Buffer, contentType: string): Promise<void> {
    assertValidKey(key);
    await this.init();
    try {
      await this.client.putObject(this.bucket, key, data, data.length, { 'Content-Type': contentType });
    } catch (err) {
      throw toS3Error(err, 'put');
    }
  }

  async get(key: string): Promise<Readable> {
    assertValidKey(key);
    try {
      return await this.client.getObject(this.bucket, key);
    } catch (err) {
      if (isS3NotFound(err)) throw missingObject(key);
      throw toS3Error(err, 'get');
    }
  }

  async getBuffer(key: string): Promise<Buffer> {
    const stream = await this.get(key);
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of stream) chunks.push(chunk as Buffer);
    } catch (err) {
      throw toS3Error(err, 'get');
    }
    return Buffer.concat(chunks);
  }

  async stat(key: string): Promise<{ size: number; modifiedAt: Date } | null> {
    assertValidKey(key);
    try {
      const st = await this.client.statObject(this.bucket, key);
      return { size: st.size, modifiedAt: st.lastModified };
    } catch (err) {
      if (isS3NotFound(err)) return null;
      throw toS3Error(err, 'stat');
    }
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    try {
      await this.client.removeObject(this.bucket, key);
    } catch (err) {
      if (isS3NotFound(err)) return;
      throw toS3Error(err, 'delete');
    }
  }

  list(prefix: string): AsyncIterable<string> {
    return this.listKeys(prefix);
  }

  /** Also creates the bucket if it is missing (see init). */
  async ping(): Promise<void> {
    await this.init();
    let exists: boolean;
    try {
      exists = await this.client.bucketExists(this.bucket);
    } catch (err) {
      const mapped = toS3Error(err, 'ping');
      throw mapped instanceof AppError ? mapped : new AppError('unavailable', 'object storage is unavailable (ping)', { backend: 'storage', cause: err });
    }
    if (!exists) throw new AppError('unavailable', `object storage bucket ${this.bucket} does not exist`, { backend: 'storage' });
  }

  private async *listKeys(prefix: string): AsyncGenerator<string> {
    assertValidPrefix(prefix);
    try {
      for await (const item of this.client.listObjectsV2(this.bucket, prefix, true)) {
        const name = (item as { name?: string }).name;
        if (name) yield name;
      }
    } catch (err) {
      throw toS3Error(err, 'list');
    }
  }
}

/** A blob store on an S3-compatible server. Call `init()` before use to create the bucket. */
export const createS3BlobStore = (opts: S3BlobStoreOptions): S3BlobStore => new S3BlobStore(opts);
