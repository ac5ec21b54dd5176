import type { LetterEmailRecord, LetterEmailState } from '../domain/letter-emails.ts';

/** Signed letters e-mailed to external parties, one row per letter and address (issue 13). */
export interface LetterEmailRepository {
  create(e: LetterEmailRecord): Promise<void>;
  findById(id: string): Promise<LetterEmailRecord | null>;
  /** A letter's e-mails in their order. */
  ofLetter(letterId: string): Promise<LetterEmailRecord[]>;
  /** Compare-and-set of the state (with the reason or the time sent); false when it was not `from`. */
  setState(id: string, from: LetterEmailState, to: LetterEmailState, now: Date, extra?: { reason?: string; sentAt?: Date }): Promise<boolean>;
}
