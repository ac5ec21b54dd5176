/**
 * The API's shapes as the UI reads them (see /api/v1/openapi.json). Kept here rather than
 * imported from the server, whose modules pull in Node types the browser build must not see.
 */

export const ROLES = ['admin', 'clerk', 'official', 'staff', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const SECURITY_LEVELS = ['biasa', 'terbatas', 'rahasia', 'sangat_rahasia'] as const;
export type SecurityLevel = (typeof SECURITY_LEVELS)[number];

export const DOCUMENT_KINDS = ['document', 'incoming', 'outgoing'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export interface User {
  id: string;
  username: string;
  name: string;
  role: Role | null;
  roles: Role[];
  unitCode: string;
  clearance: SecurityLevel;
  email: string | null;
  disabled: boolean;
  totpEnabled: boolean;
  totpRequired: boolean;
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
  error?: string;
  sha256: string;
  size: number;
  mimeType: string;
  pages: number | null;
  textSource: 'pdf-text' | 'ocr' | 'none' | null;
  originalName: string | null;
  classificationCode: string | null;
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

export interface SearchResult {
  items: SearchHit[];
  total: number;
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
  files: { seq: number; filename: string; status: BatchFileStatus; duplicate: boolean; documentId: string | null; error: string | null }[];
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
