/** Per-user counts of refused reads, one row per user and time window, shared by every process. */
export interface AccessRefusalRepository {
  /**
   * Counts one refusal of `actorId` in the window starting at `windowStart`, atomically (two
   * processes counting at once both count), and returns the window's count including this one.
   * Inside a transaction the row stays locked until it ends, so the caller's audit entry and
   * the count agree.
   */
  count(actorId: string, windowStart: Date): Promise<number>;
  /** Removes the user's rows of windows that started before `before` and returns them. */
  takeEarlier(actorId: string, before: Date): Promise<{ windowStart: Date; refused: number }[]>;
}
