/** The letter a search hit belongs to, so a result can say which one and link back to it. */
export type HitLetter =
  | { type: 'incoming'; id: string; agendaNumber: number; agendaYear: number; unitCode: string; status: string }
  | { type: 'outgoing'; id: string; status: string; signed: boolean };

/** What a search result says besides its title and passages (issue 18); the web UI reads the same shape. */
export interface HitDescription {
  letterNumber: string | null;
  sender: string | null;
  /** YYYY-MM-DD: the letter's date, else the document's, else the day it was added. */
  date: string | null;
  /** The page of the first passage shown, found in the stored text (pages are kept apart there); null when unknown. */
  page: number | null;
  letter: HitLetter | null;
  /** Replies this office drafted to an incoming letter, as far as the caller may see them. */
  replies: { id: string; subject: string; letterNumber: string | null }[];
  /** Other documents of the same letter on this page (its draft versions, its signed PDF), merged into this result. */
  collapsed: string[];
}
