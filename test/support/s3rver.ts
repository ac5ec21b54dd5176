import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The part of s3rver's API the tests use (the package ships no types). */
interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
  httpServer?: { closeAllConnections(): void };
}
type S3rverCtor = new (opts: Record<string, unknown>) => S3rverInstance;

// s3rver is CommonJS without type declarations; createRequire keeps the import typed locally.
const S3rver = createRequire(import.meta.url)('s3rver') as S3rverCtor;

/** A running s3rver on 127.0.0.1 with its own temp directory. */
export interface TestS3Server {
  /** `http://127.0.0.1:<port>`, the S3_ENDPOINT form. */
  endpoint: string;
  port: number;
  /** Where it keeps its objects: start another on the same port and directory to "bring it back". */
  directory: string;
  /** s3rver's fixed credentials. */
  accessKey: string;
  secretKey: string;
  /** Stops the server; safe to call twice. */
  stop(): Promise<void>;
  /** Stops the server and removes its files. */
  destroy(): Promise<void>;
}

/**
 * Starts s3rver on 127.0.0.1, on a random free port unless `port` is given, storing into a new
 * temp directory unless `directory` is given (destroy() removes it either way). Buckets listed in
 * `buckets` exist from the start (s3rver wants them as `configureBuckets: [{ name }]`); others
 * can be made through the S3 API.
 */
export const startS3rver = async (opts: { buckets?: string[]; port?: number; directory?: string } = {}): Promise<TestS3Server> => {
  const directory = opts.directory ?? (await mkdtemp(path.join(os.tmpdir(), 'naskah-s3rver-')));
  const server = new S3rver({
    address: '127.0.0.1',
    port: opts.port ?? 0,
    silent: true,
    directory,
    configureBuckets: (opts.buckets ?? []).map((name) => ({ name })),
  });
  let addr: AddressInfo;
  try {
    addr = await server.run();
  } catch (err) {
    await rm(directory, { recursive: true, force: true });
    throw err;
  }
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const closed = server.close();
    // close() waits for open sockets; a client's keep-alive or hung request must not block it.
    server.httpServer?.closeAllConnections();
    await closed;
  };
  return {
    endpoint: `http://127.0.0.1:${addr.port}`,
    port: addr.port,
    directory,
    accessKey: 'S3RVER',
    secretKey: 'S3RVER',
    stop,
    destroy: async () => {
      await stop();
      await rm(directory, { recursive: true, force: true });
    },
  };
};
