import { randomBytes } from 'node:crypto';
import { AppError } from '../../domain/errors.ts';
import type { SigningCredential } from '../../ports/pdf-signing.ts';
import type { AppDeps } from '../deps.ts';
import { trustAnchorCertificates } from './trust-anchors.ts';

/**
 * Signs a throwaway one-line letter with `credential` and checks it with the office's trust
 * anchors: the one test that the key belongs to the certificate, that the certificate may
 * sign, and that its chain leads to a root the office trusts (so letters it signs will verify).
 * Only the signer's own chain counts here, not a timestamp. Throws AppError `invalid` otherwise.
 */
export const proveCredential = async (deps: AppDeps, credential: SigningCredential, at: Date): Promise<void> => {
  const key = randomBytes(9).toString('base64url');
  const letter = await deps.letterRenderer.render({
    officeName: 'Naskah',
    unitName: null,
    placeAndDate: '-',
    letterNumber: 'UJI',
    attachments: null,
    subject: 'Uji sertifikat',
    addressee: '-',
    body: 'Uji tanda tangan elektronik.',
    signer: { title: '-', name: '-' },
    documentKey: `naskah:certificate-test:${key}`,
    renderedAt: at,
  });
  const stamped = await deps.signing.stamper.stamp(
    letter.pdf,
    { name: 'Uji', title: 'Uji', date: '-', letterNumber: 'UJI', verifyCode: `uji${key}` },
    { area: letter.signatureArea },
  );
  const signed = await deps.signing.signer.sign(stamped, deps.signing.keys.inMemory(credential), { signedAt: at });
  const report = await deps.signing.verifier.verify(signed.pdf, await trustAnchorCertificates(deps));
  const sig = report.signatures[0];
  if (!sig?.intact)
    throw new AppError('invalid', `a test signature with this certificate does not verify: ${sig?.problems.join('; ') || 'no signature'}`, {
      problemType: 'certificate-unusable',
    });
  if (!sig.trusted) {
    const why = sig.problems.filter((p) => !p.startsWith('timestamp')).join('; ');
    throw new AppError(
      'invalid',
      `the certificate does not lead to a root the office trusts${why ? ` (${why})` : ''}: add the provider's root first (POST /api/v1/signing/trust-anchors)`,
      {
        problemType: 'certificate-untrusted',
      },
    );
  }
};
