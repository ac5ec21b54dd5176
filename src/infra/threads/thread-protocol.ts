/** What a thread pool and its threads say to each other (thread-pool.ts, serve-thread.ts). */
import type { ErrorCode } from '../../domain/errors.ts';

/** The calls a thread module serves: op name → handler. */
export type ThreadOps = Record<string, (args: never) => Promise<unknown>>;

/** The message that asks a thread to finish and exit (see Thread.close). */
export const EXIT = '__exit';

export interface ThreadRequest {
  id: number;
  op: string;
  args: unknown;
}
export type ThreadReply = { id: number } & (
  | { result: unknown; error?: undefined }
  | { error: { code: ErrorCode; detail: string } | { message: string }; result?: undefined }
);
