import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import { voidBlock } from '../../domain/incoming-corrections.ts';
import type { AppDeps } from '../deps.ts';
import { correctableLetter, staleLetter } from './edit-incoming.ts';
import { getIncoming } from './read-incoming.ts';

const openRouting = (all: { status: string }[]) => all.filter((d) => d.status === 'open').length;

/**
 * Voids an agenda entry with a reason (issue 18): the number stays in the register, marked void,
 * and is never given again (the counter only counts up); the letter leaves the working lists and
 * can no longer be routed, but stays readable. Refused (409) while a disposition of it is open.
 * The mark and its audit entry commit together.
 */
export const voidIncoming = async (deps: AppDeps, actor: Actor, id: string, reason: string, ifVersion?: number) => {
  const { letter, document } = await correctableLetter(deps, actor, id, ifVersion);
  const refuse = (block: string | null) => {
    if (block) throw new AppError('conflict', block, { problemType: 'letter-routing-open' });
  };
  refuse(voidBlock(letter, openRouting(await deps.db.dispositions.ofLetter(id))));
  const at = deps.clock.now();
  await deps.db.transaction(async (tx) => {
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
  });
  return getIncoming(deps, actor, id);
};
