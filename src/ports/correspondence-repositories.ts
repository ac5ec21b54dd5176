import type {
  DispatchVia,
  DispositionRecord,
  IncomingLetterRecord,
  IncomingStatus,
  IncomingVoid,
  NotificationRecord,
  OutgoingLetterRecord,
  OutgoingReviewRecord,
  OutgoingStatus,
  OutgoingVersionRecord,
  ReviewState,
  Urgency,
} from '../domain/correspondence.ts';
import type { IncomingDetails } from '../domain/incoming-corrections.ts';
import type { SecurityLevel } from '../domain/security-level.ts';

/**
 * Which documents a reader may see, as a query can apply it: those in `unitCodes` ('all' for
 * every unit) at one of `levels`, or granted to `userId` in document_readers.
 */
export interface DocumentVisibility {
  userId: string;
  unitCodes: string[] | 'all';
  levels: SecurityLevel[];
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** Read grants outside the unit rule (disposition recipients, reviewers, signers). */
export interface ReaderRepository {
  /** Grants each user read access to a document; granting twice is a no-op. */
  grant(documentId: string, userIds: string[], reason: string, now: Date): Promise<void>;
  /** User ids granted this document. */
  of(documentId: string): Promise<string[]>;
  /** Grants of many documents at once (documents without grants map to []). */
  ofMany(documentIds: string[]): Promise<Map<string, string[]>>;
}

/**
 * Gap-free sequences. `next` must run inside a transaction: it locks the scope's row until the
 * transaction ends, so a rolled-back number is given again and none is given twice.
 */
export interface CounterRepository {
  /**
   * Makes the scope's row exist. Call it outside (before) the transaction that takes a number:
   * concurrent first inserts of one row inside transactions deadlock on MySQL.
   */
  ensure(scope: string): Promise<void>;
  next(scope: string): Promise<number>;
}

export interface IncomingFilter {
  status?: IncomingStatus;
  /** Only voided entries (true) or only those in force (false); both when absent. */
  voided?: boolean;
  urgency?: Urgency;
  unitCode?: string;
  sender?: string;
  /** Inclusive bounds on receivedAt. */
  from?: Date;
  to?: Date;
  q?: string;
}

/** The incoming register (surat masuk). */
export interface IncomingLetterRepository {
  create(letter: IncomingLetterRecord): Promise<void>;
  findById(id: string): Promise<IncomingLetterRecord | null>;
  /** The letter registered with this document (its scan), if any: one in force before a void one. */
  findByDocument(documentId: string): Promise<IncomingLetterRecord | null>;
  /** Of these documents, those registered only as void agenda entries (no letter in force has them). */
  voidScans(documentIds: string[]): Promise<Set<string>>;
  /** Letters whose document the reader may see, newest received first. */
  list(filter: IncomingFilter, visibility: DocumentVisibility, page: number, limit: number): Promise<Page<IncomingLetterRecord>>;
  /** Letters already registered with the same sender and letter number, or the same document. */
  findDuplicates(q: { sender: string; letterNumber: string; documentId: string }): Promise<IncomingLetterRecord[]>;
  /** The entries internal delivery made of a signed outgoing letter, one per recipient unit. */
  ofSource(outgoingId: string): Promise<IncomingLetterRecord[]>;
  setStatus(id: string, status: IncomingStatus, now: Date): Promise<void>;
  /**
   * Writes corrected details (the whole editable set, `IncomingDetails`, and the agenda number,
   * which a move to another unit's register changes) and moves the version on by compare-and-set;
   * false when the letter is at another version or voided.
   */
  update(id: string, details: IncomingDetails & Pick<IncomingLetterRecord, 'agendaNumber'>, version: number, now: Date): Promise<boolean>;
  /** Voids an entry in force at `version` (compare-and-set); false when it moved on or is void already. */
  markVoid(id: string, mark: IncomingVoid, version: number): Promise<boolean>;
}

/** Dispositions (disposisi) and their routing trees. */
export interface DispositionRepository {
  create(d: DispositionRecord): Promise<void>;
  findById(id: string): Promise<DispositionRecord | null>;
  /** Every disposition of a letter, oldest first (the routing tree). */
  ofLetter(letterId: string): Promise<DispositionRecord[]>;
  /** Every disposition of many letters, oldest first, in one read (the register's "disposed to" column). */
  ofLetters(letterIds: string[]): Promise<DispositionRecord[]>;
  /**
   * Dispositions held by the user, directly or through their unit: the open ones due first, or
   * (`done`) the completed ones, latest first, at most `limit`.
   */
  inbox(userId: string, unitCode: string, state?: 'open' | 'done', limit?: number): Promise<DispositionRecord[]>;
  /** Sets readAt if unset. */
  markRead(id: string, now: Date): Promise<void>;
  /** open → completed by compare-and-set; false when it was not open. */
  complete(id: string, by: string, report: string, reportDocumentId: string | null, now: Date): Promise<boolean>;
  /** open and unread → withdrawn by compare-and-set; false when it was read or not open. */
  withdraw(id: string): Promise<boolean>;
  /** Open dispositions with a due date at or before `until` (for reminders and escalation). */
  openDueBy(until: Date, limit: number, afterId: string | null): Promise<DispositionRecord[]>;
}

/** In-app notifications, and the email outbox riding on them. */
export interface NotificationRepository {
  /** Records a notification unless one with its dedupeKey exists; true when recorded now. */
  add(n: NotificationRecord): Promise<boolean>;
  listFor(userId: string, unreadOnly: boolean, page: number, limit: number): Promise<Page<NotificationRecord>>;
  markRead(id: string, userId: string, now: Date): Promise<boolean>;
  findById(id: string): Promise<NotificationRecord | null>;
  /**
   * Removes the notifications of one kind about one subject (a notice that no longer holds, such
   * as "registered, waits for a disposition" for a letter voided since); an email not yet sent
   * then goes nowhere (its job finds no notification). Returns how many were removed.
   */
  withdraw(subjectType: string, subjectId: string, kind: NotificationRecord['kind']): Promise<number>;
  /** Moves emailState from `from` to `to` by compare-and-set; false when it was not `from`. */
  setEmailState(id: string, from: NotificationRecord['emailState'], to: NotificationRecord['emailState']): Promise<boolean>;
}

export interface OutgoingFilter {
  status?: OutgoingStatus;
  /** Letters waiting for this user: as current reviewer, or as signer once approved. */
  waitingFor?: string;
  drafterId?: string;
  /** Only the replies to this incoming letter. */
  inReplyTo?: string;
  /** Signed letters already sent out (true) or still to send (false). */
  dispatched?: boolean;
}

/** Outgoing letters (surat keluar), their versions and review steps. */
export interface OutgoingLetterRepository {
  create(letter: OutgoingLetterRecord, version: OutgoingVersionRecord, reviews: OutgoingReviewRecord[]): Promise<void>;
  findById(id: string): Promise<OutgoingLetterRecord | null>;
  /** The letter whose signed PDF is this document, if any. */
  findBySignedDocument(documentId: string): Promise<OutgoingLetterRecord | null>;
  /** The letters any of whose versions or whose signed PDF is one of these documents, by document id. */
  ofDocuments(documentIds: string[]): Promise<Map<string, OutgoingLetterRecord>>;
  list(filter: OutgoingFilter, visibility: DocumentVisibility, page: number, limit: number): Promise<Page<OutgoingLetterRecord>>;
  versions(letterId: string): Promise<OutgoingVersionRecord[]>;
  reviews(letterId: string, version: number): Promise<OutgoingReviewRecord[]>;
  /** A pending review step → approved | returned by compare-and-set; false when it was not pending. */
  decide(letterId: string, version: number, position: number, state: Exclude<ReviewState, 'pending'>, comment: string | null, now: Date): Promise<boolean>;
  /** Adds a version with fresh pending reviews and makes it current. */
  addVersion(version: OutgoingVersionRecord, reviews: OutgoingReviewRecord[], now: Date): Promise<void>;
  /** Moves the status from `from` to `to` by compare-and-set (with extra fields); false when it was not `from`. */
  setStatus(
    id: string,
    from: OutgoingStatus,
    to: OutgoingStatus,
    extra: Partial<Pick<OutgoingLetterRecord, 'letterNumber' | 'signedAt' | 'signedDocumentId' | 'signerReturnedAt' | 'signerReturnComment'>>,
    now: Date,
  ): Promise<boolean>;
  /** Records that a signed letter was sent out, by compare-and-set; false unless it was signed and not yet sent. */
  dispatch(id: string, d: { at: Date; by: string; via: DispatchVia; note: string | null }): Promise<boolean>;
}
