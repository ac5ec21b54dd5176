/**
 * Keys held here: the official's key kept locked under their PIN in their certificate row
 * (issued by the office CA or imported from a provider's PKCS#12), and keys already in memory
 * (the office seal, a PKCS#12 under test). They sign in-process with Node's crypto.
 */
import { sign } from 'node:crypto';
import { AppError } from '../../domain/errors.ts';
import type { SigningCredential } from '../../ports/pdf-signing.ts';
import type { SigningKey, SigningKeyStore } from '../../ports/signing-key.ts';
import { unlockKey } from './key-lock.ts';

const HASH = { sha256WithRSA: 'sha256' } as const;

export const inMemorySigningKey = (credential: SigningCredential): SigningKey => ({
  certificates: async () => [credential.certificate, ...credential.chain],
  sign: async (data, algorithm) => new Uint8Array(sign(HASH[algorithm], data, credential.privateKey)),
});

/** Every official's key is the one locked in their certificate row. */
export const createLocalKeyStore = (): SigningKeyStore => ({
  externalCertificates: async () => null,
  async open(_signer, stored, pin) {
    if (!stored.lockedKey)
      throw new AppError('invalid', "this certificate has no key kept here: it signs through the provider's signing service, which is not configured", {
        problemType: 'no-certificate',
      });
    const privateKey = await unlockKey(stored.lockedKey, pin);
    return { key: inMemorySigningKey({ privateKey, certificate: stored.certificate, chain: stored.chain }), secretChecked: true };
  },
  inMemory: inMemorySigningKey,
});
