import type { AppDeps } from '../app/deps.ts';
import { BATCH_JOB } from '../app/documents/import-batch.ts';
import { EXTRACT_JOB, INDEX_JOB } from '../app/documents/store-original.ts';
import { extractText, markExtractionFailed } from '../app/processing/extract-text.ts';
import { INDEX_MANY_JOB, indexDocument, indexDocuments, markIndexingFailed } from '../app/processing/index-document.ts';
import { abandonBatch, ingestBatch } from '../app/processing/ingest-batch.ts';
import { APPLY_SCHEME_JOB } from '../app/classifications/manage-classifications.ts';
import { EXECUTE_DISPOSAL_JOB } from '../app/records/disposals.ts';
import { continueFixity, FIXITY_JOB } from '../app/records/fixity.ts';
import { RETENTION_PASS_JOB } from '../app/records/periodic-records.ts';
import { applySchemeJob, dailyRetentionPass } from '../app/records/retention-pass.ts';
import { runDisposal } from '../app/records/run-disposal.ts';
import type { JobHandler } from './job-runner.ts';

const id = (p: Record<string, unknown>, key: string): string => String(p[key]);

/**
 * The stage table: every job type and the use case that runs it
 * (batch inbox → store → extract text → index). Main refuses to start a worker if a type
 * enqueued anywhere has no handler here.
 */
export const stageHandlers = (deps: AppDeps): Record<string, JobHandler> => ({
  [BATCH_JOB]: { run: (p, signal) => ingestBatch(deps, { batchId: id(p, 'batchId') }, signal), onGiveUp: (p, reason) => abandonBatch(deps, id(p, 'batchId'), reason) },
  [EXTRACT_JOB]: {
    run: (p, signal) => extractText(deps, { documentId: id(p, 'documentId') }, signal),
    onGiveUp: (p, reason) => markExtractionFailed(deps, id(p, 'documentId'), reason),
  },
  [INDEX_JOB]: { run: (p) => indexDocument(deps, { documentId: id(p, 'documentId') }), onGiveUp: (p, reason) => markIndexingFailed(deps, id(p, 'documentId'), reason) },
  // Giving up leaves entries stale until the next change or `reindex`; reconcile reports none missing.
  [INDEX_MANY_JOB]: { run: (p) => indexDocuments(deps, { documentIds: (p.documentIds as string[]).map(String) }), onGiveUp: async () => {} },
  // The records lifecycle: each is idempotent and resumable, and shows on the failed-jobs page when it gives up.
  [APPLY_SCHEME_JOB]: { run: (p) => applySchemeJob(deps, { codes: (p.codes as string[]).map(String) }), onGiveUp: async () => {} },
  [RETENTION_PASS_JOB]: { run: async () => void (await dailyRetentionPass(deps)), onGiveUp: async () => {} },
  [EXECUTE_DISPOSAL_JOB]: { run: (p, signal) => runDisposal(deps, { disposalId: id(p, 'disposalId') }, signal), onGiveUp: async () => {} },
  [FIXITY_JOB]: { run: (p, signal) => continueFixity(deps, { runId: id(p, 'runId') }, signal), onGiveUp: async () => {} },
});

export const JOB_TYPES = [BATCH_JOB, EXTRACT_JOB, INDEX_JOB, INDEX_MANY_JOB, APPLY_SCHEME_JOB, RETENTION_PASS_JOB, EXECUTE_DISPOSAL_JOB, FIXITY_JOB] as const;
