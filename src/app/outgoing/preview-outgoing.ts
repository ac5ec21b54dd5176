import type { Actor } from '../../domain/access.ts';
import type { OutgoingTemplate } from '../../domain/correspondence.ts';
import { AppError } from '../../domain/errors.ts';
import type { SecurityLevel } from '../../domain/security-level.ts';
import type { AppDeps } from '../deps.ts';
import { renderOutgoingLetter } from './outgoing-draft.ts';
import { requireDrafter } from './outgoing-participants.ts';

/**
 * The letter as it would print, before it is submitted (issue 13): rendered by the same engine
 * from the same template, with no number, and nothing stored. The signer must be an active
 * official (their name is printed).
 */
export const previewOutgoing = async (
  deps: AppDeps,
  actor: Actor,
  letter: { subject: string; classificationCode: string; signerId: string; securityLevel?: SecurityLevel | undefined },
  template: OutgoingTemplate,
): Promise<Uint8Array> => {
  requireDrafter(actor);
  const signer = await deps.db.users.findById(letter.signerId);
  if (!signer || signer.disabled || !signer.roles.includes('official'))
    throw new AppError('invalid', 'some values are invalid', {
      errors: [{ field: 'signerId', message: 'no active official with this id', code: 'not_official' }],
    });
  const basics = {
    id: 'preview',
    subject: letter.subject,
    unitCode: actor.unitCode,
    signerId: signer.id,
    classificationCode: letter.classificationCode,
    securityLevel: letter.securityLevel ?? 'biasa',
  };
  const rendered = await renderOutgoingLetter(deps, basics, template, { version: 0, letterNumber: null, at: deps.clock.now() });
  return rendered.pdf;
};
