import { calendarDateIn } from './office-time.ts';
import type { Assignee, DeliveryKind, Party } from './parties.ts';
import { securityRank, type SecurityLevel } from './security-level.ts';

/** Urgency (sifat) of a letter, lowest first. */
export const URGENCIES = ['biasa', 'penting', 'segera', 'sangat_segera'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** The usual checkboxes of a disposition slip, besides its free-text instruction. */
export const DISPOSITION_ACTIONS = ['untuk_diketahui', 'untuk_ditindaklanjuti', 'siapkan_jawaban', 'hadiri', 'koordinasikan', 'arsipkan'] as const;
export type DispositionAction = (typeof DISPOSITION_ACTIONS)[number];

/** registered: no disposition yet; disposed: routed, work open; completed: every disposition done. */
export type IncomingStatus = 'registered' | 'disposed' | 'completed';

export interface IncomingLetterRecord {
  id: string;
  documentId: string;
  unitCode: string;
  agendaYear: number;
  /** Running number of the unit's register for agendaYear: 1, 2, 3… without gaps. */
  agendaNumber: number;
  letterNumber: string;
  letterDate: string; // YYYY-MM-DD
  sender: string;
  subject: string;
  urgency: Urgency;
  securityLevel: SecurityLevel;
  classificationCode: string | null;
  receivedAt: Date;
  status: IncomingStatus;
  registeredBy: string;
  /** Set when internal delivery registered it: the signed outgoing letter it is, and as what. */
  sourceOutgoingId: string | null;
  deliveryKind: DeliveryKind | null;
  /** 1 when registered, one more per correction (compare-and-set: see IncomingLetterRepository.update). */
  version: number;
  /** A voided entry keeps its agenda number, marked; it leaves the working lists (issue 18). */
  voided: IncomingVoid | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface IncomingVoid {
  at: Date;
  by: string;
  reason: string;
}

/** `withdrawn`: its sender took it back before it was read (issue 13); it counts for nothing after. */
export type DispositionStatus = 'open' | 'completed' | 'withdrawn';

/** One routing of a letter; forwarding makes a child of the disposition it came from. */
export interface DispositionRecord {
  id: string;
  letterId: string;
  parentId: string | null;
  fromUserId: string;
  /** Exactly one of toUserId / toUnitCode is set. */
  toUserId: string | null;
  toUnitCode: string | null;
  instruction: string;
  actions: DispositionAction[];
  dueAt: Date | null;
  status: DispositionStatus;
  readAt: Date | null;
  completedAt: Date | null;
  completedBy: string | null;
  report: string | null;
  reportDocumentId: string | null;
  createdAt: Date;
}

/** draft flow: in_review → (returned → in_review)* → approved → signed. */
export type OutgoingStatus = 'in_review' | 'returned' | 'approved' | 'signed';

export interface OutgoingLetterRecord {
  id: string;
  /** The naskah type's code (domain/letter-types.ts). */
  type: string;
  subject: string;
  recipient: string;
  /** Resolved when drafted; empty for a letter with only the free-text `recipient`. */
  addressees: Party[];
  copies: Party[];
  /** The incoming letter this one answers. */
  inReplyTo: string | null;
  classificationCode: string;
  securityLevel: SecurityLevel;
  unitCode: string;
  drafterId: string;
  signerId: string;
  status: OutgoingStatus;
  /** The current version; its document is `documentId`. */
  version: number;
  documentId: string;
  /** Assigned at signing: classification / sequence / unit / year. */
  letterNumber: string | null;
  signedAt: Date | null;
  signedDocumentId: string | null;
  /** Sent out after signing (ekspedisi): when, by which clerk, how, and a note (a receipt number). */
  dispatchedAt: Date | null;
  dispatchedBy: string | null;
  dispatchVia: DispatchVia | null;
  dispatchNote: string | null;
  /** The last time the signer returned the approved draft (issue 13), and what they asked for. */
  signerReturnedAt: Date | null;
  signerReturnComment: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** How a signed letter left the office: post, courier, email, by hand, or another way. */
export const DISPATCH_VIA = ['post', 'courier', 'email', 'hand', 'other'] as const;
export type DispatchVia = (typeof DISPATCH_VIA)[number];

/**
 * What the drafter wrote when the system renders the letter (a version uploaded as a PDF has
 * none). Kept so signing can render the final letter again with its number and date.
 */
export interface OutgoingTemplate {
  /** Yth. …, one line per line. */
  addressee: string;
  /** Paragraphs separated by a blank line. */
  body: string;
  place: string | null;
  /** YYYY-MM-DD; null: the day it is rendered. */
  date: string | null;
  /** The Lampiran line, e.g. "1 (satu) berkas". */
  attachments: string | null;
  /** The signer's position as printed above their name (jabatan); null: from their unit. */
  signerTitle: string | null;
  /** From the naskah type, kept with the version so signing prints what was approved. */
  heading?: string | null;
  /** The type's extra fields, printed "label : value" under the body (an invitation's day, time, place). */
  fields?: { label: string; value: string }[];
  /** Surat tugas: the people assigned. */
  assignees?: Assignee[];
  /** Tembusan, printed after the signature block. */
  copies?: string[];
}

export interface OutgoingVersionRecord {
  letterId: string;
  version: number;
  documentId: string;
  createdBy: string;
  note: string | null;
  /** Set when the system rendered this version from a template. */
  template: OutgoingTemplate | null;
  createdAt: Date;
}

export type ReviewState = 'pending' | 'approved' | 'returned';

/** A reviewer's step (paraf) for one version; reviewers act in `position` order. */
export interface OutgoingReviewRecord {
  letterId: string;
  version: number;
  position: number;
  reviewerId: string;
  state: ReviewState;
  comment: string | null;
  decidedAt: Date | null;
}

export interface NotificationRecord {
  id: string;
  userId: string;
  kind: string;
  /** Unique: the same reminder is recorded (and mailed) once however often it is tried. */
  dedupeKey: string;
  subjectType: string;
  subjectId: string;
  message: string;
  readAt: Date | null;
  /**
   * none: no email wanted or no SMTP; pending → sending → sent | failed. `sending` is taken by
   * compare-and-set before the mail server is called, so a message goes out at most once: a
   * process killed while sending leaves it `sending`, and nobody sends it again.
   */
  emailState: 'none' | 'pending' | 'sending' | 'sent' | 'failed';
  createdAt: Date;
}

/** Counter scope of a unit's incoming register for a year. */
export const agendaScope = (unitCode: string, year: number): string => `agenda:${unitCode}:${year}`;

/** Counter scope of a unit's outgoing letter numbers for a year. */
export const letterNumberScope = (unitCode: string, year: number): string => `letter:${unitCode}:${year}`;

/** The number printed on an outgoing letter, e.g. 800/123/BKD/2025. */
export const formatLetterNumber = (classificationCode: string, sequence: number, unitCode: string, year: number): string =>
  `${classificationCode}/${sequence}/${unitCode}/${year}`;

// ---- The incoming register: the office calendar and the duplicate rule ----

/** The register year a letter received at `receivedAt` is numbered in (the office's calendar). */
export const agendaYearOf = (receivedAt: Date, timeZone: string): number => Number(calendarDateIn(receivedAt, timeZone).slice(0, 4));

/**
 * What two registrations must share to be the same letter by its number: the sender with
 * spacing collapsed, and the letter number without any spacing ("800 / 12 / BKD" is
 * "800/12/BKD"), both case-folded. Used for the duplicate flag, never to refuse a letter.
 */
export const letterIdentity = (sender: string, letterNumber: string): string => {
  const fold = (s: string) => s.normalize('NFKC').toLowerCase();
  return `${fold(sender).trim().replace(/\s+/g, ' ')}\n${fold(letterNumber).replace(/\s+/g, '')}`;
};

/**
 * Whether a letter filed on an already archived document (the same bytes) would be shown more
 * widely than its own rules allow: a letter is visible as its document is, so the document's
 * lower level, or another unit, would let people see a letter they may not.
 */
export const sharesLooserRules = (
  doc: { securityLevel: SecurityLevel; unitCode: string },
  letter: { securityLevel: SecurityLevel; unitCode: string },
): boolean => securityRank(doc.securityLevel) < securityRank(letter.securityLevel) || doc.unitCode !== letter.unitCode;

/** Every status of an incoming letter, in the order a letter moves through them. */
export const INCOMING_STATUSES = ['registered', 'disposed', 'completed'] as const satisfies readonly IncomingStatus[];
