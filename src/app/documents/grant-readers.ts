import type { Repositories } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { INDEX_JOB } from '../../domain/job-types.ts';

/**
 * Gives users read access to a document outside the unit rule (a disposition's recipients, a
 * draft's reviewers and signer), inside the caller's transaction, with the re-index job that
 * carries the grant into search: both commit with the change that caused them, or neither.
 */
export const grantReaders = async (deps: AppDeps, tx: Repositories, documentId: string, userIds: string[], reason: string): Promise<void> => {
  if (userIds.length === 0) return;
  const now = deps.clock.now();
  await tx.readers.grant(documentId, userIds, reason, now);
  await tx.jobs.enqueue({ type: INDEX_JOB, payload: { documentId }, runAt: now, maxAttempts: deps.jobs.maxAttempts });
};
