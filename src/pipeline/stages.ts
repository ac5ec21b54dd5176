import type { AppDeps } from '../app/deps.ts';
import { extractText, markExtractionFailed } from '../app/processing/extract-text.ts';
import { indexDocument, indexDocuments, markIndexingFailed } from '../app/processing/index-document.ts';
import { abandonBatch, ingestBatch } from '../app/processing/ingest-batch.ts';
import { continueFixity } from '../app/records/fixity.ts';
import { applySchemeJob, dailyRetentionPass } from '../app/records/retention-pass.ts';
import { runDisposal } from '../app/records/run-disposal.ts';
import { markEmailFailed, sendNotificationEmail } from '../app/notifications/send-email.ts';
import { sendResetEmail } from '../app/accounts/reset-email.ts';
import { markLetterEmailFailed, sendLetterEmail } from '../app/outgoing/email-externally.ts';
import { renderPreviews } from '../app/processing/render-previews.ts';
import type { JobHandler } from './job-runner.ts';
import {
  APPLY_SCHEME_JOB,
  BATCH_JOB,
  EXECUTE_DISPOSAL_JOB,
  EXTRACT_JOB,
  FIXITY_JOB,
  INDEX_JOB,
  INDEX_MANY_JOB,
  type JobType,
  PREVIEW_JOB,
  RETENTION_PASS_JOB,
  SEND_EMAIL_JOB,
} from '../domain/job-types.ts';
import type { JobRepository } from '../ports/repositories.ts';

const id = (p: Record<string, unknown>, key: string): string => String(p[key]);

/**
 * The stage table: every job type and the use case that runs it
 * (batch inbox → store → extract text → index). A type of src/domain/job-types.ts without a
 * handler here does not compile; a job in the table of a type this worker does not know (left by
 * a newer version) stops the worker from starting (unrunnableJobTypes).
 */
export const stageHandlers = (deps: AppDeps): Record<JobType, JobHandler> => ({
  [BATCH_JOB]: {
    run: (p, signal) => ingestBatch(deps, { batchId: id(p, 'batchId') }, signal),
    onGiveUp: (p, reason) => abandonBatch(deps, id(p, 'batchId'), reason),
  },
  [EXTRACT_JOB]: {
    run: (p, signal) => extractText(deps, { documentId: id(p, 'documentId') }, signal),
    onGiveUp: (p, reason) => markExtractionFailed(deps, id(p, 'documentId'), reason),
  },
  [INDEX_JOB]: {
    run: (p) => indexDocument(deps, { documentId: id(p, 'documentId') }),
    onGiveUp: (p, reason) => markIndexingFailed(deps, id(p, 'documentId'), reason),
  },
  // Giving up leaves entries stale until the next change or `reindex`; reconcile reports none missing.
  [INDEX_MANY_JOB]: { run: (p) => indexDocuments(deps, { documentIds: (p.documentIds as string[]).map(String) }), onGiveUp: async () => {} },
  // The records lifecycle: each is idempotent and resumable, and shows on the failed-jobs page when it gives up.
  [APPLY_SCHEME_JOB]: { run: (p) => applySchemeJob(deps, { codes: (p.codes as string[]).map(String) }), onGiveUp: async () => {} },
  [RETENTION_PASS_JOB]: { run: async () => void (await dailyRetentionPass(deps)), onGiveUp: async () => {} },
  [EXECUTE_DISPOSAL_JOB]: { run: (p, signal) => runDisposal(deps, { disposalId: id(p, 'disposalId') }, signal), onGiveUp: async () => {} },
  [FIXITY_JOB]: { run: (p, signal) => continueFixity(deps, { runId: id(p, 'runId') }, signal), onGiveUp: async () => {} },
  // Previews are derived and rebuildable: giving up leaves the routes answering 'not ready'.
  [PREVIEW_JOB]: { run: (p, signal) => renderPreviews(deps, { documentId: id(p, 'documentId') }, signal), onGiveUp: async () => {} },
  // A notification's e-mail, or a signed letter's to an external party (issue 13): the same retries and failed-jobs page.
  // A reset link's e-mail has no row of its own: the link's lifetime decides, giving up changes nothing.
  [SEND_EMAIL_JOB]: {
    run: async (p) =>
      void (await ('letterEmailId' in p
        ? sendLetterEmail(deps, { letterEmailId: id(p, 'letterEmailId') })
        : 'passwordResetFor' in p
          ? sendResetEmail(deps, { passwordResetFor: id(p, 'passwordResetFor'), sealedToken: id(p, 'sealedToken') })
          : sendNotificationEmail(deps, { notificationId: id(p, 'notificationId') }))),
    onGiveUp: async (p, reason) => {
      if ('letterEmailId' in p) await markLetterEmailFailed(deps, id(p, 'letterEmailId'), reason);
      else if (!('passwordResetFor' in p)) await markEmailFailed(deps, id(p, 'notificationId'));
    },
  },
});

/** The types of queued or running jobs no handler here would run: they would wait forever. */
export const unrunnableJobTypes = async (jobs: JobRepository, handlers: Record<string, JobHandler>): Promise<string[]> =>
  (await jobs.pendingTypes()).filter((t) => !Object.hasOwn(handlers, t));
