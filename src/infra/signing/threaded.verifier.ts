/**
 * The PAdES verifier in worker threads (verifier.worker.ts): anyone may upload a PDF to "check a
 * letter", so parsing it and checking its signatures run where a hostile file can stall or exhaust
 * only a thread, under a time and heap limit, never the event loop that answers everyone else.
 * A file that runs out of time or memory fails with AppError `invalid` (the thread is replaced).
 */
import os from 'node:os';
import type { CertificateDer, PdfVerifier, VerificationReport, VerifyOptions } from '../../ports/pdf-signing.ts';
import { createThreadPool } from '../threads/thread-pool.ts';

/** The one call a verifier thread serves. */
export type VerifierOps = {
  verify(args: { pdf: Uint8Array; trustAnchors: CertificateDer[]; options?: VerifyOptions }): Promise<VerificationReport>;
};

export interface ThreadedVerifierOptions {
  /** Threads, started at first use; default min(2, cores). */
  threads?: number;
  /** Per verification; default 20 s (a letter takes milliseconds). */
  timeoutMs?: number;
  /** Heap of one thread; default 256 MB. */
  maxHeapMb?: number;
}

export const createThreadedVerifier = (opts: ThreadedVerifierOptions = {}): PdfVerifier & { close(): Promise<void> } => {
  const pool = createThreadPool<VerifierOps>({
    module: { base: import.meta.url, file: './verifier.worker' },
    what: 'checking the signatures of the file',
    threads: opts.threads ?? Math.min(2, os.availableParallelism()),
    timeoutMs: opts.timeoutMs ?? 20_000,
    maxHeapMb: opts.maxHeapMb ?? 256,
  });
  return {
    verify: (pdf, trustAnchors, options) => pool.call('verify', { pdf, trustAnchors, ...(options ? { options } : {}) }),
    close: () => pool.close(),
  };
};
