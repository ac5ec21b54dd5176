import type { ReadScope } from './access.ts';
import { securityRank, type SecurityLevel } from './security-level.ts';

/**
 * Refused reads of restricted documents go into the audit chain (ASVS V16), but a probe must not
 * flood it: per user, at most REFUSALS_RECORDED entries per fixed window of REFUSAL_WINDOW_MS,
 * then one entry saying the limit was reached; the rest are only counted, and the count of each
 * window that overflowed becomes one summary entry at the user's next refusal after it.
 */
export const REFUSALS_RECORDED = 20;
export const REFUSAL_WINDOW_MS = 10 * 60_000;

/** What the caller asked for when refused: the document's metadata, bytes, text, history, an edit, or a letter on it. */
export type RefusedRepresentation = 'metadata' | 'content' | 'text' | 'corrections' | 'edit' | 'incoming_letter' | 'outgoing_letter';

/** Why: the document lies outside the caller's units, above their clearance, or both; or they may see it but not edit it. */
export type RefusalReason = 'unit' | 'clearance' | 'unit_and_clearance' | 'edit_not_allowed';

/**
 * Whether a refusal is worth an audit entry: only documents above `biasa` (an office's everyday
 * letters are refused to other units all day; keeping those out keeps the chain lean).
 */
export const refusalIsAudited = (level: SecurityLevel): boolean => level !== 'biasa';

/** Why a read was refused, by the same rule canRead applies. */
export const readRefusalReason = (scope: ReadScope, doc: { unitCode: string; securityLevel: SecurityLevel }): RefusalReason => {
  const outsideUnits = !scope.allUnits && !scope.unitCodes.includes(doc.unitCode);
  const aboveClearance = securityRank(doc.securityLevel) > scope.maxSecurityRank;
  if (outsideUnits && aboveClearance) return 'unit_and_clearance';
  return outsideUnits ? 'unit' : 'clearance';
};

/** The start of the window `at` falls in (windows are aligned to the epoch, the same in every process). */
export const refusalWindowOf = (at: Date): Date => new Date(Math.floor(at.getTime() / REFUSAL_WINDOW_MS) * REFUSAL_WINDOW_MS);

/** What the n-th refusal of a user in one window becomes: an entry, the limit's entry, or only a count. */
export const refusalVerdict = (n: number): 'record' | 'limit_reached' | 'count_only' =>
  n <= REFUSALS_RECORDED ? 'record' : n === REFUSALS_RECORDED + 1 ? 'limit_reached' : 'count_only';
