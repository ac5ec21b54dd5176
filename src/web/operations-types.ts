/** Shapes of the classification scheme and background jobs, as the admin pages read them. */
import type * as Api from './api-types.generated.ts';

export { FINAL_DISPOSITIONS, type FinalDisposition } from '../domain/classification.ts';

export type Classification = Api.Classification;

/** In the order the page shows them (failed first); each a state the schema declares. */
export const JOB_STATES = ['failed', 'queued', 'running', 'done'] as const satisfies readonly Api.Job['state'][];
export type JobState = (typeof JOB_STATES)[number];

export type Job = Api.Job;

export type JobPage = Omit<Api.JobPage, 'counts'> & { counts: Record<JobState, number> };
