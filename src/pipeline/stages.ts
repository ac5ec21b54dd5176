import type { AppDeps } from '../app/deps.ts';
import { BATCH_JOB } from '../app/documents/import-batch.ts';
import { EXTRACT_JOB, INDEX_JOB } from '../app/documents/store-original.ts';
import { extractText, markExtractionFailed } from '../app/processing/extract-text.ts';
import { indexDocument, markIndexingFailed } from '../app/processing/index-document.ts';
import { abandonBatch, ingestBatch } from '../app/processing/ingest-batch.ts';
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
});

export const JOB_TYPES = [BATCH_JOB, EXTRACT_JOB, INDEX_JOB] as const;
