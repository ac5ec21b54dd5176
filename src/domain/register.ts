import type { IncomingStatus, Urgency } from './correspondence.ts';

/** One line of the Buku Agenda as it is printed and exported. */
export interface RegisterEntry {
  id: string;
  unitCode: string;
  agendaNumber: number;
  agendaYear: number;
  /** YYYY-MM-DD on the office's calendar. */
  receivedDate: string;
  letterNumber: string;
  letterDate: string;
  sender: string;
  subject: string;
  urgency: Urgency;
  classificationCode: string | null;
  status: IncomingStatus;
  /** Where the first dispositions sent it, each with how it stands ("Bidang Mutasi (Selesai)"). */
  disposedTo: string[];
}

/** The heading of every page: the office, the unit, the period, when it was printed. */
export interface RegisterHeading {
  office: string;
  unit: string;
  period: string;
  printedAt: string;
}
