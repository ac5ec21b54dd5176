import type { Actor } from '../../domain/access.ts';
import { AppError, problemKindOf } from '../../domain/errors.ts';
import { hasRole } from '../../domain/roles.ts';
import type { AppDeps } from '../deps.ts';
import { recordProviderCertificate } from './provider-certificate.ts';
import { signOutgoing } from './sign-outgoing.ts';
import { requireSecondFactorInput, unlockSigningKey, usableCertificate } from './signing-credential.ts';

/** A batch an official signs in one sitting; more is a script, not a person reading what they sign. */
export const MAX_BATCH = 100;

export interface BatchResult {
  id: string;
  status: 'signed' | 'failed';
  letterNumber?: string;
  /** Why it was not signed: English for operators, and the problem's kind (as a problem document's type ends) for the UI. */
  error?: string;
  kind?: string;
}

/**
 * Signs a selection of approved letters with one PIN and one second-factor code (issue 13).
 * The code is spent and the key opened once, up front, under the same rules and back-off as a
 * single signing: a wrong PIN or code refuses the whole batch (403, nothing signed). Then each
 * letter goes through the single-letter use case with the opened key, one after another (in the
 * order given, so their numbers follow it): its own PAdES signature, number, document and audit
 * entry in its own transaction. A letter that fails (not approved, someone else's, being signed)
 * is reported with the reason and leaves the others as they are.
 */
export const signBatch = async (
  deps: AppDeps,
  actor: Actor,
  letterIds: string[],
  input: { pin: string; totp?: string | undefined },
  ctx: { ip?: string | undefined } = {},
) => {
  if (!hasRole(actor, 'official')) throw new AppError('forbidden', 'only officials sign letters');
  const ids = [...new Set(letterIds)];
  const user = await deps.db.users.findById(actor.id);
  if (!user) throw new AppError('unauthenticated', 'the account no longer exists');
  const totp = requireSecondFactorInput(user, input.totp);
  await recordProviderCertificate(deps, actor, user);
  const cert = await usableCertificate(deps, actor.id, deps.clock.now());
  // A refused PIN or code is audited against the first letter of the batch.
  const unlocked = await unlockSigningKey(deps, actor, user, cert, { pin: input.pin, totp, letterId: ids[0]!, ip: ctx.ip });
  const results: BatchResult[] = [];
  for (const id of ids) {
    try {
      const r = await signOutgoing(deps, actor, id, { unlocked, certificateId: cert.id }, ctx);
      results.push({ id, status: 'signed', letterNumber: r.letterNumber });
    } catch (e) {
      // Refusals are the letter's. An outage or a fault is the batch's (503/500) until a letter
      // was signed; after that the caller must learn which were, so it is reported per letter.
      const refusal = e instanceof AppError && e.code !== 'unavailable';
      if (!refusal && !results.some((r) => r.status === 'signed')) throw e;
      results.push(
        e instanceof AppError
          ? { id, status: 'failed', error: e.detail, kind: problemKindOf(e) }
          : { id, status: 'failed', error: 'the server failed while signing this letter; it is not signed', kind: 'internal' },
      );
    }
  }
  return { results };
};
