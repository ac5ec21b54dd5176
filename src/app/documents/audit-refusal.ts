import type { Actor } from '../../domain/access.ts';
import {
  REFUSALS_RECORDED,
  REFUSAL_WINDOW_MS,
  type RefusalReason,
  type RefusedRepresentation,
  refusalIsAudited,
  refusalVerdict,
  refusalWindowOf,
} from '../../domain/access-refusal.ts';
import type { DocumentRecord } from '../../domain/document.ts';
import type { AppDeps } from '../deps.ts';

const WINDOW_MINUTES = REFUSAL_WINDOW_MS / 60_000;

/**
 * Counts the refusal in the database and appends what it calls for, in one transaction: an
 * entry about the document, the entry saying the limit was reached, or nothing; and, at a user's
 * first refusal in a window, one summary entry for each earlier window of theirs that overflowed.
 */
const record = async (
  deps: AppDeps,
  actor: Actor,
  doc: Pick<DocumentRecord, 'id' | 'securityLevel'>,
  asked: RefusedRepresentation,
  reason: RefusalReason,
): Promise<void> => {
  const at = deps.clock.now();
  const window = refusalWindowOf(at);
  await deps.db.transaction(async (tx) => {
    const n = await tx.accessRefusals.count(actor.id, window);
    const aboutUser = { actorId: actor.id, targetType: 'user', targetId: actor.id };
    if (n === 1) {
      for (const w of await tx.accessRefusals.takeEarlier(actor.id, window)) {
        if (w.refused <= REFUSALS_RECORDED) continue;
        const details = {
          windowStart: w.windowStart.toISOString(),
          windowMinutes: WINDOW_MINUTES,
          refused: w.refused,
          notRecorded: w.refused - REFUSALS_RECORDED,
        };
        await tx.audit.append({ at, ...aboutUser, action: 'document.access_refused_summary', details });
      }
    }
    const verdict = refusalVerdict(n);
    if (verdict === 'record') {
      await tx.audit.append({
        at,
        actorId: actor.id,
        action: 'document.access_refused',
        targetType: 'document',
        targetId: doc.id,
        details: { securityLevel: doc.securityLevel, asked, reason },
      });
    } else if (verdict === 'limit_reached') {
      const until = new Date(window.getTime() + REFUSAL_WINDOW_MS).toISOString();
      await tx.audit.append({
        at,
        ...aboutUser,
        action: 'document.access_refused_limit',
        details: { recorded: REFUSALS_RECORDED, windowMinutes: WINDOW_MINUTES, countedOnlyUntil: until },
      });
    }
  });
};

/**
 * Audits a refused request for a document above `biasa` (ASVS V16), without changing the answer
 * the caller gets. Not awaited: the refusal's 404 must leave as fast as the 404 of a document
 * that does not exist, or its timing would tell a prober that the document is there. A failure
 * to record cannot turn the 404 into something else either, so it is dropped; `settled` lets
 * tests wait for the write.
 */
export const auditRefusal = (
  deps: AppDeps,
  actor: Actor,
  doc: Pick<DocumentRecord, 'id' | 'securityLevel'>,
  asked: RefusedRepresentation,
  reason: RefusalReason,
): Promise<void> => {
  if (!refusalIsAudited(doc.securityLevel)) return Promise.resolve();
  return record(deps, actor, doc, asked, reason).catch(() => undefined);
};
