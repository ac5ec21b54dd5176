import http from 'node:http';
import https from 'node:https';
import { Client, InvalidXMLError, S3Error } from 'minio';
import { AppError } from '../../domain/errors.ts';
import { toStorageError } from './fs-errors.ts';

/** Connection settings for an S3-compatible server (MinIO, AWS S3, s3rver in tests). */
export type S3Endpoint =
  /** `http://minio:9000` or `https://s3.example.go.id`; as in the S3_ENDPOINT variable. */
  { endpoint: string } | { endPoint: string; port?: number; useSSL?: boolean };

/** Options for the S3 blob store. */
export type S3BlobStoreOptions = S3Endpoint & {
  accessKey: string;
  secretKey: string;
  bucket: string;
  /** Defaults to us-east-1, which MinIO accepts whatever its own setting. */
  region?: string;
  /**
   * A request fails when the socket stays silent this long (connecting, waiting for an answer,
   * or mid-transfer), so a hung server turns into a 503 instead of a hung upload. Default 15 s.
   */
  timeoutMs?: number;
  /** Multipart part size; each part is buffered in memory. Default 8 MiB (minimum 5 MiB). */
  partSizeBytes?: number;
};

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_PART_SIZE = 8 * 1024 * 1024;

/** The multipart part size in effect for these options. */
export const partSizeOf = (opts: S3BlobStoreOptions): number => Math.max(5 * 1024 * 1024, opts.partSizeBytes ?? DEFAULT_PART_SIZE);

const parseEndpoint = (opts: S3Endpoint): { endPoint: string; port: number; useSSL: boolean } => {
  if ('endpoint' in opts) {
    const url = new URL(opts.endpoint);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`S3 endpoint must be http(s): ${opts.endpoint}`);
    if (url.pathname !== '/' || url.search) throw new Error(`S3 endpoint must not have a path: ${opts.endpoint}`);
    const useSSL = url.protocol === 'https:';
    return { endPoint: url.hostname.replace(/^\[(.*)\]$/, '$1'), port: url.port ? Number(url.port) : useSSL ? 443 : 80, useSSL };
  }
  const useSSL = opts.useSSL ?? false;
  return { endPoint: opts.endPoint, port: opts.port ?? (useSSL ? 443 : 80), useSSL };
};

/**
 * A minio Client whose every request has an idle timeout. The client itself has none, so an
 * unresponsive server would otherwise hold a request forever.
 */
export const createMinioClient = (opts: S3BlobStoreOptions): Client => {
  const { endPoint, port, useSSL } = parseEndpoint(opts);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const base = useSSL ? https : http;
  const request = ((reqOpts: http.RequestOptions, cb?: (res: http.IncomingMessage) => void) => {
    const req = base.request(reqOpts, cb);
    req.setTimeout(timeoutMs, () => {
      req.destroy(Object.assign(new Error(`object storage did not answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }));
    });
    return req;
  }) as typeof http.request;
  return new Client({
    endPoint,
    port,
    useSSL,
    accessKey: opts.accessKey,
    secretKey: opts.secretKey,
    region: opts.region ?? 'us-east-1',
    pathStyle: true,
    partSize: partSizeOf(opts),
    transport: { request },
    // Idle pooled sockets are dropped after 4 s, before servers close them (often at 5 s or
    // more), so a request is never sent down a socket the server is just closing.
    transportAgent: new base.Agent({ keepAlive: true, timeout: 4000 }),
    // The client's retries only cover 5xx answers, log with console.warn and cannot replay a
    // streamed body; the job runner retries whole operations with backoff instead.
    retryOptions: { disableRetry: true },
  });
};

const NOT_FOUND_CODES = new Set(['NoSuchKey', 'NotFound']);

/** True when the server said the object does not exist. */
export const isS3NotFound = (err: unknown): boolean => err instanceof S3Error && NOT_FOUND_CODES.has(String((err as { code?: unknown }).code));

/**
 * Errors that mean the server is unreachable, refused us, or answered with something we cannot
 * use: socket errors carry an errno code, server answers come as S3Error/InvalidXMLError.
 */
const isBackendFailure = (err: unknown): boolean =>
  err instanceof S3Error ||
  err instanceof InvalidXMLError ||
  typeof (err as { code?: unknown } | null)?.code === 'string' ||
  (err instanceof Error && /socket hang up|aborted|premature close/i.test(err.message));

/** Maps a minio client error to AppError `unavailable` (backend `storage`); other errors pass through. */
export const toS3Error = (err: unknown, action: string): unknown => {
  // Errors reading the local source file carry its path: they are disk errors, not S3 ones.
  if (typeof (err as { path?: unknown } | null)?.path === 'string') return toStorageError(err, action);
  if (err instanceof AppError || !isBackendFailure(err)) return err;
  const code = (err as { code?: unknown }).code;
  const why = typeof code === 'string' ? code : (err as Error).message;
  return new AppError('unavailable', `object storage is unavailable (${action}: ${why})`, { backend: 'storage', cause: err });
};
