/**
 * Another office's public log, over HTTP (witnessing, `log:audit`). Every answer is untrusted:
 * callers check signatures and proofs. Network and HTTP failures throw.
 */
export interface RemoteLogs {
  /** The latest checkpoint note (`GET /log/checkpoint`); with `cosignatures`, the newest that many of its witnesses cosigned. */
  checkpoint(url: string, o?: { cosignatures?: number }): Promise<string>;
  /** A consistency proof as hex hashes (`GET /log/proof/consistency`). */
  consistency(url: string, from: number, to: number): Promise<string[]>;
  /** An inclusion proof as hex hashes (`GET /log/proof/inclusion`). */
  inclusion(url: string, index: number, size: number): Promise<string[]>;
  /** Leaves [start, end) (at most what the log gives per request; may be fewer). */
  leaves(url: string, start: number, end: number): Promise<{ index: number; text: string }[]>;
  /** The checkpoints of other logs that office has witnessed (`GET /log/witness/views`). */
  witnessViews(url: string): Promise<{ origin: string; note: string }[]>;
  /** Hands that log a cosigned checkpoint (`POST /log/cosignature`). */
  postCosignature(url: string, note: string): Promise<void>;
}
