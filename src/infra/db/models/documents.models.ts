import type { Sequelize } from 'sequelize';
import { bigint, bool, date, type DbBigint, type DbBool, type DbDate, float, int, key, str, table, text } from './columns.ts';

/** A row of `documents`. */
export interface DocumentRow {
  id: string;
  kind: string;
  title: string;
  status: string;
  error: string | null;
  sha256: string;
  size: DbBigint;
  mimeType: string;
  storageKey: string;
  originalName: string | null;
  pages: number | null;
  textSource: string | null;
  classificationCode: string | null;
  securityLevel: string;
  unitCode: string;
  documentDate: string | null;
  tags: string;
  letterNumber: string | null;
  sender: string | null;
  paperLocation: string | null;
  createdBy: string;
  batchId: string | null;
  legacyCode: string | null;
  recordDate: string | null;
  retentionPhase: string | null;
  activeUntil: string | null;
  inactiveUntil: string | null;
  finalDisposition: string | null;
  disposalId: string | null;
  disposedAt: DbDate | null;
  transferId: string | null;
  transferredAt: DbDate | null;
  version: number;
  createdAt: DbDate;
  updatedAt: DbDate;
}

/** A row of `document_pages`. */
export interface PageRow {
  documentId: string;
  page: number;
  text: string;
  confidence: number | null;
  source: string;
}

/** A row of `jobs`. */
export interface JobRow {
  id: string;
  type: string;
  payload: string;
  state: string;
  attempts: number;
  maxAttempts: number;
  runAt: DbDate;
  leaseOwner: string | null;
  leaseUntil: DbDate | null;
  lastError: string | null;
  createdAt: DbDate;
  updatedAt: DbDate;
}

/** A row of `batches`. */
export interface BatchRow {
  id: string;
  createdBy: string;
  defaults: string;
  createdAt: DbDate;
}

/** A row of `batch_items`. */
export interface BatchItemRow {
  batchId: string;
  seq: number;
  filename: string;
  status: string;
  inboxKey: string | null;
  documentId: string | null;
  error: string | null;
}

/** A row of `audit_log`. */
export interface AuditRow {
  seq: DbBigint;
  at: DbDate;
  actorId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  details: string;
  prevHash: string;
  hash: string;
}

/** A row of `audit_head`. */
export interface AuditHeadRow {
  id: number;
  seq: DbBigint;
  hash: string;
}

/** A row of `audit_checkpoints`. */
export interface AuditCheckpointRow {
  seq: DbBigint;
  hash: string;
  at: DbDate;
}

/** A row of `classifications`. */
export interface ClassificationRow {
  code: string;
  name: string;
  description: string | null;
  activeYears: number | null;
  inactiveYears: number | null;
  finalDisposition: string | null;
  active: DbBool;
  updatedAt: DbDate;
}

/** Migration 001's tables (documents, their pages, jobs, batches, the audit chain) and 005's classification scheme. */
export const defineDocumentModels = (s: Sequelize) => ({
  Document: table<DocumentRow, 'version'>(s, 'Document', 'documents', {
    id: key(str()),
    kind: str(),
    title: str(),
    status: str(),
    error: text(),
    sha256: str(),
    size: bigint(),
    mimeType: str(),
    storageKey: str(),
    originalName: str(),
    pages: int(),
    textSource: str(),
    classificationCode: str(),
    securityLevel: str(),
    unitCode: str(),
    documentDate: str(),
    tags: text(),
    letterNumber: str(),
    sender: str(),
    paperLocation: str(),
    createdBy: str(),
    batchId: str(),
    legacyCode: str(),
    recordDate: str(),
    retentionPhase: str(),
    activeUntil: str(),
    inactiveUntil: str(),
    finalDisposition: str(),
    disposalId: str(),
    disposedAt: date(),
    transferId: str(),
    transferredAt: date(),
    version: int(),
    createdAt: date(),
    updatedAt: date(),
  }),
  Page: table<PageRow>(s, 'Page', 'document_pages', { documentId: key(str()), page: key(int()), text: text(), confidence: float(), source: str() }),
  Job: table<JobRow, 'attempts'>(s, 'Job', 'jobs', {
    id: key(str()),
    type: str(),
    payload: text(),
    state: str(),
    attempts: int(),
    maxAttempts: int(),
    runAt: date(),
    leaseOwner: str(),
    leaseUntil: date(),
    lastError: text(),
    createdAt: date(),
    updatedAt: date(),
  }),
  Batch: table<BatchRow>(s, 'Batch', 'batches', { id: key(str()), createdBy: str(), defaults: text(), createdAt: date() }),
  BatchItem: table<BatchItemRow>(s, 'BatchItem', 'batch_items', {
    batchId: key(str()),
    seq: key(int()),
    filename: str(),
    status: str(),
    inboxKey: str(),
    documentId: str(),
    error: text(),
  }),
  Audit: table<AuditRow>(s, 'Audit', 'audit_log', {
    seq: key(bigint()),
    at: date(),
    actorId: str(),
    action: str(),
    targetType: str(),
    targetId: str(),
    details: text(),
    prevHash: str(),
    hash: str(),
  }),
  AuditHead: table<AuditHeadRow>(s, 'AuditHead', 'audit_head', { id: key(int()), seq: bigint(), hash: str() }),
  AuditCheckpoint: table<AuditCheckpointRow>(s, 'AuditCheckpoint', 'audit_checkpoints', { seq: key(bigint()), hash: str(), at: date() }),
  Classification: table<ClassificationRow, 'active'>(s, 'Classification', 'classifications', {
    code: key(str()),
    name: str(),
    description: text(),
    activeYears: int(),
    inactiveYears: int(),
    finalDisposition: str(),
    active: bool(),
    updatedAt: date(),
  }),
});
