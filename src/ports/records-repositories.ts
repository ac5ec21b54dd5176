/**
 * What the records lifecycle keeps (issue 11): retention on every document, legal holds,
 * disposals and transfers with their items, fixity runs, schedules shared by every process, and
 * the office seal that signs minutes.
 */
import type { FinalDisposition } from '../domain/classification.ts';
import type { DocumentRecord } from '../domain/document.ts';
import type { DisposalRecord, DisposalStatus, FixityRun, HoldRecord, RecordItemState, TransferRecord, TransferStatus } from '../domain/records.ts';
import type { RetentionDates, RetentionPhase } from '../domain/retention.ts';
import type { DocumentVisibility, Page } from './correspondence-repositories.ts';
import type { CertificateDer } from './pdf-signing.ts';
import type { NewRetention } from './repositories.ts';

/**
 * Records that share a code and a date share their retention: the scheme is applied per group.
 * A group comes as one row per retention it holds now (dates and phase), so an unchanged group
 * is seen as such without touching its records.
 */
export interface RetentionGroup extends RetentionDates {
  classificationCode: string | null;
  recordDate: string;
  phase: RetentionPhase | null;
  count: number;
}

/** Which records a list shows: the reader's visibility, optionally narrowed. */
export interface RecordListFilter {
  visibility: DocumentVisibility;
  unitCode?: string | undefined;
  finalDisposition?: FinalDisposition | undefined;
}

/** Counts for the archivist's home: per unit, phase and final disposition. */
export interface RetentionCount {
  unitCode: string;
  phase: RetentionPhase;
  finalDisposition: FinalDisposition | null;
  count: number;
}

/** Retention as stored on documents; every write leaves held, disposed and transferred records' phase alone unless it says so. */
export interface RetentionRepository {
  /** Documents archived before retention existed (no record date yet), a page at a time. */
  withoutRecordDate(limit: number): Promise<Pick<DocumentRecord, 'id' | 'kind' | 'documentDate' | 'createdAt'>[]>;
  /** Sets the record date of these documents. */
  setRecordDate(ids: string[], recordDate: string): Promise<void>;
  /** Distinct (code, date) groups of records whose retention follows the scheme (not minutes), for these codes or all. */
  groups(codes: string[] | 'all'): Promise<RetentionGroup[]>;
  /**
   * Applies one group's dates and phase (settled phases kept). Returns the ids whose phase
   * changed, for the search index.
   */
  applyGroup(group: Pick<RetentionGroup, 'classificationCode' | 'recordDate'>, dates: RetentionDates, phase: RetentionPhase): Promise<string[]>;
  /**
   * The daily pass over up to `limit` records whose phase `today` has moved on (active past
   * activeUntil, active or inactive past inactiveUntil): moves them and returns what moved.
   */
  advance(today: string, limit: number): Promise<{ id: string; unitCode: string; phase: 'inactive' | 'due'; finalDisposition: FinalDisposition | null }[]>;
  /** Sets one record's date, dates and phase anew (its code or date was corrected); a held, disposed or transferred record keeps its phase. */
  set(id: string, r: NewRetention): Promise<void>;
  /** Sets the phase of these documents outright (a hold, a release's recomputed phase, …). */
  setPhase(ids: string[], phase: RetentionPhase): Promise<void>;
  /** Records that are due (retention over, no hold), oldest due first. */
  due(filter: RecordListFilter, page: number, limit: number): Promise<Page<DocumentRecord>>;
  /** Records without a (known) code: the archivists' list to classify. */
  unclassified(filter: RecordListFilter, page: number, limit: number): Promise<Page<DocumentRecord>>;
  /** Counts per unit, phase and final disposition of the records the reader may see. */
  counts(visibility: DocumentVisibility): Promise<RetentionCount[]>;
  /**
   * A destroyed record keeps its row as a stub without a storage key (its SHA-256 stays as
   * history). Compare-and-set from `due`: false when the record is not due (a hold arrived).
   */
  markDisposed(id: string, disposalId: string, at: Date): Promise<boolean>;
  /** Transferred records; `dropBytes` clears their storage keys (the originals were removed). */
  markTransferred(ids: string[], transferId: string, at: Date, dropBytes: boolean): Promise<void>;
}

/** Legal holds (penahanan arsip) on sets of records. */
export interface HoldRepository {
  create(hold: HoldRecord, documentIds: string[]): Promise<void>;
  findById(id: string): Promise<HoldRecord | null>;
  /** Holds, open ones first then newest, with the number of records each holds. */
  list(filter: { open?: boolean | undefined }, page: number, limit: number): Promise<Page<HoldRecord & { items: number }>>;
  items(holdId: string): Promise<string[]>;
  /** Releases by compare-and-set; false when it was released already. */
  release(id: string, by: string, reason: string, at: Date): Promise<boolean>;
  /** The open holds on each of these documents (documents without map to []). */
  openHoldsOf(documentIds: string[]): Promise<Map<string, { id: string; name: string }[]>>;
}

/** Disposals (penyusutan/pemusnahan) and their items. */
export interface DisposalRepository {
  create(disposal: DisposalRecord, documentIds: string[]): Promise<void>;
  findById(id: string): Promise<DisposalRecord | null>;
  /** Newest change first; `unitCodes` keeps those of these units. */
  list(filter: { status?: DisposalStatus | undefined; unitCodes?: string[] | undefined }, page: number, limit: number): Promise<Page<DisposalRecord>>;
  items(id: string): Promise<{ documentId: string; state: RecordItemState; doneAt: Date | null }[]>;
  /** Moves the status by compare-and-set with extra fields; false when it was not `from`. */
  setStatus(id: string, from: DisposalStatus, to: DisposalStatus, extra: Partial<Omit<DisposalRecord, 'id' | 'status'>>, now: Date): Promise<boolean>;
  markItem(id: string, documentId: string, state: Exclude<RecordItemState, 'pending'>, at: Date): Promise<void>;
  /** For each of these documents in a disposal still under way (proposed, approved, executing): its id. */
  openFor(documentIds: string[]): Promise<Map<string, string>>;
}

/** Transfers (penyerahan) of permanent records to an archive institution. */
export interface TransferRepository {
  create(transfer: TransferRecord, documentIds: string[]): Promise<void>;
  findById(id: string): Promise<TransferRecord | null>;
  list(filter: { status?: TransferStatus | undefined; unitCodes?: string[] | undefined }, page: number, limit: number): Promise<Page<TransferRecord>>;
  items(id: string): Promise<string[]>;
  setStatus(id: string, from: TransferStatus, to: TransferStatus, extra: Partial<Omit<TransferRecord, 'id' | 'status'>>, now: Date): Promise<boolean>;
  /** For each of these documents in a transfer not yet confirmed: its id. */
  openFor(documentIds: string[]): Promise<Map<string, string>>;
}

/** Fixity runs: every stored original re-hashed, and what was found. */
export interface FixityRepository {
  create(run: FixityRun): Promise<void>;
  findById(id: string): Promise<FixityRun | null>;
  /** The newest run (running or finished). */
  latest(): Promise<FixityRun | null>;
  /** Saves progress (cursor, counts, findings) and, when given, the end. */
  update(id: string, patch: Partial<Omit<FixityRun, 'id' | 'trigger' | 'startedAt'>>): Promise<void>;
}

/** Periodic tasks shared by every process: a period is claimed by one of them. */
export interface ScheduleRepository {
  /**
   * Claims the period of task `name` that is due at `now` and books the next at `nextAt`, by
   * compare-and-set: of several processes asking at once exactly one gets true. A task never
   * run before is due at once.
   */
  claim(name: string, now: Date, nextAt: Date): Promise<boolean>;
  /** Makes the task due at once (a run asked for on demand). */
  dueNow(name: string, now: Date): Promise<void>;
}

/** The office seal: a certificate the office CA issued to the office itself, its key locked under the CA secret. */
export interface SealRecord {
  serial: string;
  certificate: CertificateDer;
  chain: CertificateDer[];
  lockedKey: string;
  commonName: string;
  notAfter: Date;
  createdAt: Date;
}

export interface SealRepository {
  /** The newest seal, or null before the first. */
  current(): Promise<SealRecord | null>;
  /** Records a new seal; AppError `conflict` when its serial is on record. */
  add(seal: SealRecord): Promise<void>;
}
