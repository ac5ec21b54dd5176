import type { RateCountRepository } from './rate-count-repository.ts';
import type { DocumentRecord, DocumentStatus, PageText, StoredRetention, TextSource } from '../domain/document.ts';
import type { JobType } from '../domain/job-types.ts';
import type { FilingScope } from '../domain/filing-scope.ts';
import type { Role } from '../domain/roles.ts';
import type { SecurityLevel } from '../domain/security-level.ts';
import type { AuditEntry, NewAuditEntry } from '../domain/audit-chain.ts';
import type {
  CounterRepository,
  DispositionRepository,
  DocumentVisibility,
  IncomingLetterRepository,
  NotificationRepository,
  OutgoingLetterRepository,
  ReaderRepository,
} from './correspondence-repositories.ts';
import type { CertificateRepository, SignedLetterRepository } from './signing-repositories.ts';
import type { StatsSource } from './stats-source.ts';
import type { ClassificationRepository } from './classification-repository.ts';
import type {
  DisposalRepository,
  FixityRepository,
  HoldRepository,
  RetentionRepository,
  ScheduleRepository,
  SealRepository,
  TransferRepository,
} from './records-repositories.ts';
import type { BackupRunRepository, BackupScheduleRepository } from './backup-repositories.ts';
import type { AccessRefusalRepository } from './access-refusal-repository.ts';
import type { PublicLogRepository } from './public-log-repository.ts';
import type { ContactRepository, LetterTypeRepository } from './letter-type-repositories.ts';
import type { SavedSearchRepository } from './saved-search-repository.ts';
import type { LetterheadRepository } from './letterhead-repository.ts';
import type { LetterEmailRepository } from './letter-email-repository.ts';
import type { BerkasRepository } from './berkas-repository.ts';
import type { IncomingReadRepository } from './incoming-read-repository.ts';

export interface UserRecord {
  id: string;
  username: string;
  passwordHash: string;
  name: string;
  roles: Role[];
  unitCode: string;
  clearance: SecurityLevel;
  disabled: boolean;
  /** The base32 TOTP secret sealed by `AppDeps.totpSecrets`: set at enrolment, live once `totpEnabledAt` is set. */
  totpSecret: string | null;
  totpEnabledAt: Date | null;
  /** The last time step a code was accepted for (a code works once). */
  totpLastStep: number | null;
  /** Where notifications are mailed when SMTP is configured; null: in-app only. */
  email: string | null;
  /** For which units a clerk files; own unit when absent. */
  filingScope?: FilingScope;
  /** Nomor Induk Pegawai (18 digits), printed under the signer's name; null: none on record. */
  nip: string | null;
  /** Position title, printed above the signer's name and shown in the pickers. */
  jabatan: string | null;
  /** The password was set by an admin: the next login may only change it. */
  mustChangePassword: boolean;
  /** An admin asked for this official's signing certificate; they make it by choosing their PIN. */
  certificateRequestedAt: Date | null;
  /** SHA-256 (hex) of the one outstanding password-reset token, and when it stops working. */
  passwordResetHash: string | null;
  passwordResetExpiresAt: Date | null;
  createdAt: Date;
}

export type UserPatch = Partial<
  Pick<
    UserRecord,
    | 'passwordHash'
    | 'name'
    | 'roles'
    | 'unitCode'
    | 'clearance'
    | 'disabled'
    | 'totpSecret'
    | 'totpEnabledAt'
    | 'totpLastStep'
    | 'email'
    | 'nip'
    | 'jabatan'
    | 'mustChangePassword'
    | 'certificateRequestedAt'
    | 'passwordResetHash'
    | 'passwordResetExpiresAt'
    | 'filingScope'
  >
>;

/** The fields a new user may leave out (none, or not set). */
type Optional = 'email' | 'nip' | 'jabatan' | 'mustChangePassword' | 'certificateRequestedAt' | 'passwordResetHash' | 'passwordResetExpiresAt';

/** A new user: `email`, `nip`, `jabatan` and the flags may be left out. */
export type NewUserRecord = Omit<UserRecord, 'createdAt' | Optional> & Partial<Pick<UserRecord, Optional>>;

export interface UnitRecord {
  code: string;
  name: string;
  parentCode: string | null;
}

/** `full` sessions use the API; `totp_enrolment` ones may only enrol a second factor. */
/** `password_change`: a login with an admin-set password, which may only change it. */
export type SessionPurpose = 'full' | 'totp_enrolment' | 'password_change';

export interface SessionRecord {
  tokenHash: string;
  userId: string;
  purpose: SessionPurpose;
  expiresAt: Date;
}

/** A published chain head: proof of what the audit trail held up to `seq`. */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
  at: Date;
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

/** What an account change that waits for a second admin would do; a password only as its hash. */
export interface AccessChange {
  name?: string;
  roles?: Role[];
  unitCode?: string;
  clearance?: SecurityLevel;
  disabled?: boolean;
  passwordHash?: string;
  email?: string | null;
  filingScope?: FilingScope;
  nip?: string | null;
  jabatan?: string | null;
  /** With `passwordHash`: the password is temporary. */
  mustChangePassword?: boolean;
  totpReset?: boolean;
}

export type AccessRequestStatus = 'pending' | 'approved' | 'rejected';

export interface AccessRequestRecord {
  id: string;
  userId: string;
  changes: AccessChange;
  /** The clearance the approving admin needs. */
  level: SecurityLevel;
  status: AccessRequestStatus;
  requestedBy: string;
  requestedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
}

/** Account changes waiting for a second admin (see domain needsSecondAdmin). */
export interface AccessRequestRepository {
  create(r: AccessRequestRecord): Promise<void>;
  findById(id: string): Promise<AccessRequestRecord | null>;
  /** Newest first. */
  list(filter: { status?: AccessRequestStatus | undefined }, page: number, limit: number): Promise<{ items: AccessRequestRecord[]; total: number }>;
  /** pending → approved | rejected by compare-and-set; false when it was decided already. */
  decide(id: string, status: Exclude<AccessRequestStatus, 'pending'>, by: string, at: Date): Promise<boolean>;
}

/** Users and their credentials. */
export interface UserRepository {
  /** Inserts a user; AppError `conflict` when the username is taken. */
  create(user: NewUserRecord): Promise<UserRecord>;
  findById(id: string): Promise<UserRecord | null>;
  findByUsername(username: string): Promise<UserRecord | null>;
  /** Applies a patch; false when the user does not exist. */
  update(id: string, patch: UserPatch): Promise<boolean>;
  /** Compare-and-set of the last accepted TOTP step, so two logins cannot both spend one code. */
  spendTotpStep(id: string, step: number): Promise<boolean>;
  /** The user whose outstanding password-reset token hashes to `hash` and is live at `now`, or null. */
  findByResetToken(hash: string, now: Date): Promise<UserRecord | null>;
  /**
   * Spends a reset token by compare-and-set (it stops working) and applies `patch` in the same
   * write; false when it was spent or replaced meanwhile.
   */
  spendResetToken(id: string, hash: string, patch: UserPatch): Promise<boolean>;
  list(filter: { unitCode?: string; role?: Role; q?: string }, page: number, limit: number): Promise<{ items: UserRecord[]; total: number }>;
  count(): Promise<number>;
}

/** One-time recovery codes for a lost authenticator; only hashes are stored. */
export interface RecoveryCodeRepository {
  /** Replaces a user's codes. */
  replace(userId: string, codeHashes: string[]): Promise<void>;
  /** The stored hashes of a user's unused codes (salted hashes cannot be looked up by value). */
  unused(userId: string): Promise<string[]>;
  /** Marks an unused code used, by its stored hash; false when it is unknown or was used already. */
  consume(userId: string, codeHash: string, now: Date): Promise<boolean>;
  countUnused(userId: string): Promise<number>;
}

/** Login failure counters for back-off, shared by every process. */
export interface LoginThrottleRepository {
  /**
   * Counts one attempt against a key in one atomic step, unless the key is locked (then
   * returns the lock and counts nothing). Failures last seen before `forgetBefore` are forgotten
   * first. An attempt past `free` locks the key until `lockUntil` at once, so attempts racing
   * this one are refused while its password is being checked.
   */
  attempt(key: string, now: Date, o: { free: number; forgetBefore: Date; lockUntil: Date }): Promise<{ lockedUntil: Date | null; failures: number }>;
  lock(key: string, until: Date): Promise<void>;
  /** Takes one attempt back (a success from a shared address), never below zero. */
  forgive(key: string): Promise<void>;
  clear(key: string): Promise<void>;
}

/** Organisational units (a tree by parentCode). */
export interface UnitRepository {
  /** Inserts a unit; AppError `conflict` when the code exists. */
  create(unit: UnitRecord): Promise<UnitRecord>;
  findByCode(code: string): Promise<UnitRecord | null>;
  update(code: string, patch: Partial<Pick<UnitRecord, 'name' | 'parentCode'>>): Promise<boolean>;
  all(): Promise<UnitRecord[]>;
}

/** Bearer sessions; only a hash of the token is stored. */
export interface SessionRepository {
  create(session: SessionRecord): Promise<void>;
  /** The live (unexpired, unrevoked) session for a token hash, or null. */
  findLive(tokenHash: string, now: Date): Promise<SessionRecord | null>;
  revoke(tokenHash: string): Promise<void>;
  /** Ends every session of a user (password change, disabling, second-factor reset). */
  revokeAllOf(userId: string): Promise<number>;
}

/** What a new document's retention starts as (disposal and transfer come later). */
export type NewRetention = Pick<StoredRetention, 'recordDate' | 'phase' | 'activeUntil' | 'inactiveUntil' | 'finalDisposition'>;

export type NewDocument = Omit<
  DocumentRecord,
  'createdAt' | 'updatedAt' | 'status' | 'error' | 'textSource' | 'retention' | 'legacyCode' | 'paperLocation' | 'version'
> & {
  legacyCode?: string | null;
  paperLocation?: string | null;
  retention: NewRetention;
};

export type DocumentMetadataPatch = Partial<
  Pick<DocumentRecord, 'title' | 'classificationCode' | 'securityLevel' | 'unitCode' | 'documentDate' | 'tags' | 'letterNumber' | 'sender' | 'paperLocation'>
>;

/** Document metadata rows. */
export interface DocumentRepository {
  /** Inserts a document in status `processing`; AppError `conflict` when its sha256 exists. */
  create(doc: NewDocument, now: Date): Promise<DocumentRecord>;
  findById(id: string): Promise<DocumentRecord | null>;
  findBySha256(sha256: string): Promise<DocumentRecord | null>;
  /** Changes descriptive fields (never the bytes, status or who filed it) of version `version`, making it the next; false when another edit came first. */
  updateMetadata(id: string, patch: DocumentMetadataPatch, now: Date, version: number): Promise<boolean>;
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
  enqueue(job: { type: JobType; payload: Record<string, unknown>; runAt: Date; maxAttempts: number }): Promise<JobRecord>;
  /** The distinct types of queued and running jobs. */
  pendingTypes(): Promise<string[]>;
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
  findById(id: string): Promise<JobListing | null>;
  countByState(): Promise<Record<JobState, number>>;
  /** The values of `payload[key]` over queued and running jobs of these types (what work is pending for). */
  activeSubjects(types: string[], key: string): Promise<Set<string>>;
  /** A page of jobs (of one state when given), the most recently changed first, with the total. */
  list(filter: { state?: JobState | undefined }, page: number, limit: number): Promise<{ items: JobListing[]; total: number }>;
  /** Puts a failed job back in the queue with fresh attempts, due at `now`; false unless it was failed. */
  retry(id: string, now: Date): Promise<boolean>;
}

/** A job as the operations screen lists it: with when it was made and last changed. */
export interface JobListing extends JobRecord {
  createdAt: Date;
  updatedAt: Date;
}

/** Bulk imports and their items. */
export interface BatchRepository {
  create(batch: BatchRecord, items: BatchItemRecord[]): Promise<void>;
  findById(id: string): Promise<BatchRecord | null>;
  items(batchId: string): Promise<BatchItemRecord[]>;
  updateItem(batchId: string, seq: number, patch: Partial<Pick<BatchItemRecord, 'status' | 'documentId' | 'error' | 'inboxKey'>>): Promise<void>;
  /** Inbox objects of items still waiting to be filed (a backup must carry them). */
  pendingInboxKeys(): Promise<string[]>;
}

/** The append-only, hash-chained audit trail. */
export interface AuditFilter {
  targetId?: string;
  actorId?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

/** Entries about documents show only when the reader may see the document; others always. */
export type AuditVisibility = DocumentVisibility;

export interface AuditRepository {
  /** Appends an entry after the current head, in strict order even under concurrency. */
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Entries matching the filter that `visibility` lets the reader see, in seq order. */
  list(filter: AuditFilter, visibility: AuditVisibility, page: number, limit: number): Promise<{ items: AuditEntry[]; total: number }>;
  /** Every entry about these targets of one type, in seq order, whoever may read them (the caller has decided). */
  ofTargets(targetType: string, targetIds: string[]): Promise<AuditEntry[]>;
  /** All entries in seq order, in chunks, for chain verification. */
  scan(afterSeq: number, limit: number): Promise<AuditEntry[]>;
  /** The chain head as the head row records it (seq 0 and the genesis hash when empty). */
  head(): Promise<{ seq: number; hash: string }>;
  /** Records a checkpoint; a second one for the same seq is ignored. */
  addCheckpoint(c: AuditCheckpoint): Promise<void>;
  /** Checkpoints, newest first. */
  checkpoints(page: number, limit: number): Promise<{ items: AuditCheckpoint[]; total: number }>;
}

export interface Repositories {
  users: UserRepository;
  accessRequests: AccessRequestRepository;
  units: UnitRepository;
  sessions: SessionRepository;
  recoveryCodes: RecoveryCodeRepository;
  loginThrottle: LoginThrottleRepository;
  accessRefusals: AccessRefusalRepository;
  rateCounts: RateCountRepository;
  documents: DocumentRepository;
  pages: PageTextRepository;
  jobs: JobRepository;
  batches: BatchRepository;
  audit: AuditRepository;
  readers: ReaderRepository;
  counters: CounterRepository;
  incoming: IncomingLetterRepository;
  dispositions: DispositionRepository;
  notifications: NotificationRepository;
  outgoing: OutgoingLetterRepository;
  stats: StatsSource;
  certificates: CertificateRepository;
  signedLetters: SignedLetterRepository;
  classifications: ClassificationRepository;
  retention: RetentionRepository;
  holds: HoldRepository;
  disposals: DisposalRepository;
  transfers: TransferRepository;
  fixity: FixityRepository;
  schedules: ScheduleRepository;
  seals: SealRepository;
  backupRuns: BackupRunRepository;
  backupSchedule: BackupScheduleRepository;
  publicLog: PublicLogRepository;
  letterTypes: LetterTypeRepository;
  contacts: ContactRepository;
  savedSearches: SavedSearchRepository;
  letterhead: LetterheadRepository;
  letterEmails: LetterEmailRepository;
  berkas: BerkasRepository;
  incomingReads: IncomingReadRepository;
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
