/**
 * The API's shapes as the UI reads them (see /api/v1/openapi.json). Each named answer is a type of
 * api-types.generated.ts, generated from the API's declared schemas (the server's modules pull in
 * zod and Node, which the browser build must not see); a part of one is picked out of it here. The
 * shapes below still written out are answers whose schema has no name yet. Pure domain values and
 * shapes (src/domain imports nothing else) are re-exported.
 */
import type { DispatchVia, OutgoingTemplate } from '../domain/correspondence.ts';
import type * as Api from './api-types.generated.ts';

export { DISPATCH_VIA } from '../domain/correspondence.ts';
export type { DispatchVia, OutgoingTemplate };
export { ROLES, type Role } from '../domain/roles.ts';
export { SECURITY_LEVELS, type SecurityLevel } from '../domain/security-level.ts';
export { DOCUMENT_KINDS, type DocumentKind } from '../domain/document.ts';

export type User = Api.User;

export type Unit = Api.Unit;

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

export type DocumentStatus = Api.Document['status'];

export type DocumentMeta = Api.Document;

export interface DocumentText {
  text: string;
  pages: { page: number; text: string; confidence?: number; source?: 'pdf-text' | 'ocr' }[];
}

export type FacetName = keyof Api.SearchResult['facets'];

/** A hit of GET /search: what it is, from whom, when, on which page, and its letter (issue 18). */
export type DescribedHit = Api.SearchResult['items'][number];
export type SearchHit = Pick<DescribedHit, 'id' | 'title' | 'kind' | 'highlights' | 'score'>;

export type SearchResult = Api.SearchResult;

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

export type AuditEntry = Api.AuditEntry;

export type Checkpoint = Api.AuditCheckpoint;

export type AuditVerification =
  | { intact: true; entries: number; head: { seq: number; hash: string } }
  | { intact: false; entries: number; firstBrokenSeq: number; seq: number; reason: string };

/* Correspondence (surat masuk, disposisi, surat keluar), notifications, figures, verification. */

export { DISPOSITION_ACTIONS, type DispositionAction, INCOMING_STATUSES, type IncomingStatus, URGENCIES, type Urgency } from '../domain/correspondence.ts';
import type { IncomingStatus } from '../domain/correspondence.ts';

export type IncomingLetter = Api.IncomingLetter;

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

export type PersonRef = Api.Disposition['from'];

export type Addressee = Api.Disposition['to'];

export type LetterSummary = NonNullable<Api.Disposition['letter']>;

/** In the inbox, on one disposition, or (with `children`) in the routing tree. */
export type Disposition = Api.Disposition & { children?: Api.DispositionNode[] };

export interface DispositionTree {
  letterId: string;
  status: IncomingStatus;
  items: Disposition[];
  holders: { dispositionId: string; holder: Addressee; since: string }[];
}

export type OutgoingStatus = Api.OutgoingLetter['status'];
export type ReviewState = OutgoingReview['state'];

export type OutgoingReview = Api.OutgoingLetter['reviewers'][number];

export type OutgoingVersion = NonNullable<Api.OutgoingLetter['versions']>[number];

/** An addressee or copy as the server shows it: how it was named, and its printed name. */
export type Party = Api.OutgoingLetter['addressees'][number];

export type BerkasItemKind = Api.Berkas['items'][number]['kind'];

/** A berkas as listed (GET /berkas). */
export type BerkasSummary = Omit<Api.Berkas, 'items'>;

/** A berkas with the items the reader may see. */
export type Berkas = Api.Berkas;

export type LetterType = Api.LetterType;

export interface Contact {
  id: string;
  name: string;
  address: string | null;
  email: string | null;
}

export type OutgoingLetter = Api.OutgoingLetter;

export interface SignResult {
  letterNumber: string;
  verificationCode: string;
  signedDocumentId: string;
  verifyUrl?: string;
  sha256?: string;
  signedAt?: string;
}

export type Notification = Api.Notification;

export interface OfficeStats {
  from: string;
  to: string;
  timeZone: string;
  months: { month: string; incoming: number; outgoingDrafted: number; outgoingSigned: number }[];
  toFirstDisposition: { medianHours: number | null; letters: number };
  toCompletion: { medianHours: number | null; letters: number };
  overdueByUnit: { unitCode: string; overdue: number }[];
}

export type FileVerification = Api.Verification;

/** Someone to route a letter to or to name on a draft (the people directory, or admin's user list; disabled ones are left out). */
export type Person = Omit<Api.Person, 'disabled'>;
