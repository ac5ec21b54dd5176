import type { FinalDisposition } from './classification.ts';
import type { RetentionPhase } from './retention.ts';
import type { SecurityLevel } from './security-level.ts';

/** File types Naskah accepts as originals. Decided by magic bytes, never by name. */
export const ACCEPTED_MIME_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff'] as const;
export type AcceptedMimeType = (typeof ACCEPTED_MIME_TYPES)[number];

/**
 * What a document is in the office's terms; `document` is a plain archived file, `minutes` the
 * signed minutes (berita acara) of a disposal or a transfer, kept for good.
 */
export const DOCUMENT_KINDS = ['document', 'incoming', 'outgoing', 'minutes'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export type DocumentStatus = 'processing' | 'ready' | 'failed';
export type TextSource = 'pdf-text' | 'ocr' | 'none';

export interface DocumentRecord {
  id: string;
  kind: DocumentKind;
  title: string;
  status: DocumentStatus;
  error: string | null;
  sha256: string;
  size: number;
  mimeType: AcceptedMimeType;
  /** Storage key of the original; content-addressed, never an absolute path. */
  storageKey: string;
  /** Original filename as metadata only: never used to build a path. */
  originalName: string | null;
  pages: number | null;
  textSource: TextSource | null;
  classificationCode: string | null;
  securityLevel: SecurityLevel;
  unitCode: string;
  documentDate: string | null; // YYYY-MM-DD
  tags: string[];
  /** Correspondence metadata that search also covers (filled by later use cases). */
  letterNumber: string | null;
  sender: string | null;
  /** Where the paper original is kept ("Lemari 2 / Rak B / Boks 14"): free text, not searched. */
  paperLocation: string | null;
  createdBy: string;
  batchId: string | null;
  /** A code from an old scheme, kept as metadata for bulk-imported archives (they stay unclassified until mapped). */
  legacyCode: string | null;
  retention: StoredRetention;
  /** The description's version: 1 when archived, one more with each edit (the ETag). */
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A document's retention as stored (see domain/retention.ts for the rules). */
export interface StoredRetention {
  /** The day periods count from: the letter or document date, else the day it was archived. */
  recordDate: string | null;
  /** Null only for rows archived before retention existed, until the first retention pass. */
  phase: RetentionPhase | null;
  activeUntil: string | null;
  inactiveUntil: string | null;
  finalDisposition: FinalDisposition | null;
  disposalId: string | null;
  disposedAt: Date | null;
  transferId: string | null;
  transferredAt: Date | null;
}

export interface PageText {
  page: number;
  text: string;
  /** 0–100 as the OCR engine reports it; absent for a PDF text layer. */
  confidence?: number;
  source: 'pdf-text' | 'ocr';
}

/** Allowed status moves; anything else is a bug in a use case. */
const TRANSITIONS: Record<DocumentStatus, DocumentStatus[]> = {
  processing: ['ready', 'failed', 'processing'],
  failed: ['processing'],
  ready: ['processing'],
};

export const canMoveTo = (from: DocumentStatus, to: DocumentStatus): boolean => TRANSITIONS[from].includes(to);

/** The text source of a whole document from its pages. */
export const textSourceOf = (pages: PageText[]): TextSource => {
  if (!pages.some((p) => p.text.trim().length > 0)) return 'none';
  return pages.some((p) => p.source === 'ocr' && p.text.trim().length > 0) ? 'ocr' : 'pdf-text';
};
