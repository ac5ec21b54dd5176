import type { Actor } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';
import type { BackoffPolicy } from '../../domain/login-backoff.ts';
import { assertCanSign } from '../../domain/signing/certificate-validity.ts';
import { CertificateUnusableError } from '../../domain/signing/errors.ts';
import type { SigningKey } from '../../ports/signing-key.ts';
import type { UserRecord } from '../../ports/repositories.ts';
import type { SigningCertificateRecord } from '../../ports/signing-repositories.ts';
import type { AppDeps } from '../deps.ts';
import { countAttempt, settleFailure, settleSuccess, type ThrottleKey } from '../accounts/login-throttle.ts';
import { checkSecondFactor } from '../accounts/two-factor.ts';

/**
 * Wrong PINs and codes per signer: three free (typos), then a doubling wait from 30 seconds up
 * to an hour. With the second factor needed for every try, guessing a PIN online is hopeless.
 */
export const PIN_BACKOFF: BackoffPolicy = { freeFailures: 3, baseMs: 30_000, maxMs: 3600_000 };

export const pinThrottleKey = (userId: string): ThrottleKey => ({ key: `pin:${userId}`, policy: PIN_BACKOFF });

/**
 * The certificate the signer signs with now: their current one, valid at `at` (its issuers too).
 * Revoked, expired, not yet valid, or none: AppError `invalid` (422) saying which.
 */
export const usableCertificate = async (deps: AppDeps, userId: string, at: Date): Promise<SigningCertificateRecord> => {
  const cert = await deps.db.certificates.currentOf(userId);
  if (!cert) {
    const last = (await deps.db.certificates.listOf(userId))[0];
    if (last?.revokedAt)
      throw new CertificateUnusableError('revoked', `your certificate was revoked on ${last.revokedAt.toISOString()}; an admin issues a new one`);
    throw new AppError('invalid', 'you have no signing certificate: an admin issues or imports one (POST /api/v1/users/<id>/certificate)', {
      problemType: 'no-certificate',
    });
  }
  const facts = (der: Uint8Array) => {
    const i = deps.signing.ca.describe(der);
    return { commonName: i.commonName, notBefore: i.notBefore, notAfter: i.notAfter, keyUsage: i.keyUsage };
  };
  assertCanSign({ ...facts(cert.certificate), revokedAt: cert.revokedAt }, cert.chain.map(facts), at);
  return cert;
};

/** Refused before anything is tried: the second factor is part of every signature. */
export const requireSecondFactorInput = (user: UserRecord, totp: string | undefined): string => {
  if (!user.totpEnabledAt)
    throw new AppError('forbidden', 'signing needs two-factor login: turn it on first (POST /api/v1/auth/totp/setup)', {
      problemType: 'totp-enrolment-required',
    });
  if (!totp?.trim())
    throw new AppError('forbidden', 'signing needs a fresh code from your authenticator app (totp)', {
      problemType: 'totp-required',
      errors: [{ field: 'totp', message: 'required', code: 'totp_required' }],
    });
  return totp;
};

/** An opened key, and how the signing reports what became of the signer's secret. */
export interface UnlockedKey {
  key: SigningKey;
  /**
   * After the first signature: the secret was right (a remote service checks the passphrase
   * only when it signs, so only then are the failures forgiven).
   */
  accepted(): Promise<void>;
  /**
   * For an error of the first signature: a refused passphrase is counted, audited and answered
   * like a wrong PIN (403); any other error is thrown as it is (and, when the secret was not
   * proved yet, the attempt is given back: an outage is not a wrong guess).
   */
  refused(e: unknown): Promise<never>;
}

/**
 * Opens the signer's key: the attempt is counted against `pin:<userId>` first (429 while
 * locked), then the second factor is spent (a code works once), then the PIN opens the key
 * (a key kept here) or is kept as the passphrase the provider's service checks when it signs.
 * The code comes first so that without the phone nobody learns whether a PIN is right. A wrong
 * code, PIN or passphrase locks the key for as long as the failures call for and is audited;
 * nothing else changes. The key lives only in memory.
 */
export const unlockSigningKey = async (
  deps: AppDeps,
  actor: Actor,
  user: UserRecord,
  cert: SigningCertificateRecord,
  input: { pin: string; totp: string; letterId: string; ip: string | undefined },
): Promise<UnlockedKey> => {
  const keys = [pinThrottleKey(user.id)];
  let counts: Map<string, number>;
  try {
    counts = await countAttempt(deps, keys);
  } catch (e) {
    if (e instanceof AppError && e.code === 'rate_limited') {
      throw new AppError(
        'rate_limited',
        'too many wrong PINs or codes: wait before signing again',
        e.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: e.retryAfterSeconds },
      );
    }
    throw e;
  }
  const refuse = async (reason: 'totp' | 'pin', error: AppError): Promise<never> => {
    const locked = await settleFailure(deps, keys, counts);
    await deps.db.audit.append({
      at: deps.clock.now(),
      actorId: actor.id,
      action: 'letter.outgoing_sign_refused',
      targetType: 'outgoing_letter',
      targetId: input.letterId,
      details: { reason, ip: input.ip ?? null, ...(locked.length ? { lockedUntil: locked[0]!.until.toISOString() } : {}) },
    });
    throw error;
  };
  if (!(await checkSecondFactor(deps, user, input.totp))) {
    await refuse(
      'totp',
      new AppError('forbidden', 'the code is wrong, expired or already used', {
        problemType: 'totp-invalid',
        errors: [{ field: 'totp', message: 'wrong, expired or used', code: 'totp_wrong' }],
      }),
    );
  }
  const refusedSecret = async (e: unknown): Promise<never> => {
    if (e instanceof AppError && e.problemType === 'wrong-pin')
      await refuse(
        'pin',
        new AppError('forbidden', 'the PIN is wrong', { problemType: 'wrong-pin', errors: [{ field: 'pin', message: 'wrong PIN', code: 'wrong_pin' }] }),
      );
    if (e instanceof AppError && e.problemType === 'wrong-passphrase') {
      await refuse(
        'pin',
        new AppError('forbidden', "the provider's signing service refused the passphrase (send it as pin)", {
          problemType: 'wrong-passphrase',
          errors: [{ field: 'pin', message: 'wrong passphrase', code: 'wrong_passphrase' }],
        }),
      );
    }
    throw e;
  };
  const signer = { userId: user.id, username: user.username };
  const opened = await deps.signing.keys.open(signer, cert, input.pin).catch(refusedSecret);
  if (opened.secretChecked) await settleSuccess(deps, keys);
  return {
    key: opened.key,
    accepted: async () => (opened.secretChecked ? undefined : settleSuccess(deps, keys)),
    async refused(e) {
      if (opened.secretChecked) throw e;
      // The secret was neither proved nor refused (the service is down): the attempt is given back, not counted.
      if (!(e instanceof AppError && (e.problemType === 'wrong-pin' || e.problemType === 'wrong-passphrase')))
        await deps.db.loginThrottle.forgive(keys[0]!.key).catch(() => undefined);
      return refusedSecret(e);
    },
  };
};
