import { createHash } from 'node:crypto';
import { leafKey, leafText, type LogLeaf } from '../../domain/public-log/leaf.ts';
import type { SignedSubjectType } from '../../ports/signing-repositories.ts';
import type { Repositories } from '../../ports/repositories.ts';

const KIND: Record<SignedSubjectType, LogLeaf['kind']> = { outgoing: 'letter', disposal: 'disposal-minutes', transfer: 'transfer-minutes' };

/** SHA-256 (hex) of a certificate's DER: the fingerprint a leaf names the signer by. */
export const certificateFingerprint = (der: Uint8Array): string => createHash('sha256').update(der).digest('hex');

/**
 * Queues the public-log leaf of a letter or minutes just signed, in the transaction that
 * registers it (an outbox): it commits with the signing or not at all, and the sequencer appends
 * it to the tree soon after. One leaf per signed PDF (its SHA-256 is the key).
 */
export const queueLogLeaf = async (
  tx: Repositories,
  o: { subjectType: SignedSubjectType; number: string; sha256: string; certificateSha256: string; signedAt: Date; now: Date },
): Promise<void> => {
  const leaf: LogLeaf = { kind: KIND[o.subjectType], number: o.number, sha256: o.sha256, certificate: o.certificateSha256, signedAt: o.signedAt };
  await tx.publicLog.enqueue(leafKey(leaf), leafText(leaf), o.now);
};
