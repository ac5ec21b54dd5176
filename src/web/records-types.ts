/**
 * Shapes of the records lifecycle (retention, holds, disposal, transfer, fixity) as the
 * archivist's pages read them: the answers' types are generated from the API's schemas
 * (api-types.generated.ts). The statuses and phases come from the pure domain, which the schemas
 * declare them with, so a new one shows up here as a type error rather than a blank label.
 */
import type * as Api from './api-types.generated.ts';
import type { FinalDisposition } from '../domain/classification.ts';

export { DISPOSAL_STATUSES, TRANSFER_STATUSES, type DisposalStatus, type RecordItemState, type TransferStatus } from '../domain/records.ts';
export { RETENTION_PHASES, type RetentionPhase } from '../domain/retention.ts';
export type { FinalDisposition };

/** A record's retention as `GET /documents/:id` gives it (`holds` on that answer only). */
export type Retention = Api.Retention;

/** One line of `GET /records/summary`: how many records of a unit stand in a phase, by their end. */
export type RetentionCount = Api.RetentionCount;

export type Hold = Api.Hold;

export type Disposal = Api.Disposal;

export type Transfer = Api.Transfer;

export type FixityRun = Api.FixityRun;

export type SchemeImportResult = Api.SchemeImport;
