/**
 * The API's shapes as the UI reads them (see /api/v1/openapi.json). Kept here rather than
 * imported from the server, whose modules pull in Node types the browser build must not see;
 * pure domain values and shapes (src/domain imports nothing else) are re-exported instead.
 */
import type { DispatchVia, OutgoingTemplate } from '../domain/correspondence.ts';
import type { HitDescription } from '../domain/search-hit.ts';

export { DISPATCH_VIA } from '../domain/correspondence.ts';
export type { DispatchVia, OutgoingTemplate };
export { ROLES, type Role } from '../domain/roles.ts';
export { SECURITY_LEVELS, type SecurityLevel } from '../domain/security-level.ts';
export { DOCUMENT_KINDS, type DocumentKind } from '../domain/document.ts';
import type { FilingScope } from '../domain/filing-scope.ts';
import type { Role } from '../domain/roles.ts';
import type { SecurityLevel } from '../domain/security-level.ts';
import type { DocumentKind } from '../domain/document.ts';
import type { Retention } from './records-types.ts';

export interface User {
  id: string;
  username: string;
  name: string;
  role: Role | null;
  roles: Role[];
  unitCode: string;
  clearance: SecurityLevel;
  filingScope: FilingScope;
  email: string | null;
  disabled: boolean;
  totpEnabled: boolean;
  totpRequired: boolean;
  nip: string | null;
  jabatan: string | null;
  mustChangePassword: boolean;
  /** An admin asked for a signing certificate: the official makes it by choosing a PIN (Akun saya). */
  certificateRequestedAt: string | null;
  createdAt: string;
}

export interface Unit {
  code: string;
  name: string;
  parentCode: string | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  limit: number;
}

export interface LoginOk {
  user: User;
  expiresAt: string;
  csrfToken?: string;
  token?: string;
}

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  qrCodeSvg: string;
}

export interface TotpEnabled {
  recoveryCodes: string[];
  token?: string;
  expiresAt?: string;
  csrfToken?: string;
}

export type DocumentStatus = 'processing' | 'ready' | 'failed';

export interface DocumentMeta {
  id: string;
  kind: DocumentKind;
  title: string;
  status: DocumentStatus;
  /** Why processing failed: English for operators; `errorCode` says it (failure-text.ts). */
  error?: string;
  errorCode?: string | null;
  sha256: string;
  size: number;
  mimeType: string;
  pages: number | null;
  textSource: 'pdf-text' | 'ocr' | 'none' | null;
  originalName: string | null;
  classificationCode: string | null;
  /** A code from an older scheme that bulk-imported archives carried (shown until they are classified). */
  legacyCode: string | null;
  securityLevel: SecurityLevel;
  unitCode: string;
  documentDate: string | null;
  tags: string[];
  letterNumber: string | null;
  sender: string | null;
  batchId: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  retention: Retention;
  /** One more per correction; sent back as If-Match. */
  version: number;
  duplicate?: boolean;
}

export interface DocumentText {
  text: string;
  pages: { page: number; text: string; confidence?: number; source?: 'pdf-text' | 'ocr' }[];
}

export type FacetName = 'unitCode' | 'classificationCode' | 'kind' | 'year';

export interface SearchHit {
  id: string;
  title: string;
  kind: DocumentKind;
  /** HTML-escaped passages with <mark>…</mark> around matches. */
  highlights: string[];
  score?: number;
}

/** A hit of GET /search: what it is, from whom, when, on which page, and its letter (issue 18). */
export type DescribedHit = SearchHit & HitDescription;

export interface SearchResult {
  items: DescribedHit[];
  total: number;
  /** Estimated from a sample: a query matching much of a large index. */
  totalEstimated?: boolean;
  page: number;
  limit: number;
  facets?: Partial<Record<FacetName, Record<string, number>>>;
  tookMs: number;
}

export type BatchFileStatus = 'queued' | 'processing' | 'ready' | 'failed' | 'rejected';

export interface Batch {
  batchId: string;
  createdAt: string;
  total: number;
  done: number;
  progress: number;
  counts: Record<BatchFileStatus, number>;
  files: {
    seq: number;
    filename: string;
    status: BatchFileStatus;
    duplicate: boolean;
    documentId: string | null;
    error: string | null;
    errorCode?: string | null;
  }[];
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  details: Record<string, unknown>;
  hash: string;
  prevHash: string;
}

export interface Checkpoint {
  seq: number;
  hash: string;
  at: string;
}

export type AuditVerification =
  | { intact: true; entries: number; head: { seq: number; hash: string } }
  | { intact: false; entries: number; firstBrokenSeq: number; seq: number; reason: string };

/* Correspondence (surat masuk, disposisi, surat keluar), notifications, figures, verification. */

export { DISPOSITION_ACTIONS, type DispositionAction, INCOMING_STATUSES, type IncomingStatus, URGENCIES, type Urgency } from '../domain/correspondence.ts';
import type { DispositionAction, IncomingStatus, Urgency } from '../domain/correspondence.ts';

export interface IncomingLetter {
  id: string;
  agendaNumber: number;
  agendaYear: number;
  unitCode: string;
  documentId: string;
  letterNumber: string;
  letterDate: string;
  sender: string;
  subject: string;
  urgency: Urgency;
  securityLevel: SecurityLevel;
  classificationCode: string | null;
  receivedAt: string;
  status: IncomingStatus;
  registeredBy: string;
  createdAt: string;
  updatedAt: string;
  /** Internal delivery: the signed outgoing letter this entry is; a copy is for information. */
  sourceOutgoingId?: string | null;
  deliveryKind?: 'addressee' | 'copy' | null;
  forInformation?: boolean;
  /** On one letter: the drafts and letters answering it. */
  replies?: { id: string; type: string; subject: string; status: OutgoingStatus; letterNumber: string | null }[];
  /** One more per correction; sent back as If-Match (issue 18). */
  version: number;
  /** A void entry keeps its number in the register, marked "Dibatalkan". */
  voided: { at: string; by: string; reason: string } | null;
  /** Only in the answer to registering: earlier letters this one may repeat. */
  possibleDuplicates?: { id: string; agendaNumber: number; agendaYear: number; unitCode: string; reason: 'same-number' | 'same-file' }[];
}

/** GET …/corrections of a letter or a document: each correction with the values before and after. */
export interface Corrections {
  version: number;
  original: Record<string, unknown>;
  corrections: {
    version: number | null;
    at: string;
    actorId: string;
    reason: string | null;
    changed: string[];
    before: Record<string, unknown>;
    after: Record<string, unknown>;
  }[];
}

/** GET /documents/by-sha256/:sha256: what is archived with these bytes, as far as the caller may see. */
export interface ArchivedFile {
  exists: boolean;
  visible: boolean;
  document: { id: string; title: string; kind: string; createdAt: string } | null;
  letter: { id: string; agendaNumber: number; agendaYear: number; unitCode: string; voided: boolean } | null;
}

/** POST /letters/incoming/suggest. */
export interface LetterSuggestions {
  mimeType: string;
  textLayer: boolean;
  /** A PDF's text layer, OCR of a scan's first page, or OCR given up at the server's time limit. */
  source: 'text-layer' | 'ocr' | 'ocr-timed-out';
  suggestions: Partial<Record<'letterNumber' | 'letterDate' | 'sender' | 'subject', string>>;
}

export interface PersonRef {
  id: string;
  name: string;
}

export type Addressee = { user: PersonRef } | { unit: { code: string; name: string } };

export interface LetterSummary {
  id: string;
  agendaNumber: number;
  agendaYear: number;
  unitCode: string;
  letterNumber: string;
  /** null: withheld from someone not cleared for the letter's level (they hold it through their unit). */
  subject: string | null;
  sender: string | null;
  urgency: Urgency;
  status: IncomingStatus;
}

export interface Disposition {
  id: string;
  letterId: string;
  parentId: string | null;
  from: PersonRef;
  to: Addressee;
  instruction: string;
  actions: DispositionAction[];
  dueAt: string | null;
  status: 'open' | 'completed' | 'withdrawn';
  read: boolean;
  readAt: string | null;
  completedAt: string | null;
  completedBy: PersonRef | null;
  report: string | null;
  reportDocumentId: string | null;
  createdAt: string;
  /** In the inbox and on one disposition. */
  letter?: LetterSummary;
  /** In the inbox: it reaches the reader personally or through their unit. */
  via?: 'personal' | 'unit';
  /** On one open disposition: those forwarded from it still open (they block its completion). */
  openChildren?: { id: string; to: Addressee }[];
  /** In the routing tree. */
  children?: Disposition[];
}

export interface DispositionTree {
  letterId: string;
  status: IncomingStatus;
  items: Disposition[];
  holders: { dispositionId: string; holder: Addressee; since: string }[];
}

export type OutgoingStatus = 'in_review' | 'returned' | 'approved' | 'signed';
export type ReviewState = 'pending' | 'approved' | 'returned' | 'not_reached';

export interface OutgoingReview {
  userId: string;
  position: number;
  state: ReviewState;
  comment: string | null;
  decidedAt: string | null;
}

export interface OutgoingVersion {
  version: number;
  documentId: string;
  source: 'template' | 'file';
  template: OutgoingTemplate | null;
  note: string | null;
  createdBy: string;
  createdAt: string;
  reviews: OutgoingReview[];
}

/** An addressee or copy as the server shows it: how it was named, and its printed name. */
export interface Party {
  name: string;
  unitCode?: string;
  userId?: string;
  contactId?: string;
  address?: string | null;
  email?: string | null;
}

export type BerkasItemKind = 'document' | 'incoming' | 'outgoing';

/** A berkas as listed (GET /berkas). */
export interface BerkasSummary {
  id: string;
  name: string;
  description: string | null;
  unitCode: string;
  itemCount?: number;
  updatedAt: string;
}

/** A berkas with the items the reader may see. */
export interface Berkas extends BerkasSummary {
  items: { kind: BerkasItemKind; id: string; title: string; addedAt: string; addedBy: string }[];
}

/** A naskah type with its template as data (src/domain/letter-types.ts). */
export interface LetterType {
  code: string;
  name: string;
  numberFormat: string;
  template: { heading: string | null; fields: { name: string; label: string; required: boolean }[]; assignees: boolean; attachmentsLine: boolean };
}

export interface Contact {
  id: string;
  name: string;
  address: string | null;
  email: string | null;
}

export interface OutgoingLetter {
  id: string;
  type?: string;
  addressees?: Party[];
  copies?: Party[];
  inReplyTo?: string | null;
  deliveries?: { unitCode: string; incomingLetterId: string; kind: 'addressee' | 'copy' }[];
  /** External parties the signed letter was e-mailed to, and how it went. */
  emails?: {
    name: string;
    address: string;
    kind: 'addressee' | 'copy';
    state: 'pending' | 'sending' | 'sent' | 'failed';
    reason: string | null;
    sentAt: string | null;
  }[];
  status: OutgoingStatus;
  version: number;
  documentId: string;
  subject: string;
  recipient: string;
  classificationCode: string;
  securityLevel: SecurityLevel;
  unitCode: string;
  drafterId: string;
  signerId: string;
  reviewers: OutgoingReview[];
  waitingFor: string | null;
  letterNumber: string | null;
  signedAt: string | null;
  signedDocumentId: string | null;
  /** The signer's last return of the approved draft (issue 13). */
  signerReturn?: { at: string; comment: string } | null;
  /** Not (yet) in the server's answer: shown when it comes. */
  verificationCode?: string | null;
  /** The link the QR code holds (PUBLIC_URL based), when the server gives it. */
  verifyUrl?: string | null;
  /** Set once a clerk recorded that the signed letter was sent out. */
  dispatch?: { at: string; by: string; via: DispatchVia; note: string | null } | null;
  createdAt: string;
  updatedAt: string;
  versions?: OutgoingVersion[];
}

export interface SignResult {
  letterNumber: string;
  verificationCode: string;
  signedDocumentId: string;
  verifyUrl?: string;
  sha256?: string;
  signedAt?: string;
}

export interface Notification {
  id: string;
  kind: string;
  message: string;
  subjectType: string;
  subjectId: string;
  readAt: string | null;
  createdAt: string;
}

export interface OfficeStats {
  from: string;
  to: string;
  timeZone: string;
  months: { month: string; incoming: number; outgoingDrafted: number; outgoingSigned: number }[];
  toFirstDisposition: { medianHours: number | null; letters: number };
  toCompletion: { medianHours: number | null; letters: number };
  overdueByUnit: { unitCode: string; overdue: number }[];
}

export interface FileVerification {
  valid: boolean;
  modifiedAfterSigning: boolean;
  signatures: {
    signer: { name: string; serial: string; issuer: string } | null;
    signedAt: string | null;
    intact: boolean;
    coversWholeDocument: boolean;
    trusted: boolean;
    timestamped?: boolean;
    ltv?: boolean;
    problems: string[];
  }[];
  knownLetter?: { letterNumber: string; subject: string | null; signer: { name: string; title: string | null }; signedAt: string };
  /** Where the letter stands in the office's public log (issue 20). */
  log?: { recorded: boolean; index?: number; size?: number; verified?: boolean; pending?: boolean };
  reason?: string;
}

/** Someone to route a letter to or to name on a draft (the people directory, or admin's user list). */
export interface Person {
  id: string;
  name: string;
  unitCode: string;
  roles: Role[];
  jabatan?: string | null;
  nip?: string | null;
  /** False for an account that only administers (the disposition form leaves it out). */
  receivesDispositions?: boolean;
}
