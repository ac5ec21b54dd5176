import { randomUUID } from 'node:crypto';
import type { Actor } from '../../domain/access.ts';
import type { OutgoingLetterRecord } from '../../domain/correspondence.ts';
import { freshReviews, initialOutgoingStatus } from '../../domain/outgoing-rules.ts';
import type { SecurityLevel } from '../../domain/security-level.ts';
import type { AppDeps } from '../deps.ts';
import { grantReaders } from '../documents/grant-readers.ts';
import { notifyOutgoing } from './notify-outgoing.ts';
import { type DraftSource, storeOutgoingVersion } from './outgoing-draft.ts';
import { checkParticipants, requireDrafter } from './outgoing-participants.ts';
import { handToSigner } from './outgoing-review-step.ts';
import { outgoingDetail } from './read-outgoing.ts';
import { checkReplyTarget } from './reply-target.ts';
import type { Party } from '../../domain/parties.ts';
import { DEFAULT_LETTER_TYPE } from '../../domain/letter-types.ts';
import { AppError } from '../../domain/errors.ts';

/** The type's code when it exists, else a 422 naming the field. */
const knownType = async (deps: AppDeps, code: string): Promise<string> => {
  if (await deps.db.letterTypes.find(code)) return code;
  throw new AppError('invalid', 'unknown letter type', {
    errors: [{ field: 'type', message: `no letter type ${code} (GET /api/v1/letter-types)`, code: 'unknown_letter_type' }],
  });
};

/** What the drafter says about a new letter besides its text. */
export interface NewOutgoing {
  subject: string;
  recipient: string;
  classificationCode: string;
  signerId: string;
  /** In review order; may be empty (the letter goes straight to the signer). */
  reviewerIds: string[];
  securityLevel?: SecurityLevel | undefined;
  note?: string | undefined;
  /** The naskah type; surat dinas when left out. */
  type?: string | undefined;
  addressees?: Party[] | undefined;
  copies?: Party[] | undefined;
  /** The incoming letter this one answers (one the drafter may see). */
  inReplyTo?: string | undefined;
}

/**
 * Drafts an outgoing letter (surat keluar): version 1 is an uploaded PDF or the system's
 * rendering of a template, archived as an `outgoing` document of the drafter's unit. In the
 * document's transaction: the letter, its version and pending review steps, read grants for the
 * reviewers, a notice to the first reviewer (or, with no reviewers, the hand-over to the signer)
 * and the audit entry. Everything is checked before a byte is stored; staged files are removed.
 */
export const createOutgoing = async (deps: AppDeps, actor: Actor, input: NewOutgoing, source: DraftSource) => {
  try {
    requireDrafter(actor);
    const securityLevel = input.securityLevel ?? 'biasa';
    await checkParticipants(deps, actor, { signerId: input.signerId, reviewerIds: input.reviewerIds, securityLevel });
    const type = await knownType(deps, input.type ?? DEFAULT_LETTER_TYPE);
    if (input.inReplyTo) await checkReplyTarget(deps, actor, input.inReplyTo);
    const now = deps.clock.now();
    const id = randomUUID();
    const status = initialOutgoingStatus(input.reviewerIds.length);
    const base: Omit<OutgoingLetterRecord, 'documentId'> = {
      id,
      type,
      subject: input.subject,
      recipient: input.recipient,
      addressees: input.addressees ?? [],
      copies: input.copies ?? [],
      inReplyTo: input.inReplyTo ?? null,
      classificationCode: input.classificationCode,
      securityLevel,
      unitCode: actor.unitCode,
      drafterId: actor.id,
      signerId: input.signerId,
      status,
      version: 1,
      letterNumber: null,
      signedAt: null,
      signedDocumentId: null,
      dispatchedAt: null,
      dispatchedBy: null,
      dispatchVia: null,
      dispatchNote: null,
      signerReturnedAt: null,
      signerReturnComment: null,
      createdAt: now,
      updatedAt: now,
    };
    const made: { letter?: OutgoingLetterRecord } = {};
    await storeOutgoingVersion(deps, actor, base, 1, source, async (tx, doc) => {
      const letter: OutgoingLetterRecord = { ...base, documentId: doc.id };
      const template = 'template' in source ? source.template : null;
      await tx.outgoing.create(
        letter,
        { letterId: id, version: 1, documentId: doc.id, createdBy: actor.id, note: input.note ?? null, template, createdAt: now },
        freshReviews(id, 1, input.reviewerIds),
      );
      await grantReaders(deps, tx, doc.id, input.reviewerIds, 'outgoing_review');
      if (status === 'approved') await handToSigner(deps, tx, letter);
      else await notifyOutgoing(deps, tx, 'outgoing_review', letter, input.reviewerIds[0]!);
      await tx.audit.append({
        at: now,
        actorId: actor.id,
        action: 'letter.outgoing_draft',
        targetType: 'outgoing_letter',
        targetId: id,
        details: {
          documentId: doc.id,
          version: 1,
          source: template ? 'template' : 'file',
          type,
          signerId: input.signerId,
          reviewerIds: input.reviewerIds,
          status,
          inReplyTo: input.inReplyTo ?? null,
        },
      });
      made.letter = letter;
    });
    return outgoingDetail(deps.db, made.letter!);
  } finally {
    if ('file' in source) await deps.staging.discard(source.file.path);
  }
};
