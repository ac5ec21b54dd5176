import type { Actor } from '../../domain/access.ts';
import { AuditChainCheck, type ChainBreak, type ChainPoint } from '../../domain/audit-chain.ts';
import type { AuditRepository } from '../../ports/repositories.ts';
import type { AppDeps } from '../deps.ts';
import { requireAuditor } from './audit-access.ts';

/** What an outside party kept (a printed checkpoint), and whether today's chain still has it. */
export interface ClaimResult extends ChainPoint {
  matches: boolean;
}

/** The chain is whole up to its head, or the first entry that is wrong and why. */
export type AuditVerification =
  | { intact: true; entries: number; head: ChainPoint; checkpoint?: ClaimResult }
  | { intact: false; entries: number; firstBrokenSeq: number; seq: number; reason: string; checkpoint?: ClaimResult };

const CHUNK = 1000;
const CHECKPOINT_PAGE = 1000;

/** Recorded checkpoints as seq → hash (one short row per hour at most, so they fit in memory). */
const anchorsOf = async (audit: Pick<AuditRepository, 'checkpoints'>): Promise<Map<number, string>> => {
  const anchors = new Map<number, string>();
  for (let page = 1; ; page++) {
    const { items } = await audit.checkpoints(page, CHECKPOINT_PAGE);
    for (const c of items) anchors.set(c.seq, c.hash);
    if (items.length < CHECKPOINT_PAGE) return anchors;
  }
};

/**
 * Recomputes the audit hash chain from the first entry, a chunk at a time so a long trail
 * never sits in memory, and names the first entry that was changed, deleted, reordered or
 * inserted, a deleted tail (against the head row) and a rewrite a recorded checkpoint
 * contradicts. `entries` counts the entries that passed. With `claim` (a checkpoint kept
 * outside), also answers whether the chain still holds that hash at that seq with every entry
 * up to it intact.
 */
export const verifyAudit = async (
  audit: Pick<AuditRepository, 'scan' | 'head' | 'checkpoints'>,
  o: { chunk?: number; claim?: ChainPoint } = {},
): Promise<AuditVerification> => {
  const check = new AuditChainCheck(await audit.head(), await anchorsOf(audit));
  let claimed: string | null = null;
  let broken: ChainBreak | null = null;
  walk: for (let after = 0; ; ) {
    const batch = await audit.scan(after, o.chunk ?? CHUNK);
    if (batch.length === 0) break;
    for (const e of batch) {
      broken = check.next(e);
      if (broken) break walk;
      if (e.seq === o.claim?.seq) claimed = e.hash;
    }
    after = check.last.seq;
  }
  broken ??= check.end(await audit.head());
  const checkpoint = o.claim ? { checkpoint: { ...o.claim, matches: claimed === o.claim.hash } } : {};
  // `seq` repeats firstBrokenSeq: the API contract names the broken entry's `seq`.
  return broken
    ? { intact: false, entries: check.entries, firstBrokenSeq: broken.seq, seq: broken.seq, reason: broken.reason, ...checkpoint }
    : { intact: true, entries: check.entries, head: check.last, ...checkpoint };
};

/** `verifyAudit` for an auditor or admin over the API. */
export const checkAuditTrail = async (deps: AppDeps, actor: Actor, claim?: ChainPoint): Promise<AuditVerification> => {
  requireAuditor(actor);
  return verifyAudit(deps.db.audit, claim ? { claim } : {});
};
