/**
 * Verifies every signature in a PDF by itself: byte range (domain rules), digest, CMS signature
 * over the signed attributes, signing-certificate-v2, the chain to the given trust anchors, and
 * an RFC 3161 signature timestamp when present, and long-term validation data (revocation
 * lists inside the CMS, ltv-check.ts). Pure computation over the bytes: no network, no registry.
 *
 * Every byte of the file is accounted for: the byte range is covered by the digest; in the gap,
 * the CMS's signed parts by its signature, its unsigned parts by `unsignedPartProblems`, the
 * timestamp token by the TSA's signature and the same rules, and the rest of /Contents must be
 * zero padding in one case of hex; nothing may follow the range. So a change anywhere makes the
 * signature not intact or not covering the document.
 */
import { createHash } from 'node:crypto';
import { checkByteRange } from '../../domain/signing/byte-range.ts';
import { isSigningKeyUsage } from '../../domain/signing/certificate-validity.ts';
import { verdict } from '../../domain/signing/verdict.ts';
import type { CertificateDer, PdfVerifier, SignatureReport, VerificationReport, VerifyOptions } from '../../ports/pdf-signing.ts';
import { OID, sameBytes } from './asn1.ts';
import { certView, chainToAnchor, type CertView } from './certificate-view.ts';
import { ALTERED, checkSignerInfo, digestName, parseSignedData, unsignedPartProblems, type ParsedSignerInfo } from './cms.ts';
import { rawOf } from './der-reader.ts';
import { checkLongTerm, revocationEvidence } from './ltv-check.ts';
import { findSignatures, type FoundSignature } from './pdf-signature-scan.ts';
import { parseTstInfo } from './rfc3161.timestamp-client.ts';
import { describeCertificate } from './x509.ts';

const SUBFILTERS = new Set(['ETSI.CAdES.detached', 'adbe.pkcs7.detached']);
/** How far a claimed signing time may lie in the future (clock skew). */
const FUTURE_SKEW_MS = 5 * 60_000;

interface TimestampResult {
  present: boolean;
  /** The token is unaltered and is over this signature value. */
  intact: boolean;
  /** Made by a timestamping certificate that chains to an anchor. */
  trusted: boolean;
  genTime: Date | null;
  problems: string[];
}

/** Checks the signature-time-stamp over `si`'s signature value. */
const checkTimestamp = (si: ParsedSignerInfo, anchors: CertView[]): TimestampResult => {
  const token = si.unsignedAttributes.get(OID.signatureTimeStampToken);
  if (!token) return { present: false, intact: true, trusted: false, genTime: null, problems: [] };
  const broken = (why: string): TimestampResult => ({ present: true, intact: false, trusted: false, genTime: null, problems: [`timestamp: ${why}`] });
  if (token.length !== 1 || si.unsignedAttributes.size !== 1) return broken('the unsigned attributes are not a single timestamp');
  try {
    const sd = parseSignedData(Uint8Array.from(rawOf(token[0]!)));
    const tsi = sd.signerInfos[0];
    if (!sd.eContent || !tsi || sd.signerInfos.length !== 1) return broken('not a single-signer RFC 3161 token');
    const tst = parseTstInfo(sd.eContent);
    if (!tst.hashAlgorithm || !tst.hashedMessage || !tst.genTime) return broken('its TSTInfo cannot be read');
    const problems: string[] = [];
    if (!sameBytes(createHash(tst.hashAlgorithm).update(si.signature).digest(), tst.hashedMessage)) problems.push('it is over a different signature value');
    const hash = digestName(tsi);
    const check = checkSignerInfo(sd, tsi, hash ? createHash(hash).update(sd.eContent).digest() : new Uint8Array(), {
      expectedContentType: OID.tstInfo,
      requireEss: false,
      extraCertificates: anchors,
    });
    problems.push(...check.problems, ...unsignedPartProblems(sd, tsi, OID.tstInfo, anchors));
    const intact = problems.length === 0;
    let trusted = false;
    if (check.signer) {
      if (!check.signer.extKeyUsage.includes(OID.timeStamping)) problems.push('it was not made by a timestamping certificate');
      const chain = chainToAnchor(check.signer, sd.certificates, anchors, tst.genTime);
      trusted = chain.trusted && check.signer.extKeyUsage.includes(OID.timeStamping);
      problems.push(...chain.problems.map((p) => `authority: ${p}`));
    }
    return { present: true, intact, trusted, genTime: tst.genTime, problems: problems.map((p) => `timestamp: ${p}`) };
  } catch (err) {
    return broken(`it cannot be read (${(err as Error).message})`);
  }
};

/** Outer DER length of the element at the start of `b` (0 when unreadable). */
const derLength = (b: Uint8Array): number => {
  if (b.length < 2) return 0;
  const first = b[1]!;
  if (first < 0x80) return 2 + first;
  const n = first & 0x7f;
  if (n === 0 || n > 4 || b.length < 2 + n) return 0;
  let len = 0;
  for (let i = 0; i < n; i++) len = len * 256 + b[2 + i]!;
  return 2 + n + len;
};

/** What else in /Contents must hold: the CMS is followed by zero padding only, written in one case. */
const contentsProblems = (value: Uint8Array, mixedCase: boolean): string[] => {
  const p: string[] = [];
  const len = derLength(value);
  if (len === 0 || len > value.length || value.subarray(len).some((b) => b !== 0)) p.push(`${ALTERED}the bytes after it are not zero padding`);
  if (mixedCase) p.push(`${ALTERED}its hex digits mix upper and lower case`);
  return p;
};

const unchecked = { ltv: false, validationData: null, unprovenAfterExpiry: null } as const;

const checkOne = (pdf: Uint8Array, found: FoundSignature, anchors: CertView[], now: Date): SignatureReport => {
  // The scan refused the file (too many signature objects): nothing in it was checked.
  if (found.refused)
    return {
      signer: null,
      signedAt: null,
      intact: false,
      coversWholeDocument: false,
      trusted: false,
      timestamped: false,
      ...unchecked,
      problems: [found.refused],
    };
  const problems: string[] = [];
  const range = checkByteRange(found.byteRange, pdf.length, found.contents && { start: found.contents.start, end: found.contents.end });
  problems.push(...range.problems);
  const report = (fields: Partial<SignatureReport>): SignatureReport => ({
    signer: null,
    signedAt: found.claimedTime,
    intact: false,
    coversWholeDocument: range.coversWholeDocument,
    trusted: false,
    timestamped: false,
    ...unchecked,
    problems,
    ...fields,
  });
  if (found.subFilter && !SUBFILTERS.has(found.subFilter)) problems.push(`unsupported signature type ${found.subFilter}`);
  const value = found.contents?.value;
  if (!value || value.length === 0 || value.every((b) => b === 0)) {
    problems.push('the signature is empty');
    return report({});
  }
  let sd;
  try {
    sd = parseSignedData(value);
  } catch (err) {
    problems.push(`the signature value cannot be read (${(err as Error).message})`);
    return report({});
  }
  const si = sd.signerInfos[0];
  if (!si || sd.signerInfos.length !== 1) {
    problems.push('the signature does not have exactly one signer');
    return report({});
  }
  const altered = [...contentsProblems(value, found.contents!.mixedCase), ...unsignedPartProblems(sd, si, OID.data, anchors)];
  if (sd.eContent) altered.push('the signature is not detached');
  problems.push(...altered);
  // The digest is computed only over a well-formed range; otherwise nothing here is intact.
  let digest = new Uint8Array();
  const hash = digestName(si);
  if (range.wellFormed && hash) {
    const [o1, l1, o2, l2] = found.byteRange!;
    digest = createHash(hash)
      .update(pdf.subarray(o1!, o1! + l1!))
      .update(pdf.subarray(o2!, o2! + l2!))
      .digest();
  }
  const check = checkSignerInfo(sd, si, digest, { expectedContentType: OID.data, requireEss: found.subFilter === 'ETSI.CAdES.detached' });
  problems.push(...check.problems);
  const ts = checkTimestamp(si, anchors);
  problems.push(...ts.problems);
  if (!ts.present && si.unsignedAttributes.size > 0) problems.push(`${ALTERED}it carries unsigned attributes other than a timestamp`);
  const gapIsContents =
    !!found.contents && !!found.byteRange && found.contents.start === found.byteRange[0]! + found.byteRange[1]! && found.contents.end === found.byteRange[2];
  const intact = check.ok && range.wellFormed && gapIsContents && altered.length === 0 && ts.intact && (ts.present || si.unsignedAttributes.size === 0);

  const timestamped = ts.present && ts.intact && ts.trusted;
  const signedAt = timestamped ? ts.genTime : found.claimedTime;
  if (!timestamped && found.claimedTime && found.claimedTime.getTime() > now.getTime() + FUTURE_SKEW_MS)
    problems.push('the claimed signing time is in the future');
  let trusted = false;
  let longTerm = { ...unchecked } as Pick<SignatureReport, 'ltv' | 'validationData' | 'unprovenAfterExpiry'>;
  if (check.signer) {
    // Certificates are judged at the proven time when there is one, else at the claimed time.
    const chain = chainToAnchor(check.signer, sd.certificates, anchors, signedAt ?? now);
    const forSigning = isSigningKeyUsage(describeCertificate(check.signer.der).keyUsage);
    if (!forSigning) problems.push(`the certificate of "${check.signer.commonName}" is not meant for signatures (key usage)`);
    trusted = chain.trusted && forSigning;
    problems.push(...chain.problems);
    const lt = checkLongTerm(chain.path, anchors, revocationEvidence(sd, si), signedAt ?? now, now);
    problems.push(...lt.problems);
    longTerm = { ltv: lt.ltv, validationData: lt.validationData, unprovenAfterExpiry: lt.unprovenAfterExpiry };
  }
  const signer = check.signer ? { commonName: check.signer.commonName, serial: check.signer.serialHex, issuer: check.signer.issuerName } : null;
  return report({ signer, signedAt, intact, trusted, timestamped, ...longTerm });
};

export const createPadesVerifier = (opts: { now?: () => Date } = {}): PdfVerifier => ({
  async verify(pdf: Uint8Array, trustAnchors: CertificateDer[], options: VerifyOptions = {}): Promise<VerificationReport> {
    const anchors: CertView[] = [];
    for (const a of trustAnchors) {
      try {
        anchors.push(certView(a));
      } catch {
        // An unreadable anchor trusts nothing; the others still count.
      }
    }
    const now = options.now ?? (opts.now ?? (() => new Date()))();
    const signatures = findSignatures(pdf).map((f) => {
      try {
        return checkOne(pdf, f, anchors, now);
      } catch (err) {
        // Whatever a damaged signature throws (a key OpenSSL cannot decode, …), it is not intact.
        return {
          signer: null,
          signedAt: f.claimedTime,
          intact: false,
          coversWholeDocument: false,
          trusted: false,
          timestamped: false,
          ...unchecked,
          problems: [`the signature cannot be checked (${(err as Error).message})`],
        };
      }
    });
    return { signatures, ...verdict(signatures) };
  },
});
