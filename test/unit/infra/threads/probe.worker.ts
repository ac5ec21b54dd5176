/** A thread module for thread-pool.test.ts: calls that answer, refuse, spin, exhaust the heap or crash. */
import { threadId } from 'node:worker_threads';
import { AppError } from '../../../../src/domain/errors.ts';
import { serveThread } from '../../../../src/infra/threads/serve-thread.ts';

export type ProbeOps = {
  echo(x: { n: number }): Promise<{ n: number; thread: number }>;
  refuse(x: { why: string }): Promise<never>;
  spin(x: Record<string, never>): Promise<never>;
  hog(x: Record<string, never>): Promise<never>;
  crash(x: Record<string, never>): Promise<never>;
};

const ops: ProbeOps = {
  echo: async ({ n }) => ({ n, thread: threadId }),
  refuse: async ({ why }) => {
    throw new AppError('invalid', why);
  },
  spin: async () => {
    for (;;);
  },
  hog: async () => {
    const kept: number[][] = [];
    for (;;) kept.push(Array.from({ length: 100_000 }, (_, i) => i * 1.5));
  },
  crash: async () => {
    setImmediate(() => {
      throw new Error('the thread fell over');
    });
    return new Promise<never>(() => {});
  },
};

serveThread(ops);
