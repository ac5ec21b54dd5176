import { EXTRACT_JOB, INDEX_JOB } from '../../domain/job-types.ts';

/**
 * How a document job that ran out of attempts marks its document's error, so a retry of that
 * job knows the failure was the job's (and may set the document processing again) rather than
 * the file's own (an unreadable file stays failed).
 */
export const GAVE_UP_PREFIX: Record<string, string> = {
  [EXTRACT_JOB]: 'text extraction failed: ',
  [INDEX_JOB]: 'indexing failed: ',
};
