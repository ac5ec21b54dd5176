import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import type { AppDeps } from '../deps.ts';
import { countAttempt, settleFailure, settleSuccess } from '../accounts/login-throttle.ts';
import { certificateHolder, checkPin, pinProblem } from './certificate-holder.ts';
import { issueFromOfficeCa } from './issue-certificate.ts';
import { requireSigningAdmin } from './office-ca.ts';
import { pinThrottleKey } from './signing-credential.ts';

/**
 * An admin asks for an official's signing certificate (issue 18): the admin never learns the
 * PIN. The official makes the certificate from their own account by choosing it
 * (`createOwnCertificate`). Asking again while a request is open changes nothing.
 */
export const requestCertificate = async (deps: AppDeps, actor: Actor, userId: string) => {
  requireSigningAdmin(actor);
  const user = await certificateHolder(deps, userId);
  if (user.certificateRequestedAt) return { userId, requestedAt: user.certificateRequestedAt.toISOString() };
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx.users.update(userId, { certificateRequestedAt: now });
    await tx.audit.append({ at: now, actorId: actor.id, action: 'admin.certificate_request', targetType: 'user', targetId: userId, details: {} });
  });
  return { userId, requestedAt: now.toISOString() };
};

/**
 * The official answers an admin's request: the office CA issues their certificate with the
 * name, jabatan and NIP of their profile, and the fresh key is locked under the PIN they chose,
 * at this moment and nowhere else. Only with their second factor on (the session of an official
 * without one may only enrol, so this is a check of last resort).
 */
export const createOwnCertificate = async (deps: AppDeps, actor: Actor, pin: string) => {
  const user = await certificateHolder(deps, actor.id);
  if (!user.certificateRequestedAt)
    throw new AppError('conflict', 'no certificate was requested for you: ask an admin to request one', { problemType: 'certificate-not-requested' });
  if (!user.totpEnabledAt) throw new AppError('forbidden', 'turn on two-factor login first', { problemType: 'totp-enrolment-required' });
  checkPin(pin);
  return issueFromOfficeCa(deps, actor, user, { pin, title: user.jabatan, nip: user.nip, action: 'signing.certificate_own_create' });
};

/**
 * The official changes the PIN of their key: the current PIN must open it (a wrong one counts
 * toward the same back-off as signing, and is audited), then the same key is locked under the
 * new PIN. A key a provider holds has no PIN here to change.
 */
export const changeOwnPin = async (deps: AppDeps, actor: Actor, input: { currentPin: string; newPin: string }, ip: string | undefined) => {
  const cert = await deps.db.certificates.currentOf(actor.id);
  if (!cert) throw new AppError('not_found', 'you have no current signing certificate');
  if (!cert.lockedKey)
    throw new AppError('conflict', "this certificate's key is held by its provider: its passphrase is changed there", { problemType: 'pin-held-elsewhere' });
  const problem = pinProblem(input.newPin);
  if (problem)
    throw new AppError('invalid', `the new PIN is not acceptable: ${problem}`, { errors: [{ field: 'newPin', message: problem, code: 'pin_unacceptable' }] });
  const keys = [pinThrottleKey(actor.id)];
  const counts = await countAttempt(deps, keys);
  const key = await deps.signing.ca.unlockKey(cert.lockedKey, input.currentPin).catch(async (e: unknown) => {
    if (!(e instanceof AppError && e.problemType === 'wrong-pin')) throw e;
    await settleFailure(deps, keys, counts);
    await deps.db.audit.append({
      at: deps.clock.now(),
      actorId: actor.id,
      action: 'signing.pin_change_refused',
      targetType: 'user',
      targetId: actor.id,
      details: { ip: ip ?? null },
    });
    throw new AppError('forbidden', 'the current PIN is wrong', {
      problemType: 'wrong-pin',
      errors: [{ field: 'currentPin', message: 'wrong PIN', code: 'wrong_pin' }],
    });
  });
  await settleSuccess(deps, keys);
  const relocked = await deps.signing.ca.lockKey(key, input.newPin);
  await deps.db.transaction(async (tx) => {
    if (!(await tx.certificates.relock(cert.id, cert.lockedKey, relocked)))
      throw new AppError('conflict', 'the certificate changed meanwhile (revoked, replaced or its PIN changed): reload and try again');
    await tx.audit.append({
      at: deps.clock.now(),
      actorId: actor.id,
      action: 'signing.pin_change',
      targetType: 'user',
      targetId: actor.id,
      details: { certificateId: cert.id, ip: ip ?? null },
    });
  });
};
