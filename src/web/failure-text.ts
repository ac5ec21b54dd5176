/**
 * A stored failure (a document's processing, a bulk-import file, a background job, a backup run)
 * in the reader's language, by the kind the server derives from its English text
 * (domain/failure-kinds.ts, sent as `errorCode` / `lastErrorCode`). Pure: the caller passes `t`.
 */
import { FAILURE_KINDS, type FailureKind } from '../domain/failure-kinds.ts';
import type { Translate } from './problem-text.ts';

const isKind = (v: unknown): v is FailureKind => (FAILURE_KINDS as readonly unknown[]).includes(v);

/** The words for a failure kind; an unknown or missing kind (an older server) in general words. */
export const failureText = (code: string | null | undefined, t: Translate): string => t(`failure.${isKind(code) ? code : 'other'}`);
