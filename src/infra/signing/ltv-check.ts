/**
 * Long-term validation of one signature from the revocation data inside its own CMS: a signer's
 * certificate that has expired is no longer listed by its CA, so whether it was revoked when the
 * letter was signed can only be shown by a revocation list from that time, kept in the file.
 * Each certificate on the path below the trusted root needs a CRL (SignedData `crls`, or the
 * signed attribute adbe-revocationInfoArchival) that its issuer signed, that was current at the
 * signing time (its nextUpdate not before it), and that does not list it as revoked by then.
 */
import { OID } from './asn1.ts';
import type { CertView } from './certificate-view.ts';
import type { ParsedSignedData, ParsedSignerInfo } from './cms.ts';
import { parseCrl, signedBy, type ParsedCrl } from './crl-reader.ts';
import { childrenOf, isContextTag, rawOf } from './der-reader.ts';

export interface RevocationEvidence {
  /** Certificates the CMS carries. */
  certificates: number;
  /** CRLs from SignedData `crls` and from adbe-revocationInfoArchival, DER, each once. */
  crls: Uint8Array[];
  /** OCSP responses archived (counted; Naskah writes none and checks none). */
  ocsps: number;
  /** The signature carries any revocation data at all. */
  present: boolean;
}

export interface LtvFindings {
  ltv: boolean;
  validationData: { certificates: number; crls: number; ocsps: number } | null;
  /** Expired, and nothing in the file shows the certificate was not revoked at signing (also in problems). */
  unprovenAfterExpiry: string | null;
  problems: string[];
}

/** The revocation data a signature carries. Throws when adbe-revocationInfoArchival cannot be read. */
export const revocationEvidence = (sd: ParsedSignedData, si: ParsedSignerInfo): RevocationEvidence => {
  const archived = si.attributes.get(OID.adbeRevocationInfoArchival) ?? [];
  const crls = [...sd.crls];
  let ocsps = 0;
  for (const value of archived) {
    for (const field of childrenOf(value)) {
      // Each field is [n] EXPLICIT SEQUENCE OF …: the list is the one child of the tag.
      const items = childrenOf(childrenOf(field)[0]);
      if (isContextTag(field, 0)) crls.push(...items.map((c) => Uint8Array.from(rawOf(c))));
      else if (isContextTag(field, 1)) ocsps += items.length;
    }
  }
  // A signer puts each list in both places; counted once.
  const distinct = [...new Map(crls.map((c) => [Buffer.from(c).toString('base64'), c])).values()];
  return { certificates: sd.certificates.length, crls: distinct, ocsps, present: archived.length > 0 || sd.crls.length > 0 };
};

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
 * `at`: the signing time judged; `now`: the verifier's present.
 */
export const checkLongTerm = (path: CertView[], anchors: CertView[], evidence: RevocationEvidence, at: Date, now: Date): LtvFindings => {
  const leaf = path[0];
  const expired = !!leaf && now > leaf.notAfter;
  const validationData = evidence.present ? { certificates: evidence.certificates, crls: evidence.crls.length, ocsps: evidence.ocsps } : null;
  const crls = readable(evidence.crls);
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
    if (revokedAt && revokedAt <= at)
      problems.push(
        `the revocation list in the file says the certificate of "${cert.commonName}" was revoked on ${revokedAt.toISOString()}, before this signature`,
      );
  }
  const ltv = covered && problems.length === 0;
  let unprovenAfterExpiry: string | null = null;
  if (!ltv && problems.length === 0 && leaf && expired) {
    const why = evidence.present
      ? 'no revocation list in the signature covers it at the signing time'
      : 'the signature carries no revocation data (PAdES B-LT)';
    unprovenAfterExpiry = `the certificate of "${leaf.commonName}" expired on ${leaf.notAfter.toISOString()} and ${why}, so whether it was revoked when this was signed cannot be shown`;
    problems.push(unprovenAfterExpiry);
  }
  return { ltv, validationData, unprovenAfterExpiry, problems };
};
