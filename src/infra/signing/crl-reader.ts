/**
 * Reads an X.509 CRL (RFC 5280 section 5) as a verifier needs it: who issued it, the period it
 * speaks for, which serials it lists, and whether a given CA's key signed it. Used for CRLs
 * embedded in a signature (CMS crls, adbe-revocationInfoArchival), which anyone could have put
 * there: a list counts only once its signature verifies under the issuer's certificate (`signedBy`).
 */
import { verify } from 'node:crypto';
import { sameBytes, SIGNATURE_DIGEST_BY_OID } from './asn1.ts';
import type { CertView } from './certificate-view.ts';
import { childrenOf, contentOf, generalizedTime, is, oidOfNode, rawOf, readDer, TAGS, type DerNode } from './der-reader.ts';

export interface ParsedCrl {
  der: Uint8Array;
  /** The issuer Name, as encoded (compared byte for byte with a certificate's issuer). */
  issuerRaw: Uint8Array;
  thisUpdate: Date;
  nextUpdate: Date | null;
  /** Serial (upper-case hex, no leading zero bytes, as CertView.serialHex) → revocation date. */
  revoked: Map<string, Date>;
  tbs: Uint8Array;
  signatureAlgorithm: string | null;
  signature: Uint8Array;
}

const UTC_TIME = 0x17;

/** UTCTime "YYMMDDHHMMSSZ" (RFC 5280: years 50–99 are 19xx) or GeneralizedTime. */
const timeOf = (n: DerNode | undefined): Date | null => {
  if (!is(n, UTC_TIME)) return generalizedTime(n);
  const m = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(Buffer.from(contentOf(n)).toString('latin1'));
  if (!m) return null;
  const yy = Number(m[1]);
  return new Date(Date.UTC(yy < 50 ? 2000 + yy : 1900 + yy, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
};

const serialHex = (n: DerNode): string =>
  Buffer.from(contentOf(n))
    .toString('hex')
    .toUpperCase()
    .replace(/^(00)+(?=.)/, '');

/** Throws when `der` is not a CRL. */
export const parseCrl = (der: Uint8Array): ParsedCrl => {
  const [tbsNode, algNode, sigNode] = childrenOf(readDer(der));
  if (!is(tbsNode, TAGS.sequence) || !is(algNode, TAGS.sequence) || !is(sigNode, TAGS.bitString)) throw new Error('not a certificate revocation list');
  const tbs = childrenOf(tbsNode);
  let i = is(tbs[0], TAGS.integer) ? 1 : 0; // version (v2) is optional
  i++; // the signature algorithm, repeated inside
  const issuer = tbs[i++];
  const thisUpdate = timeOf(tbs[i++]);
  const maybeNext = tbs[i];
  const nextUpdate = is(maybeNext, UTC_TIME) || is(maybeNext, TAGS.generalizedTime) ? (i++, timeOf(maybeNext)) : null;
  const revoked = new Map<string, Date>();
  const list = tbs[i];
  if (is(list, TAGS.sequence)) {
    for (const entry of childrenOf(list)) {
      const [serial, when] = childrenOf(entry);
      const at = timeOf(when);
      if (!is(serial, TAGS.integer) || !at) throw new Error('a revoked entry cannot be read');
      revoked.set(serialHex(serial), at);
    }
  }
  if (!is(issuer, TAGS.sequence) || !thisUpdate) throw new Error('the revocation list has no issuer or date');
  const bits = contentOf(sigNode);
  return {
    der,
    issuerRaw: rawOf(issuer),
    thisUpdate,
    nextUpdate,
    revoked,
    tbs: rawOf(tbsNode),
    signatureAlgorithm: oidOfNode(childrenOf(algNode)[0]),
    signature: bits.subarray(1), // the first octet counts unused bits: 0 for a signature
  };
};

/** `issuer` names the list's issuer and its key verifies the list's signature. */
export const signedBy = (crl: ParsedCrl, issuer: CertView): boolean => {
  const digest = crl.signatureAlgorithm ? SIGNATURE_DIGEST_BY_OID[crl.signatureAlgorithm] : null;
  if (!digest || !sameBytes(crl.issuerRaw, issuer.subjectRaw)) return false;
  try {
    return verify(digest, crl.tbs, issuer.x509.publicKey, crl.signature);
  } catch {
    return false;
  }
};
