/**
 * Shapes of the records lifecycle (retention, holds, disposal, transfer, fixity) as the
 * archivist's pages read them (see /api/v1/openapi.json). The statuses and phases come from the
 * pure domain, so a new one shows up here as a type error rather than a blank label.
 */
import type { FinalDisposition } from '../domain/classification.ts';
import type { DisposalStatus, RecordItemState, TransferStatus } from '../domain/records.ts';
import type { RetentionPhase } from '../domain/retention.ts';

export { DISPOSAL_STATUSES, TRANSFER_STATUSES, type DisposalStatus, type RecordItemState, type TransferStatus } from '../domain/records.ts';
export { RETENTION_PHASES, type RetentionPhase } from '../domain/retention.ts';
export type { FinalDisposition };

/** A record's retention as `GET /documents/:id` gives it (`holds` on that answer only). */
export interface Retention {
  classificationCode: string | null;
  recordDate: string | null;
  activeUntil: string | null;
  inactiveUntil: string | null;
  finalDisposition: FinalDisposition | null;
  phase: RetentionPhase | null;
  holds?: { id: string; name: string }[];
  disposal?: { id: string; disposedAt: string | null };
  transfer?: { id: string; transferredAt: string | null };
}

/** One line of `GET /records/summary`: how many records of a unit stand in a phase, by their end. */
export interface RetentionCount {
  unitCode: string;
  phase: RetentionPhase;
  finalDisposition: FinalDisposition | null;
  count: number;
}

export interface Hold {
  id: string;
  name: string;
  reason: string;
  createdBy: string;
  createdAt: string;
  open: boolean;
  releasedAt: string | null;
  releasedBy: string | null;
  releaseReason: string | null;
  items?: number;
  /** On one hold only. */
  documentIds?: string[];
}

export interface Disposal {
  id: string;
  status: DisposalStatus;
  reason: string;
  unitCode: string;
  proposedBy: string;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  executedBy: string | null;
  executedAt: string | null;
  minutesDocumentId: string | null;
  minutesNumber: string | null;
  /** A count in lists; each record with what became of it on one disposal. */
  items: number | { documentId: string; state: RecordItemState; doneAt: string | null }[];
}

export interface Transfer {
  id: string;
  status: TransferStatus;
  unitCode: string;
  recipient: string;
  createdBy: string;
  createdAt: string;
  confirmedBy: string | null;
  confirmedAt: string | null;
  minutesDocumentId: string | null;
  minutesNumber: string | null;
  items: number;
  /** On one transfer only. */
  documentIds?: string[];
}

export interface FixityRun {
  id: string;
  at: string;
  finishedAt: string | null;
  status: 'running' | 'done';
  trigger: 'schedule' | 'demand';
  total: number;
  checked: number;
  ok: number;
  checkedBytes: number;
  mismatched: string[];
  missing: string[];
}

export interface SchemeImportResult {
  created: number;
  updated: number;
  unchanged: number;
}
