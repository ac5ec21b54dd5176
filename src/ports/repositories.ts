import type { DocumentRecord, DocumentStatus, PageText, TextSource } from '../domain/document.ts';
import type { Role } from '../domain/roles.ts';
import type { SecurityLevel } from '../domain/security-level.ts';
import type { AuditEntry, NewAuditEntry } from '../domain/audit-chain.ts';

export interface UserRecord {
  id: string;
  username: string;
  passwordHash: string;
  name: string;
  role: Role;
  unitCode: string;
  clearance: SecurityLevel;
  disabled: boolean;
  createdAt: Date;
}

export interface UnitRecord {
  code: string;
  name: string;
  parentCode: string | null;
}

export interface SessionRecord {
  tokenHash: string;
  userId: string;
  expiresAt: Date;
}

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface JobRecord {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  runAt: Date;
  leaseOwner: string | null;
  leaseUntil: Date | null;
  lastError: string | null;
}

export type BatchItemStatus = 'received' | 'accepted' | 'duplicate' | 'rejected';

export interface BatchItemRecord {
  batchId: string;
  seq: number;
  filename: string;
  status: BatchItemStatus;
  /** Inbox object holding the raw bytes until the item is ingested. */
  inboxKey: string | null;
  documentId: string | null;
  error: string | null;
}

export interface BatchRecord {
  id: string;
  createdBy: string;
  /** Document fields every item inherits (title defaults to the file name). */
  defaults: Record<string, unknown>;
  createdAt: Date;
}

/** Users and their credentials. */
export interface UserRepository {
  /** Inserts a user; AppError `conflict` when the username is taken. */
  create(user: Omit<UserRecord, 'createdAt'>): Promise<UserRecord>;
  findById(id: string): Promise<UserRecord | null>;
  findByUsername(username: string): Promise<UserRecord | null>;
  count(): Promise<number>;
}

/** Organisational units (a tree by parentCode). */
export interface UnitRepository {
  /** Inserts a unit; AppError `conflict` when the code exists. */
  create(unit: UnitRecord): Promise<UnitRecord>;
  findByCode(code: string): Promise<UnitRecord | null>;
  all(): Promise<UnitRecord[]>;
}

/** Bearer sessions; only a hash of the token is stored. */
export interface SessionRepository {
  create(session: SessionRecord): Promise<void>;
  /** The live (unexpired, unrevoked) session for a token hash, or null. */
  findLive(tokenHash: string, now: Date): Promise<SessionRecord | null>;
  revoke(tokenHash: string): Promise<void>;
}

export type NewDocument = Omit<DocumentRecord, 'createdAt' | 'updatedAt' | 'status' | 'error' | 'textSource'>;

/** Document metadata rows. */
export interface DocumentRepository {
  /** Inserts a document in status `processing`; AppError `conflict` when its sha256 exists. */
  create(doc: NewDocument, now: Date): Promise<DocumentRecord>;
  findById(id: string): Promise<DocumentRecord | null>;
  findBySha256(sha256: string): Promise<DocumentRecord | null>;
  /** Sets status (and error, text source, pages when given). */
  setStatus(id: string, status: DocumentStatus, extra: { error?: string | null; textSource?: TextSource; pages?: number }, now: Date): Promise<void>;
  /** Ids in creation order after `afterId` (paging through everything for reindex/reconcile). */
  listIds(afterId: string | null, limit: number): Promise<string[]>;
  findManyByIds(ids: string[]): Promise<DocumentRecord[]>;
  /** Every storage key in use, for reconciliation. */
  storageKeys(): AsyncIterable<string>;
  countByStatus(): Promise<Record<DocumentStatus, number>>;
}

/** Extracted text per page (derived data: rebuildable from the original). */
export interface PageTextRepository {
  /** Replaces all pages of a document. */
  replace(documentId: string, pages: PageText[]): Promise<void>;
  get(documentId: string): Promise<PageText[]>;
  /** Pages of many documents in one query (documents without text map to []). */
  getMany(documentIds: string[]): Promise<Map<string, PageText[]>>;
}

/** Durable job queue in a table; claimed by compare-and-set with a lease. */
export interface JobRepository {
  enqueue(job: { type: string; payload: Record<string, unknown>; runAt: Date; maxAttempts: number }): Promise<JobRecord>;
  /**
   * Claims up to `limit` runnable jobs (queued and due, or running with an expired lease) for
   * `owner` until `now + leaseMs`; increments attempts. Two claimers never get the same job.
   * A job whose holder's lease lapsed on its last attempt is failed here and returned with
   * state `failed` (not to be run), so the caller can settle what the job was for.
   */
  claim(owner: string, leaseMs: number, limit: number, now: Date, types?: string[]): Promise<JobRecord[]>;
  /** Marks a job done if `owner` still holds it; false when the lease was lost. */
  complete(id: string, owner: string): Promise<boolean>;
  /** Records a failure: requeue at `retryAt` or, with null, fail for good. `countAttempt: false` gives the attempt back (backend outage). */
  fail(id: string, owner: string, error: string, retryAt: Date | null, countAttempt: boolean): Promise<boolean>;
  /** Extends the lease of a long job; false when the lease was lost. */
  extendLease(id: string, owner: string, until: Date): Promise<boolean>;
  findById(id: string): Promise<JobRecord | null>;
  countByState(): Promise<Record<JobState, number>>;
  /** The values of `payload[key]` over queued and running jobs of these types (what work is pending for). */
  activeSubjects(types: string[], key: string): Promise<Set<string>>;
}

/** Bulk imports and their items. */
export interface BatchRepository {
  create(batch: BatchRecord, items: BatchItemRecord[]): Promise<void>;
  findById(id: string): Promise<BatchRecord | null>;
  items(batchId: string): Promise<BatchItemRecord[]>;
  updateItem(batchId: string, seq: number, patch: Partial<Pick<BatchItemRecord, 'status' | 'documentId' | 'error' | 'inboxKey'>>): Promise<void>;
}

/** The append-only, hash-chained audit trail. */
export interface AuditRepository {
  /** Appends an entry after the current head, in strict order even under concurrency. */
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  list(filter: { targetId?: string; actorId?: string; from?: Date; to?: Date }, page: number, limit: number): Promise<{ items: AuditEntry[]; total: number }>;
  /** All entries in seq order, in chunks, for chain verification. */
  scan(afterSeq: number, limit: number): Promise<AuditEntry[]>;
}

export interface Repositories {
  users: UserRepository;
  units: UnitRepository;
  sessions: SessionRepository;
  documents: DocumentRepository;
  pages: PageTextRepository;
  jobs: JobRepository;
  batches: BatchRepository;
  audit: AuditRepository;
}

/**
 * The database: repositories outside a transaction, and `transaction` to run several writes
 * atomically (the domain row, its audit entry and its job row commit together — an outbox).
 * Connection failures are thrown as AppError `unavailable` with backend `database`.
 */
export interface Database extends Repositories {
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
