/**
 * The paper renderer (pdf-lib.paper-renderer.ts) in a worker thread. Laying out a register of
 * thousands of rows shapes every line of every cell with fontkit: measured here 4.6 s for 1,000
 * rows and about 25 s for 5,000 on a loaded machine, all of it on the event loop that answers
 * everyone else, which stood still that long. In a thread only that one request waits.
 */
import type { PaperContent, PaperRenderer } from '../../ports/paper-renderer.ts';
import { createThreadPool } from '../threads/thread-pool.ts';

/** The one call a paper thread serves. */
export type PaperOps = {
  render(content: PaperContent): Promise<Uint8Array>;
};

export interface ThreadedPaperOptions {
  /** Threads, started at first use; default 1 (papers are printed now and then). */
  threads?: number;
  /** Per paper; default 180 s (the largest register a request may ask for, on a slow machine). */
  timeoutMs?: number;
}

export const createThreadedPaperRenderer = (opts: ThreadedPaperOptions = {}): PaperRenderer & { close(): Promise<void> } => {
  const pool = createThreadPool<PaperOps>({
    module: { base: import.meta.url, file: './paper-renderer.worker' },
    what: 'laying out the paper',
    threads: opts.threads ?? 1,
    timeoutMs: opts.timeoutMs ?? 180_000,
    maxHeapMb: 512,
  });
  return {
    render: (content) => pool.call('render', content),
    close: () => pool.close(),
  };
};
