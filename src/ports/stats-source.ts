import type { LetterTimes } from '../domain/stats.ts';
import type { DocumentVisibility } from './correspondence-repositories.ts';

/** The facts behind the office figures, limited to letters whose document the reader may see. */
export interface StatsSource {
  /** receivedAt of incoming letters received in [from, to); a void agenda entry is no letter received (here and below). */
  incomingReceived(visibility: DocumentVisibility, from: Date, to: Date): Promise<Date[]>;
  /** createdAt (drafted) and signedAt of outgoing letters drafted or signed in [from, to). */
  outgoing(visibility: DocumentVisibility, from: Date, to: Date): Promise<{ createdAt: Date; signedAt: Date | null }[]>;
  /** Receipt, first disposition and completion times of incoming letters received in [from, to). */
  letterTimes(visibility: DocumentVisibility, from: Date, to: Date): Promise<LetterTimes[]>;
  /** Open dispositions past due at `now`, per holding unit (a person's disposition counts for their unit). */
  overdueByUnit(visibility: DocumentVisibility, now: Date): Promise<{ unitCode: string; overdue: number }[]>;
}
