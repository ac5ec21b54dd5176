/** Shapes of the classification scheme and background jobs, as the admin pages read them. */
import type { Page } from './types.ts';

import type { FinalDisposition } from '../domain/classification.ts';

export { FINAL_DISPOSITIONS, type FinalDisposition } from '../domain/classification.ts';

export interface Classification {
  code: string;
  parentCode: string | null;
  name: string;
  description: string | null;
  activeYears: number | null;
  inactiveYears: number | null;
  finalDisposition: FinalDisposition | null;
  active: boolean;
  updatedAt: string;
}

export const JOB_STATES = ['failed', 'queued', 'running', 'done'] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface Job {
  id: string;
  type: string;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  lastErrorCode?: string | null;
  runAt: string;
  createdAt: string;
  updatedAt: string;
  retryable: boolean;
  subject: { kind: 'document'; id: string; title: string | null; exists: boolean } | { kind: 'batch'; id: string } | { kind: 'email'; id: string } | null;
}

export interface JobPage extends Page<Job> {
  counts: Record<JobState, number>;
}
