/**
 * Request counts per bucket (a route and a client address, say) and fixed time window, in the
 * database, so every web process of an office keeps one budget: a client cannot multiply its
 * allowance by the number of processes behind the proxy.
 */
export interface RateCountRepository {
  /**
   * Counts `by` hits (default 1) on `bucket` in the window starting at `windowStart`, atomically
   * (two processes counting at once both count), and returns the window's count including them.
   */
  hit(bucket: string, windowStart: Date, by?: number): Promise<number>;
  /** Forgets windows that started before `before` (they can no longer limit anyone). */
  prune(before: Date): Promise<number>;
}
