import type { CertificateAuthority, LetterStamper, PdfSigner, PdfVerifier } from '../../ports/pdf-signing.ts';
import { createCertificateAuthority } from './node-crypto.certificate-authority.ts';
import { createPadesSigner } from './pades.signer.ts';
import { createThreadedVerifier } from './threaded.verifier.ts';
import { createPdfLibLetterStamper } from './pdf-lib.letter-stamper.ts';

export interface SigningAdapters {
  signer: PdfSigner;
  verifier: PdfVerifier;
  ca: CertificateAuthority;
  stamper: LetterStamper;
  /** Stops the verifier's threads. */
  close(): Promise<void>;
}

/**
 * The signing engine: PAdES with Node's crypto, asn1js and pdf-lib. `publicUrl` is where
 * `/verify/<code>` lives (the QR code); `timestampUrl` (TSA_URL) turns on RFC 3161 timestamps.
 */
export const createSigningAdapters = (opts: { publicUrl: string; timestampUrl?: string }): SigningAdapters => {
  // Every file checked (an upload to "check a letter", each letter just signed) is parsed in a thread.
  const verifier = createThreadedVerifier();
  return {
    signer: createPadesSigner(opts.timestampUrl ? { timestampUrl: opts.timestampUrl } : {}),
    verifier,
    ca: createCertificateAuthority(),
    stamper: createPdfLibLetterStamper({ publicUrl: opts.publicUrl }),
    close: () => verifier.close(),
  };
};
