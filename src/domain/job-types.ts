/**
 * Every kind of job the job table holds, in one place: enqueueing a type not named here does not
 * compile, and the worker's stage table (src/pipeline/stages.ts) must have a handler for each.
 */
export const BATCH_JOB = 'ingest-batch';
export const EXTRACT_JOB = 'extract-text';
export const INDEX_JOB = 'index-document';
export const INDEX_MANY_JOB = 'index-documents';
export const APPLY_SCHEME_JOB = 'apply-scheme';
export const RETENTION_PASS_JOB = 'retention-pass';
export const EXECUTE_DISPOSAL_JOB = 'execute-disposal';
export const FIXITY_JOB = 'fixity-run';
export const SEND_EMAIL_JOB = 'send-email';
export const PREVIEW_JOB = 'render-previews';

export const JOB_TYPES = [
  BATCH_JOB,
  EXTRACT_JOB,
  INDEX_JOB,
  INDEX_MANY_JOB,
  APPLY_SCHEME_JOB,
  RETENTION_PASS_JOB,
  EXECUTE_DISPOSAL_JOB,
  FIXITY_JOB,
  SEND_EMAIL_JOB,
  PREVIEW_JOB,
] as const;
export type JobType = (typeof JOB_TYPES)[number];
