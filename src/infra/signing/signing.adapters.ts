import type { CertificateAuthority, LetterStamper, PdfSigner, PdfVerifier } from '../../ports/pdf-signing.ts';
import { createCertificateAuthority } from './node-crypto.certificate-authority.ts';
import { createPadesSigner } from './pades.signer.ts';
import { createThreadedVerifier } from './threaded.verifier.ts';
import type { SigningKeyStore } from '../../ports/signing-key.ts';
import { createLocalKeyStore } from './local.signing-key.ts';
import { createRemoteKeyStore, type RemoteSignerOptions } from './remote.signing-key.ts';
import { createPdfLibLetterStamper } from './pdf-lib.letter-stamper.ts';

export interface SigningAdapters {
  signer: PdfSigner;
  verifier: PdfVerifier;
  ca: CertificateAuthority;
  stamper: LetterStamper;
  /** Where officials' keys live: here, locked under their PIN, or at a provider's signing service. */
  keys: SigningKeyStore;
  /** Stops the verifier's threads. */
  close(): Promise<void>;
}

/**
 * The signing engine: PAdES with Node's crypto, asn1js and pdf-lib. `publicUrl` is where
 * `/verify/<code>` lives (the QR code); `timestampUrl` (TSA_URL) turns on RFC 3161 timestamps; `remoteSigner` (REMOTE_SIGNER_*) sends the
 * officials it names, or the whole office, to a provider's signing service.
 */
export const createSigningAdapters = (opts: { publicUrl: string; timestampUrl?: string; remoteSigner?: RemoteSignerOptions }): SigningAdapters => {
  // Every file checked (an upload to "check a letter", each letter just signed) is parsed in a thread.
  const verifier = createThreadedVerifier();
  const local = createLocalKeyStore();
  return {
    keys: opts.remoteSigner ? createRemoteKeyStore(opts.remoteSigner, local) : local,
    signer: createPadesSigner(opts.timestampUrl ? { timestampUrl: opts.timestampUrl } : {}),
    verifier,
    ca: createCertificateAuthority(),
    stamper: createPdfLibLetterStamper({ publicUrl: opts.publicUrl }),
    close: () => verifier.close(),
  };
};
