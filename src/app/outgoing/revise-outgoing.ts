import type { Actor } from '../../domain/access.ts';
import type { OutgoingLetterRecord } from '../../domain/correspondence.ts';
import { AppError } from '../../domain/errors.ts';
import { addresseeBlock } from '../../domain/parties.ts';
import { assertMayRevise, freshReviews } from '../../domain/outgoing-rules.ts';
import type { AppDeps } from '../deps.ts';
import { grantReaders } from '../documents/grant-readers.ts';
import { notifyOutgoing } from './notify-outgoing.ts';
import { type DraftSource, storeOutgoingVersion } from './outgoing-draft.ts';
import { requireCurrentVersion } from './outgoing-review-step.ts';
import { outgoingDetail, visibleOutgoing } from './read-outgoing.ts';

/**
 * A revised template keeps what the naskah type and the parties gave the version before (the
 * heading, the type's fields, the people assigned, the copies, and the Yth. block when it sends
 * none) unless it names them anew: the revision form edits the text, not the type or addressees.
 */
const withTypeParts = async (deps: AppDeps, letter: OutgoingLetterRecord, source: DraftSource): Promise<DraftSource> => {
  if (!('template' in source)) return source;
  const before = (await deps.db.outgoing.versions(letter.id)).find((v) => v.version === letter.version)?.template;
  if (!before)
    return source.template.addressee
      ? source
      : { template: { ...source.template, addressee: addresseeBlock([{ kind: 'external', name: letter.recipient, address: null, email: null }]) } };
  const { heading, fields, assignees, copies } = before;
  return { template: { ...{ heading, fields, assignees, copies }, ...source.template, addressee: source.template.addressee || before.addressee } };
};

/**
 * The drafter answers a return with a new version (a new PDF or template): it becomes current
 * with fresh pending steps for the same reviewers in the same order, and the letter is in review
 * again. Earlier versions and their decisions stay as history. The status move returned →
 * in_review is a compare-and-set, so a double submit makes one version, not two.
 */
export const reviseOutgoing = async (deps: AppDeps, actor: Actor, id: string, source: DraftSource, note: string | null, ifVersion?: number) => {
  try {
    const letter = await visibleOutgoing(deps, actor, id);
    assertMayRevise(letter, actor.id);
    requireCurrentVersion(letter.version, ifVersion);
    const reviewerIds = (await deps.db.outgoing.reviews(id, letter.version)).map((r) => r.reviewerId);
    const version = letter.version + 1;
    source = await withTypeParts(deps, letter, source);
    await storeOutgoingVersion(deps, actor, letter, version, source, async (tx, doc) => {
      const now = deps.clock.now();
      if (!(await tx.outgoing.setStatus(id, 'returned', 'in_review', {}, now)))
        throw new AppError('conflict', 'the letter was revised or changed a moment ago');
      const template = 'template' in source ? source.template : null;
      await tx.outgoing.addVersion(
        { letterId: id, version, documentId: doc.id, createdBy: actor.id, note, template, createdAt: now },
        freshReviews(id, version, reviewerIds),
        now,
      );
      await grantReaders(deps, tx, doc.id, reviewerIds, 'outgoing_review');
      await notifyOutgoing(deps, tx, 'outgoing_review', { ...letter, version, documentId: doc.id, status: 'in_review' }, reviewerIds[0]!);
      await tx.audit.append({
        at: now,
        actorId: actor.id,
        action: 'letter.outgoing_revise',
        targetType: 'outgoing_letter',
        targetId: id,
        details: { documentId: doc.id, version, source: template ? 'template' : 'file' },
      });
    });
    return outgoingDetail(deps.db, (await deps.db.outgoing.findById(id))!);
  } finally {
    if ('file' in source) await deps.staging.discard(source.file.path);
  }
};
