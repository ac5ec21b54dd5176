import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { voidBlock } from '../../domain/incoming-corrections.ts';
import type { AppDeps } from '../deps.ts';
import { correctableLetter, staleLetter } from './edit-incoming.ts';
import { writeIndex } from '../documents/search-document.ts';
import { getIncoming } from './read-incoming.ts';

const openRouting = (all: { status: string }[]) => all.filter((d) => d.status === 'open').length;

/**
 * Voids an agenda entry with a reason (issue 18): the number stays in the register, marked void,
 * and is never given again (the counter only counts up); the letter leaves the working lists and
 * can no longer be routed, but stays readable; the officials' notices that it waits for them
 * are withdrawn, and its scan leaves search (a void entry was a mistake: normal search does not
 * find it). Refused (409) while a disposition of it is open. The mark, its audit entry and the
 * withdrawal commit together.
 */
export const voidIncoming = async (deps: AppDeps, actor: Actor, id: string, reason: string, ifVersion?: number) => {
  const { letter, document } = await correctableLetter(deps, actor, id, ifVersion);
  const refuse = (block: string | null) => {
    if (block) throw new AppError('conflict', block, { problemType: 'letter-routing-open' });
  };
  refuse(voidBlock(letter, openRouting(await deps.db.dispositions.ofLetter(id))));
  const at = deps.clock.now();
  // Out of search before the mark commits (a search outage then refuses the void, 503).
  await deps.search.remove([document.id]);
  const commit = deps.db.transaction(async (tx) => {
    // The audit entry first: it takes the audit chain's head lock, which every disposition write
    // also takes first, so the reads below (MariaDB's snapshot starts with them) see any
    // disposition committed before us, and one sent after us sees the letter void.
    await tx.audit.append({
      at,
      actorId: actor.id,
      action: 'letter.incoming_void',
      targetType: 'document',
      targetId: document.id,
      details: { letterId: id, unitCode: letter.unitCode, agendaYear: letter.agendaYear, agendaNumber: letter.agendaNumber, reason },
    });
    // Again under the lock: a disposition sent meanwhile keeps the letter in force.
    refuse(voidBlock(letter, openRouting(await tx.dispositions.ofLetter(id))));
    if (!(await tx.incoming.markVoid(id, { at, by: actor.id, reason }, letter.version))) throw staleLetter(null);
    // The officials were told it waits for their disposition: it no longer does.
    await tx.notifications.withdraw('incoming_letter', id, 'incoming_registered');
  });
  // Back in the index if the void did not commit, or if a letter in force still holds the scan
  // (a signed letter delivered to several units); best effort, reconcile reports it otherwise.
  await commit.finally(() => (document.status === 'ready' ? writeIndex(deps, [document]).catch(() => undefined) : undefined));
  return getIncoming(deps, actor, id);
};
