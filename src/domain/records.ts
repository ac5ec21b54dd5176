/**
 * The records lifecycle's acts and their rules: legal holds, disposal (penyusutan/pemusnahan)
 * with approval and minutes, transfer (penyerahan) of permanent records, fixity runs.
 */
import type { FinalDisposition } from './classification.ts';
import type { RetentionPhase } from './retention.ts';
import { type Actor, canUpload } from './access.ts';
import { hasRole, type Role } from './roles.ts';

export interface HoldRecord {
  id: string;
  name: string;
  reason: string;
  createdBy: string;
  createdAt: Date;
  releasedAt: Date | null;
  releasedBy: string | null;
  releaseReason: string | null;
}

export const DISPOSAL_STATUSES = ['proposed', 'approved', 'rejected', 'executing', 'executed'] as const;
export type DisposalStatus = (typeof DISPOSAL_STATUSES)[number];

/** What became of one record of a disposal: skipped when a hold arrived after approval (nothing held is ever destroyed). */
export type RecordItemState = 'pending' | 'destroyed' | 'skipped';

export interface DisposalRecord {
  id: string;
  status: DisposalStatus;
  reason: string;
  /** The proposer's unit: its head (or a head above it) approves. */
  unitCode: string;
  items: number;
  proposedBy: string;
  proposedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
  executedBy: string | null;
  executedAt: Date | null;
  minutesDocumentId: string | null;
  minutesNumber: string | null;
}

export const TRANSFER_STATUSES = ['prepared', 'confirmed'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

export interface TransferRecord {
  id: string;
  status: TransferStatus;
  unitCode: string;
  /** The archive institution receiving the records (e.g. Dinas Kearsipan Provinsi). */
  recipient: string;
  items: number;
  createdBy: string;
  createdAt: Date;
  confirmedBy: string | null;
  confirmedAt: Date | null;
  minutesDocumentId: string | null;
  minutesNumber: string | null;
}

export interface FixityRun {
  id: string;
  trigger: 'schedule' | 'demand';
  status: 'running' | 'done';
  startedAt: Date;
  finishedAt: Date | null;
  /** The last document id checked; the run goes on after it. */
  cursor: string | null;
  /** Stored originals when the run began. */
  total: number;
  checked: number;
  ok: number;
  checkedBytes: number;
  mismatched: string[];
  missing: string[];
}

/** Who keeps records: archivists, and admins. */
export const canManageRecords = (actor: { roles: readonly Role[] }): boolean => hasRole(actor, 'archivist', 'admin');

/**
 * Who may correct these fields of a record's description: clerks and admins any of them;
 * archivists its classification code alone (classifying what waits unclassified is their job,
 * the rest of the description is the registry's).
 */
export const canEditRecordFields = (actor: Actor, fields: readonly string[]): boolean =>
  canUpload(actor) || (hasRole(actor, 'archivist') && fields.every((f) => f === 'classificationCode'));

/** Who may put records on hold: records keepers, and auditors (an inquiry needs them kept). */
export const canHold = (actor: { roles: readonly Role[] }): boolean => hasRole(actor, 'archivist', 'admin', 'auditor');

/** What a record must be to be proposed for an act, and why one is not. */
export interface RecordStanding {
  phase: RetentionPhase | null;
  finalDisposition: FinalDisposition | null;
  /** Holds open on it. */
  held: boolean;
  /** The id of a disposal or transfer already under way for it. */
  pendingAct: string | null;
}

/** Why a record cannot be part of an act whose records must end in `wanted`, or null when it can. */
const actProblem = (r: RecordStanding, wanted: FinalDisposition): string | null => {
  if (r.held || r.phase === 'held') return 'it is under a legal hold';
  if (r.pendingAct) return `it is already in disposal or transfer ${r.pendingAct}`;
  if (r.phase === 'disposed') return 'it was destroyed already';
  if (r.phase === 'transferred') return 'it was transferred already';
  if (r.phase !== 'due') return `its retention has not ended (phase: ${r.phase ?? 'not yet computed'})`;
  if (r.finalDisposition !== wanted) return `its schedule says ${r.finalDisposition ?? 'nothing'} at the end, not ${wanted}`;
  return null;
};

/**
 * Why a record cannot be disposed of (destroyed), or null when it can: it must be due, its
 * schedule must say destroy, and nothing may hold it or already be acting on it.
 */
export const disposalProblem = (r: RecordStanding): string | null => actProblem(r, 'destroy');

/** Why a record cannot be transferred to the archive institution (due, permanent, nothing holding it), or null when it can. */
export const transferProblem = (r: RecordStanding): string | null => actProblem(r, 'permanent');

/** Allowed moves of a disposal. */
const DISPOSAL_MOVES: Record<DisposalStatus, DisposalStatus[]> = {
  proposed: ['approved', 'rejected'],
  approved: ['executing'],
  rejected: [],
  executing: ['executed'],
  executed: [],
};

export const canMoveDisposal = (from: DisposalStatus, to: DisposalStatus): boolean => DISPOSAL_MOVES[from].includes(to);
