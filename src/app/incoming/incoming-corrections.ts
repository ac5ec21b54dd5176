import type { Actor } from '../../domain/access.ts';
import { INCOMING_DETAIL_FIELDS } from '../../domain/incoming-corrections.ts';
import type { AppDeps } from '../deps.ts';
import { originalValues, presentCorrection } from '../documents/correction-history.ts';
import { visibleIncoming } from './read-incoming.ts';

/**
 * A letter's history (issue 18): its corrections, oldest first, each with its version, who, when,
 * why and every changed field before and after; its details as first registered; and its void
 * mark with the reason. The entries are about the letter's document, so the trail's read rule
 * (and this 404 for a letter one may not see) hide them alike.
 */
export const getIncomingCorrections = async (deps: AppDeps, actor: Actor, id: string) => {
  const { letter } = await visibleIncoming(deps, actor, id);
  const mine = (await deps.db.audit.ofTargets('document', [letter.documentId])).filter((e) => e.details.letterId === id);
  const edits = mine.filter((e) => e.action === 'letter.incoming_edit');
  return {
    version: letter.version,
    original: originalValues(letter, INCOMING_DETAIL_FIELDS, edits),
    corrections: edits.map(presentCorrection),
    voided: letter.voided ? { at: letter.voided.at.toISOString(), by: letter.voided.by, reason: letter.voided.reason } : null,
  };
};
