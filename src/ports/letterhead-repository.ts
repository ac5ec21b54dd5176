import type { Letterhead, LetterheadLogo, LetterheadText } from '../domain/letterhead.ts';

/** The office's one letterhead (issue 13); EMPTY_LETTERHEAD until an admin sets it. */
export interface LetterheadRepository {
  get(): Promise<Letterhead>;
  /** Writes the text fields, keeping the logo. */
  saveText(text: LetterheadText, now: Date): Promise<void>;
  /** Sets (or with null removes) the logo, keeping the text. */
  saveLogo(logo: LetterheadLogo | null, now: Date): Promise<void>;
}
