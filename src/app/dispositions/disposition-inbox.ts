import type { Actor } from '../../domain/access.ts';
import type { IncomingLetterRecord } from '../../domain/correspondence.ts';
import { dispositionLevel, seesLetterSummary } from '../../domain/disposition-rules.ts';
import type { AppDeps } from '../deps.ts';
import { letterSummary, namesFor, presentDisposition } from './present-disposition.ts';

/**
 * What waits for the caller: their open dispositions, sent to them or to their unit, due first
 * (those without a due date last), or (`done`) the latest 100 completed; each with its letter's
 * summary, its sender, whether it was opened yet and how it reaches the caller (`via`: personally
 * or through their unit, so a letter sent both ways is told apart, not shown as two identical
 * cards). The summary lacks subject and sender where the caller is not cleared for the letter's
 * level (they hold it through their unit).
 */
export const dispositionInbox = async (deps: AppDeps, actor: Actor, state: 'open' | 'done' = 'open') => {
  const ds = await deps.db.dispositions.inbox(actor.id, actor.unitCode, state, state === 'open' ? 500 : 100);
  const letters = new Map<string, IncomingLetterRecord | null>();
  for (const d of ds) if (!letters.has(d.letterId)) letters.set(d.letterId, await deps.db.incoming.findById(d.letterId));
  const known = [...letters.values()].filter((l): l is IncomingLetterRecord => l !== null);
  const docs = new Map((await deps.db.documents.findManyByIds([...new Set(known.map((l) => l.documentId))])).map((doc) => [doc.id, doc]));
  const names = await namesFor(deps, ds);
  const items = ds.flatMap((d) => {
    const letter = letters.get(d.letterId);
    if (!letter) return [];
    const cleared = seesLetterSummary(actor, dispositionLevel(letter.securityLevel, docs.get(letter.documentId)?.securityLevel ?? null));
    return [
      { ...presentDisposition(d, names), via: d.toUserId === actor.id ? ('personal' as const) : ('unit' as const), letter: letterSummary(letter, cleared) },
    ];
  });
  return { items, total: items.length };
};
