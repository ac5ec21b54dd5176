/**
 * The API's shapes as the UI reads them (see /api/v1/openapi.json). Each named answer is a type of
 * api-types.generated.ts, generated from the API's declared schemas (the server's modules pull in
 * zod and Node, which the browser build must not see); a part of one is picked out of it here.
 * Page<T> stays written out: the schemas' pageOf(item) is generic, and each named list answer
 * (BackupPage, JobPage) is generated whole. Pure domain values and shapes (src/domain imports
 * nothing else) are re-exported.
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

export type LoginOk = Api.LoginOk;

export type TotpSetup = Api.TotpSetup;

/** `csrfToken` is not in the schema: the enrolment page asks for a cookie session, which this server does not offer yet (it always answers a token). */
export type TotpEnabled = Api.TotpEnabled & { csrfToken?: string };

export type DocumentStatus = Api.Document['status'];

export type DocumentMeta = Api.Document;

export type DocumentText = Api.DocumentText;

export type FacetName = keyof Api.SearchResult['facets'];

/** A hit of GET /search: what it is, from whom, when, on which page, and its letter (issue 18). */
export type DescribedHit = Api.SearchResult['items'][number];
export type SearchHit = Pick<DescribedHit, 'id' | 'title' | 'kind' | 'highlights' | 'score'>;

export type SearchResult = Api.SearchResult;

export type BatchFileStatus = Api.Batch['files'][number]['status'];

export type Batch = Api.Batch;

export type AuditEntry = Api.AuditEntry;

export type Checkpoint = Api.AuditCheckpoint;

export type AuditVerification = Api.AuditVerification;

/* Correspondence (surat masuk, disposisi, surat keluar), notifications, figures, verification. */

export { DISPOSITION_ACTIONS, type DispositionAction, INCOMING_STATUSES, type IncomingStatus, URGENCIES, type Urgency } from '../domain/correspondence.ts';

export type IncomingLetter = Api.IncomingLetter;

/** GET …/corrections of a letter or a document: each correction with the values before and after. */
export type Corrections = Api.DocumentCorrections | Api.LetterCorrections;

/** GET /documents/by-sha256/:sha256: what is archived with these bytes, as far as the caller may see. */
export type ArchivedFile = Api.ArchivedFile;

/** POST /letters/incoming/suggest. */
export type LetterSuggestions = Api.LetterSuggestions;

export type PersonRef = Api.Disposition['from'];

export type Addressee = Api.Disposition['to'];

export type LetterSummary = NonNullable<Api.Disposition['letter']>;

/** In the inbox, on one disposition, or (with `children`) in the routing tree. */
export type Disposition = Api.Disposition & { children?: Api.DispositionNode[] };

export type DispositionTree = Api.DispositionTree;

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

export type Contact = Api.Contact;

export type OutgoingLetter = Api.OutgoingLetter;

export type SignResult = Api.SignResult;

export type Notification = Api.Notification;

export type OfficeStats = Api.OfficeStats;

export type FileVerification = Api.Verification;

/** Someone to route a letter to or to name on a draft (the people directory, or admin's user list; disabled ones are left out). */
export type Person = Omit<Api.Person, 'disabled'>;
