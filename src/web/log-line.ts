import type { Translate } from './problem-text.ts';

/** What the line reads of any variant of the verification's `log` (FileVerification['log']: recorded, pending, or verified against a head). */
type LogPlace = { recorded: boolean; index?: number; size?: number; verified?: boolean; pending?: boolean };

/**
 * The /check page's line on a letter's place in the public log. Positions as the log numbers
 * them (from 0), so they match the proofs a reader fetches: never shifted to count from 1.
 */
export const logLine = (log: LogPlace, t: Translate): string => {
  if (!log.recorded || log.index === undefined) return t('check.logNone');
  if (log.pending || log.size === undefined) return t('check.logPending', { n: log.index });
  return log.verified ? t('check.logVerified', { n: log.index, size: log.size }) : t('check.logMismatch', { n: log.index });
};
