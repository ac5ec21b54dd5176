/**
 * Long-term validation of one signature from the file's own Document Security Store: a signer's
 * certificate that has expired is no longer listed by its CA, so whether it was revoked when the
 * letter was signed can only be shown by a revocation list from that time, kept in the file.
 * Each certificate on the path below the trusted root needs a CRL in the DSS that its issuer
 * signed, that was current at the signing time (its nextUpdate not before it), and that does not
 * list it as revoked by then.
 */
import type { CertView } from './certificate-view.ts';
import { parseCrl, signedBy, type ParsedCrl } from './crl-reader.ts';
import type { EmbeddedValidationData } from './dss.reader.ts';
import { vriKey } from './dss.writer.ts';

export interface LtvFindings {
  ltv: boolean;
  validationData: { certificates: number; crls: number; ocsps: number; vri: boolean } | null;
  problems: string[];
}

const readable = (crls: Uint8Array[]): ParsedCrl[] =>
  crls.flatMap((der) => {
    try {
      return [parseCrl(der)];
    } catch {
      return []; // an unreadable list proves nothing; it is simply not evidence
    }
  });

/**
 * `path`: the chain from the signer's certificate up (ending at a trust anchor when trusted);
 * `contents`: the signature's /Contents bytes (its VRI key); `at`: the signing time judged.
 */
export const checkLongTerm = (path: CertView[], anchors: CertView[], data: EmbeddedValidationData | null, contents: Uint8Array, at: Date, now: Date): LtvFindings => {
  const leaf = path[0];
  const expired = !!leaf && now > leaf.notAfter;
  const noEvidence = (why: string) => (leaf && expired ? [`the certificate of "${leaf.commonName}" expired on ${leaf.notAfter.toISOString()} and ${why}, so whether it was revoked when this was signed cannot be shown`] : []);
  if (!data) return { ltv: false, validationData: null, problems: noEvidence('the file carries no validation data (PAdES B-LT)') };
  const vri = data.vri.get(vriKey(contents));
  const validationData = { certificates: data.certificates.length, crls: data.crls.length, ocsps: data.ocsps, vri: !!vri };
  const crls = readable([...data.crls, ...(vri?.crls ?? [])]);
  const anchorPrints = new Set(anchors.map((a) => a.fingerprint));
  const problems: string[] = [];
  let covered = path.length > 1;
  for (const [i, cert] of path.entries()) {
    if (anchorPrints.has(cert.fingerprint)) break;
    const issuer = path[i + 1];
    const list = issuer && crls.find((c) => signedBy(c, issuer) && (c.nextUpdate ?? c.thisUpdate) >= at);
    if (!list) {
      covered = false;
      continue;
    }
    const revokedAt = list.revoked.get(cert.serialHex);
    if (revokedAt && revokedAt <= at) problems.push(`the revocation list in the file says the certificate of "${cert.commonName}" was revoked on ${revokedAt.toISOString()}, before this signature`);
  }
  const ltv = !!vri && covered && problems.length === 0;
  if (!ltv && problems.length === 0) problems.push(...noEvidence(vri ? 'no revocation list in the file covers it at the signing time' : 'the file\'s validation data has no entry for this signature'));
  return { ltv, validationData, problems };
};
