import type { CertificateAuthority, LetterStamper, PdfSigner, PdfVerifier } from '../../ports/pdf-signing.ts';
import { createCertificateAuthority } from './node-crypto.certificate-authority.ts';
import { createPadesSigner } from './pades.signer.ts';
import { createPadesVerifier } from './pades.verifier.ts';
import { createPdfLibLetterStamper } from './pdf-lib.letter-stamper.ts';

export interface SigningAdapters {
  signer: PdfSigner;
  verifier: PdfVerifier;
  ca: CertificateAuthority;
  stamper: LetterStamper;
}

/**
 * The signing engine: PAdES with Node's crypto, asn1js and pdf-lib. `publicUrl` is where
 * `/verify/<code>` lives (the QR code); `timestampUrl` (TSA_URL) turns on RFC 3161 timestamps.
 */
export const createSigningAdapters = (opts: { publicUrl: string; timestampUrl?: string }): SigningAdapters => ({
  signer: createPadesSigner(opts.timestampUrl ? { timestampUrl: opts.timestampUrl } : {}),
  verifier: createPadesVerifier(),
  ca: createCertificateAuthority(),
  stamper: createPdfLibLetterStamper({ publicUrl: opts.publicUrl }),
});
