import type { Config } from '../../config/config.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import { createLocalFsBlobStore } from './local-fs.blob-store.ts';
import { createS3BlobStore } from './s3.blob-store.ts';

/** The blob store the configuration names (its own module, so a command that needs only storage loads only storage). */
export const blobStoreFor = (c: Config['storage']): BlobStore & { init(): Promise<void> } =>
  c.driver === 's3'
    ? createS3BlobStore({ endpoint: c.endpoint, accessKey: c.accessKey, secretKey: c.secretKey, bucket: c.bucket, region: c.region })
    : createLocalFsBlobStore({ root: c.root });
