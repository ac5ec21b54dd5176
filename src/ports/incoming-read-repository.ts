/** Who has opened which incoming letter (issue 13): the unread among those waiting for a disposition are marked. */
export interface IncomingReadRepository {
  /** Marks the letter read by the user; marking it again changes nothing. */
  mark(letterId: string, userId: string, at: Date): Promise<void>;
  /** Of these letters, those the user has opened. */
  readAmong(userId: string, letterIds: string[]): Promise<Set<string>>;
}
