import type { Sequelize } from 'sequelize';
import { bigint, date, type DbBigint, type DbDate, int, key, str, table, text } from './columns.ts';

/** A row of `holds`. */
export interface HoldRow {
  id: string;
  name: string;
  reason: string;
  createdBy: string;
  createdAt: DbDate;
  releasedAt: DbDate | null;
  releasedBy: string | null;
  releaseReason: string | null;
}

/** A row of `hold_items`. */
export interface HoldItemRow {
  holdId: string;
  documentId: string;
}

/** A row of `disposals`. */
export interface DisposalRow {
  id: string;
  status: string;
  reason: string;
  unitCode: string;
  items: number;
  proposedBy: string;
  proposedAt: DbDate;
  decidedBy: string | null;
  decidedAt: DbDate | null;
  decisionNote: string | null;
  executedBy: string | null;
  executedAt: DbDate | null;
  minutesDocumentId: string | null;
  minutesNumber: string | null;
  updatedAt: DbDate;
}

/** A row of `disposal_items`. */
export interface DisposalItemRow {
  disposalId: string;
  documentId: string;
  state: string;
  doneAt: DbDate | null;
}

/** A row of `transfers`. */
export interface TransferRow {
  id: string;
  status: string;
  unitCode: string;
  recipient: string;
  items: number;
  createdBy: string;
  createdAt: DbDate;
  confirmedBy: string | null;
  confirmedAt: DbDate | null;
  minutesDocumentId: string | null;
  minutesNumber: string | null;
  updatedAt: DbDate;
}

/** A row of `transfer_items`. */
export interface TransferItemRow {
  transferId: string;
  documentId: string;
}

/** A row of `fixity_runs`. */
export interface FixityRunRow {
  id: string;
  trigger: string;
  status: string;
  startedAt: DbDate;
  finishedAt: DbDate | null;
  cursor: string | null;
  total: number;
  checked: number;
  ok: number;
  checkedBytes: DbBigint;
  mismatched: string;
  missing: string;
}

/** A row of `schedules`. */
export interface ScheduleRow {
  name: string;
  nextAt: DbDate;
  lastAt: DbDate | null;
}

/** Migration 007's tables: holds, disposals, transfers, fixity runs, schedules. */
export const defineRecordsModels = (s: Sequelize) => ({
  Hold: table<HoldRow>(s, 'Hold', 'holds', {
    id: key(str()),
    name: str(),
    reason: text(),
    createdBy: str(),
    createdAt: date(),
    releasedAt: date(),
    releasedBy: str(),
    releaseReason: text(),
  }),
  HoldItem: table<HoldItemRow>(s, 'HoldItem', 'hold_items', { holdId: key(str()), documentId: key(str()) }),
  Disposal: table<DisposalRow>(s, 'Disposal', 'disposals', {
    id: key(str()),
    status: str(),
    reason: text(),
    unitCode: str(),
    items: int(),
    proposedBy: str(),
    proposedAt: date(),
    decidedBy: str(),
    decidedAt: date(),
    decisionNote: text(),
    executedBy: str(),
    executedAt: date(),
    minutesDocumentId: str(),
    minutesNumber: str(),
    updatedAt: date(),
  }),
  DisposalItem: table<DisposalItemRow>(s, 'DisposalItem', 'disposal_items', { disposalId: key(str()), documentId: key(str()), state: str(), doneAt: date() }),
  Transfer: table<TransferRow>(s, 'Transfer', 'transfers', {
    id: key(str()),
    status: str(),
    unitCode: str(),
    recipient: str(),
    items: int(),
    createdBy: str(),
    createdAt: date(),
    confirmedBy: str(),
    confirmedAt: date(),
    minutesDocumentId: str(),
    minutesNumber: str(),
    updatedAt: date(),
  }),
  TransferItem: table<TransferItemRow>(s, 'TransferItem', 'transfer_items', { transferId: key(str()), documentId: key(str()) }),
  FixityRun: table<FixityRunRow>(s, 'FixityRun', 'fixity_runs', {
    id: key(str()),
    trigger: str(),
    status: str(),
    startedAt: date(),
    finishedAt: date(),
    cursor: str(),
    total: int(),
    checked: int(),
    ok: int(),
    checkedBytes: bigint(),
    mismatched: text(),
    missing: text(),
  }),
  Schedule: table<ScheduleRow>(s, 'Schedule', 'schedules', { name: key(str()), nextAt: date(), lastAt: date() }),
});
