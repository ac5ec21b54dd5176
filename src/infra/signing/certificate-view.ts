/**
 * Certificates as the CMS code needs them (raw issuer and serial for matching a signer, key,
 * validity) and path building to trust anchors with Node's X509Certificate, which verifies each
 * link natively. Parsed views are cached by fingerprint: the same few certificates recur.
 */
import { createHash, X509Certificate } from 'node:crypto';
import type * as asn1js from 'asn1js';
import type { CertificateDer } from '../../ports/pdf-signing.ts';
import { children, integerHex, isContext, parse, raw, sameBytes } from './asn1.ts';

export interface CertView {
  der: Uint8Array;
  x509: X509Certificate;
  fingerprint: string;
  issuerRaw: Uint8Array;
  subjectRaw: Uint8Array;
  serialRaw: Uint8Array;
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  commonName: string;
  issuerName: string;
  subjectKeyId: Uint8Array | null;
  /** Extended key usage OIDs, [] when absent. */
  extKeyUsage: string[];
}

const cache = new Map<string, CertView>();
const CACHE_MAX = 512;

const toDate = (el: asn1js.AsnType): Date => (el as asn1js.UTCTime).toDate();

/** The last CN of a Name (or, without one, the whole Name as Node prints it). */
const cnOf = (name: asn1js.AsnType, fallback: string): string => {
  let cn: string | null = null;
  for (const rdn of children(name)) {
    for (const atv of children(rdn)) {
      const [type, value] = children(atv);
      if ((type as asn1js.ObjectIdentifier).valueBlock.toString() === '2.5.4.3') cn = String((value as asn1js.BaseStringBlock).valueBlock.value);
    }
  }
  return cn ?? fallback.replace(/\n/g, ', ');
};

/** A certificate's view; throws when the bytes are not an X.509 certificate. */
export const certView = (der: CertificateDer): CertView => {
  const fingerprint = createHash('sha256').update(der).digest('hex');
  const hit = cache.get(fingerprint);
  if (hit) return hit;
  const x509 = new X509Certificate(der);
  const tbs = children(children(parse(der, 'certificate'))[0]);
  const off = isContext(tbs[0], 0) ? 1 : 0;
  const [serialEl, , issuerEl, validityEl, subjectEl] = tbs.slice(off);
  const [nb, na] = children(validityEl);
  let subjectKeyId: Uint8Array | null = null;
  let extKeyUsage: string[] = [];
  const extsWrap = tbs.find((e) => isContext(e, 3));
  for (const ext of children(children(extsWrap)[0])) {
    const [id, ...rest] = children(ext);
    const value = (rest[rest.length - 1] as asn1js.OctetString | undefined)?.valueBlock.valueHexView;
    const oid = (id as asn1js.ObjectIdentifier).valueBlock.toString();
    if (!value) continue;
    if (oid === '2.5.29.14') subjectKeyId = (parse(value, 'ski') as asn1js.OctetString).valueBlock.valueHexView;
    if (oid === '2.5.29.37') extKeyUsage = children(parse(value, 'eku')).map((e) => (e as asn1js.ObjectIdentifier).valueBlock.toString());
  }
  const view: CertView = {
    der,
    x509,
    fingerprint,
    issuerRaw: raw(issuerEl!),
    subjectRaw: raw(subjectEl!),
    serialRaw: raw(serialEl!),
    serialHex: integerHex(serialEl),
    notBefore: toDate(nb!),
    notAfter: toDate(na!),
    commonName: cnOf(subjectEl!, x509.subject),
    issuerName: cnOf(issuerEl!, x509.issuer),
    subjectKeyId,
    extKeyUsage,
  };
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
  cache.set(fingerprint, view);
  return view;
};

/** `child` names `parent` as issuer and `parent`'s key verifies `child`'s signature. */
const issuedBy = (child: CertView, parent: CertView): boolean =>
  sameBytes(child.issuerRaw, parent.subjectRaw) && child.x509.checkIssued(parent.x509) && child.x509.verify(parent.x509.publicKey);

export interface ChainResult {
  trusted: boolean;
  /** From the leaf up, ending at an anchor when trusted. */
  path: CertView[];
  problems: string[];
}

/**
 * Builds a path from `leaf` through `pool` to one of `anchors`; every certificate on it must be
 * valid at `at`, and every issuer a CA.
 */
export const chainToAnchor = (leaf: CertView, pool: CertView[], anchors: CertView[], at: Date): ChainResult => {
  const path = [leaf];
  const anchorPrints = new Set(anchors.map((a) => a.fingerprint));
  let current = leaf;
  let trusted = false;
  for (let depth = 0; depth < 8; depth++) {
    if (anchorPrints.has(current.fingerprint)) {
      trusted = true;
      break;
    }
    const parent =
      anchors.find((a) => issuedBy(current, a)) ?? pool.find((c) => !path.includes(c) && c.fingerprint !== current.fingerprint && issuedBy(current, c));
    if (!parent) break;
    path.push(parent);
    current = parent;
  }
  const problems: string[] = [];
  if (!trusted) {
    problems.push(
      sameBytes(current.issuerRaw, current.subjectRaw) && current.x509.verify(current.x509.publicKey)
        ? current === leaf
          ? `the signer's certificate "${leaf.commonName}" is self-signed, not a trusted root`
          : `the certificate chain ends at "${current.commonName}", which is not a trusted root`
        : `the certificate chain of "${leaf.commonName}" does not lead to a trusted root`,
    );
  }
  for (const [i, c] of path.entries()) {
    if (at < c.notBefore || at > c.notAfter)
      problems.push(
        `the certificate "${c.commonName}" was not valid at ${at.toISOString()} (valid ${c.notBefore.toISOString()} – ${c.notAfter.toISOString()})`,
      );
    if (i > 0 && !c.x509.ca) problems.push(`"${c.commonName}" is not a certificate authority but issued "${path[i - 1]!.commonName}"`);
  }
  return { trusted: trusted && problems.length === 0, path, problems };
};
