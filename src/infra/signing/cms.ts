/**
 * CMS SignedData (RFC 5652) for PAdES: building a detached signature with the content-type,
 * message-digest and signing-certificate-v2 signed attributes (ETSI EN 319 122 / RFC 5035), and
 * parsing and checking one. Whatever holds the key signs (a SigningKey: in-process, a token or a
 * remote service); the signature is checked against the certificate before the CMS is used.
 *
 * Hand-written rather than pkijs. Building, by measurement: pkijs assembles the same
 * bytes (test/unit/infra/signing/cms-pkijs-reference.test.ts checks it, byte for byte) but takes
 * 17–23 ms per CMS against 1.7–2.7 ms here (2 cores), because every certificate and CRL carried
 * is parsed into asn1js objects and encoded again, where `tlv` copies the DER; a signing that
 * lost the race for its letter number builds its CMS while holding the number counter.
 * Reading, for a feature pkijs lacks: strict DER with offsets into the original bytes (der-reader.ts), so the verifier
 * sees exactly what was signed, unsigned parts included, which parse-and-re-encode does not give.
 */
import { createHash, verify } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AppError } from '../../domain/errors.ts';
import type { CertificateDer } from '../../ports/pdf-signing.ts';
import type { SigningKey } from '../../ports/signing-key.ts';
import { algorithm, derSetOf, der, DIGEST_BY_OID, OID, oid, sameBytes, SIGNATURE_DIGEST_BY_OID, TAG, tlv } from './asn1.ts';
import { certView, type CertView } from './certificate-view.ts';
import { parseCrl, signedBy, type ParsedCrl } from './crl-reader.ts';
import {
  childrenOf,
  contentOf,
  DerError,
  type DerNode,
  is,
  isConstructed,
  isContextTag,
  octetsOf,
  oidOfNode,
  rawOf,
  readDer,
  smallInt,
  TAGS,
} from './der-reader.ts';

const attribute = (type: string, ...values: Uint8Array[]): Uint8Array => tlv(TAG.sequence, der(oid(type)), tlv(TAG.set, ...derSetOf(values)));

/** signing-certificate-v2 for `cert`: ESSCertIDv2 with SHA-256 (the default, so no algorithm) and IssuerSerial. */
const signingCertificateV2 = (cert: CertView): Uint8Array => {
  const issuerSerial = tlv(TAG.sequence, tlv(TAG.sequence, tlv(TAG.context4, cert.issuerRaw)), cert.serialRaw);
  const essCertIdV2 = tlv(TAG.sequence, der(new asn1js.OctetString({ valueHex: createHash('sha256').update(cert.der).digest() })), issuerSerial);
  return tlv(TAG.sequence, tlv(TAG.sequence, essCertIdV2));
};

export interface CmsSignInput {
  /** SHA-256 of the signed bytes (the PDF byte range). */
  digest: Uint8Array;
  certificate: CertificateDer;
  chain: CertificateDer[];
  /** What signs the signed attributes. */
  key: SigningKey;
  /** DER CRLs of the chain's issuers (PAdES B-LT): in `crls` and in adbe-revocationInfoArchival. */
  crls?: Uint8Array[];
  /** Fetches an RFC 3161 token over the signature value, when a timestamp authority is configured. */
  timestamp?: (signatureValue: Uint8Array) => Promise<Uint8Array>;
}

/**
 * RevocationInfoArchival ::= SEQUENCE { crl [0] EXPLICIT SEQUENCE OF CRL OPTIONAL, ocsp [1]
 * EXPLICIT SEQUENCE OF OCTET STRING OPTIONAL, otherRevInfo [2] … OPTIONAL }: Adobe Reader looks
 * for a signature's revocation data here, not in SignedData's `crls`.
 */
const revocationInfoArchival = (crls: Uint8Array[]): Uint8Array => tlv(TAG.sequence, tlv(TAG.context0, tlv(TAG.sequence, ...crls)));

/** A detached CMS SignedData in a ContentInfo, DER. */
export const buildDetachedCms = async (input: CmsSignInput): Promise<Uint8Array> => {
  const signer = certView(input.certificate);
  const crls = input.crls ?? [];
  const attrs = derSetOf([
    attribute(OID.contentType, der(oid(OID.data))),
    attribute(OID.messageDigest, der(new asn1js.OctetString({ valueHex: input.digest }))),
    attribute(OID.signingCertificateV2, signingCertificateV2(signer)),
    // Signed, so the revocation data is part of what the signer vouches for, and any change shows.
    ...(crls.length ? [attribute(OID.adbeRevocationInfoArchival, revocationInfoArchival(crls))] : []),
  ]);
  const signedAttrs = tlv(TAG.set, ...attrs);
  const signature = await input.key.sign(signedAttrs, 'sha256WithRSA');
  // A key that is not the certificate's (a wrong row, a service answering for someone else) is caught here, not by readers.
  if (!verify('sha256', signedAttrs, signer.x509.publicKey, signature)) throw new AppError('invalid', 'the private key does not belong to the certificate');
  const unsigned = input.timestamp ? [tlv(TAG.context1, attribute(OID.signatureTimeStampToken, await input.timestamp(signature)))] : [];
  const sha256 = der(algorithm(OID.sha256, false));
  const signerInfo = tlv(
    TAG.sequence,
    der(new asn1js.Integer({ value: 1 })),
    tlv(TAG.sequence, signer.issuerRaw, signer.serialRaw),
    sha256,
    tlv(TAG.context0, ...attrs),
    der(algorithm(OID.rsaEncryption)),
    der(new asn1js.OctetString({ valueHex: signature })),
    ...unsigned,
  );
  const signedData = tlv(
    TAG.sequence,
    der(new asn1js.Integer({ value: 1 })),
    tlv(TAG.set, sha256),
    tlv(TAG.sequence, der(oid(OID.data))),
    tlv(TAG.context0, input.certificate, ...input.chain),
    // crls [1] IMPLICIT RevocationInfoChoices (a SET OF): where generic CMS tools look.
    ...(crls.length ? [tlv(TAG.context1, ...derSetOf(crls))] : []),
    tlv(TAG.set, signerInfo),
  );
  return tlv(TAG.sequence, der(oid(OID.signedData)), tlv(TAG.context0, signedData));
};

// ---- reading (der-reader.ts: strict DER, offsets into the original bytes) ---------------------

export interface ParsedSignerInfo {
  version: number;
  sidIssuer: Uint8Array | null;
  sidSerial: Uint8Array | null;
  sidKeyId: Uint8Array | null;
  digestAlgorithm: string;
  /** The signed attributes as signed: re-tagged SET (0x31). */
  signedAttrs: Uint8Array | null;
  /** Attribute values by type. */
  attributes: Map<string, DerNode[]>;
  unsignedAttributes: Map<string, DerNode[]>;
  signatureAlgorithm: string;
  signature: Uint8Array;
}

export interface ParsedSignedData {
  version: number;
  /** digestAlgorithms, as OIDs. */
  digestAlgorithms: string[];
  certificates: CertView[];
  /** The `crls` field's entries, DER as carried (not read: RevocationInfoChoices may hold other kinds). */
  crls: Uint8Array[];
  eContentType: string | null;
  eContent: Uint8Array | null;
  signerInfos: ParsedSignerInfo[];
}

/** Thrown while reading a SignedData whose shape is not what CMS allows. */
const malformed = (what: string): never => {
  throw new Error(`the signature is not a well-formed CMS SignedData (${what})`);
};

/** Children of a SEQUENCE or SET; throws for anything else. */
const structure = (n: DerNode | undefined, tag: 0x30 | 0x31, what: string): DerNode[] => (is(n, tag) ? childrenOf(n) : malformed(what));

/** An AlgorithmIdentifier whose parameters are absent or NULL (all the algorithms read here). */
const algorithmOid = (n: DerNode | undefined, what: string): string => {
  const [id, params, ...rest] = structure(n, TAGS.sequence, what);
  const value = oidOfNode(id);
  if (!value || rest.length > 0 || (params && !(is(params, TAGS.null) && params.end === params.contentStart))) return malformed(what);
  return value;
};

const attributeMap = (n: DerNode | undefined): Map<string, DerNode[]> => {
  const map = new Map<string, DerNode[]>();
  for (const a of childrenOf(n)) {
    const [type, values, ...rest] = structure(a, TAGS.sequence, 'attribute');
    const id = oidOfNode(type) ?? malformed('attribute type');
    if (rest.length > 0) malformed('attribute');
    map.set(id, [...(map.get(id) ?? []), ...structure(values, TAGS.set, 'attribute values')]);
  }
  return map;
};

const parseSignerInfo = (si: DerNode): ParsedSignerInfo => {
  const f = structure(si, TAGS.sequence, 'SignerInfo');
  const [versionEl, sid, digestAlgEl] = f;
  let i = 3;
  const signedEl = isContextTag(f[i], 0) && isConstructed(f[i]) ? f[i++] : undefined;
  const [sigAlgEl, signatureEl, unsignedEl, ...more] = f.slice(i);
  const version = smallInt(versionEl);
  const signature = octetsOf(signatureEl);
  if (version === null || !signature || more.length || (unsignedEl && !(isContextTag(unsignedEl, 1) && isConstructed(unsignedEl))))
    return malformed('SignerInfo fields');
  let sidIssuer: Uint8Array | null = null;
  let sidSerial: Uint8Array | null = null;
  let sidKeyId: Uint8Array | null = null;
  if (isContextTag(sid, 0) && !isConstructed(sid)) sidKeyId = contentOf(sid);
  else {
    const [issuer, serial, ...x] = structure(sid, TAGS.sequence, 'IssuerAndSerialNumber');
    if (!is(issuer, TAGS.sequence) || !is(serial, TAGS.integer) || x.length) malformed('IssuerAndSerialNumber');
    sidIssuer = rawOf(issuer!);
    sidSerial = rawOf(serial!);
  }
  let signedAttrs: Uint8Array | null = null;
  if (signedEl) {
    signedAttrs = Uint8Array.from(rawOf(signedEl));
    signedAttrs[0] = TAG.set;
  }
  return {
    version,
    sidIssuer,
    sidSerial,
    sidKeyId,
    digestAlgorithm: algorithmOid(digestAlgEl, 'digest algorithm'),
    signedAttrs,
    attributes: attributeMap(signedEl),
    unsignedAttributes: attributeMap(unsignedEl),
    signatureAlgorithm: algorithmOid(sigAlgEl, 'signature algorithm'),
    signature,
  };
};

/**
 * Parses a ContentInfo holding SignedData, strictly: DER (definite, minimal lengths, exact
 * nesting, so no length or nesting was tampered with) and every container with the tag CMS
 * prescribes. Throws with a readable message otherwise. Bytes after the ContentInfo are the
 * caller's business (a PDF pads /Contents with zeros).
 */
export const parseSignedData = (cms: Uint8Array): ParsedSignedData => {
  try {
    const top = readDer(cms);
    const [type, wrapped, ...extra] = structure(top, TAGS.sequence, 'ContentInfo');
    const inner = childrenOf(wrapped);
    if (oidOfNode(type) !== OID.signedData || wrapped?.tag !== TAG.context0 || extra.length || inner.length !== 1) return malformed('not SignedData');
    const parts = structure(inner[0], TAGS.sequence, 'SignedData');
    const [versionEl, digestAlgs, encap, ...rest] = parts;
    const infos = rest.pop();
    const certsEl = rest.find((p) => p.tag === TAG.context0);
    const crlsEl = rest.find((p) => p.tag === TAG.context1);
    const version = smallInt(versionEl);
    // At most certificates [0] then crls [1], each once: no second list may hide beside the one read.
    const order = rest.map((p) => p.tag).join();
    if (version === null || !['', `${TAG.context0}`, `${TAG.context1}`, `${TAG.context0},${TAG.context1}`].includes(order)) malformed('SignedData fields');
    const [eContentTypeEl, eContentWrap, ...encapRest] = structure(encap, TAGS.sequence, 'EncapsulatedContentInfo');
    if (encapRest.length || (eContentWrap && eContentWrap.tag !== TAG.context0)) malformed('EncapsulatedContentInfo');
    const eContentChildren = childrenOf(eContentWrap);
    if (eContentWrap && (eContentChildren.length !== 1 || !octetsOf(eContentChildren[0]))) malformed('eContent');
    const certificates = childrenOf(certsEl).map((c) => {
      structure(c, TAGS.sequence, 'certificate');
      return certView(Uint8Array.from(rawOf(c)));
    });
    return {
      version: version!,
      digestAlgorithms: structure(digestAlgs, TAGS.set, 'digestAlgorithms').map((a) => algorithmOid(a, 'digest algorithm')),
      certificates,
      crls: childrenOf(crlsEl).map((c) => Uint8Array.from(rawOf(c))),
      eContentType: oidOfNode(eContentTypeEl),
      eContent: eContentWrap ? octetsOf(eContentChildren[0]) : null,
      signerInfos: structure(infos, TAGS.set, 'SignerInfos').map(parseSignerInfo),
    };
  } catch (err) {
    if (err instanceof DerError) malformed(err.message);
    throw err;
  }
};

export interface SignerCheck {
  signer: CertView | null;
  /** The digest, the signature over the signed attributes, and the ESS certificate binding all hold. */
  ok: boolean;
  problems: string[];
}

/** Node's digest name for a signer info's digest algorithm, or null. */
export const digestName = (si: ParsedSignerInfo) => DIGEST_BY_OID[si.digestAlgorithm] ?? null;

/**
 * Checks one signer info against the digest of the signed content: content-type (when
 * `expectedContentType`), message-digest, the signature over the signed attributes, and the
 * ESS signing certificate (v2, or v1) when present or `requireEss`.
 */
export const checkSignerInfo = (
  sd: ParsedSignedData,
  si: ParsedSignerInfo,
  contentDigest: Uint8Array,
  opts: { expectedContentType: string; requireEss: boolean; extraCertificates?: CertView[] },
): SignerCheck => {
  const problems: string[] = [];
  const pool = [...sd.certificates, ...(opts.extraCertificates ?? [])];
  const signer =
    pool.find(
      (c) =>
        (si.sidIssuer && si.sidSerial && sameBytes(c.issuerRaw, si.sidIssuer) && sameBytes(c.serialRaw, si.sidSerial)) ||
        (si.sidKeyId && c.subjectKeyId && sameBytes(c.subjectKeyId, si.sidKeyId)),
    ) ?? null;
  if (!signer) problems.push("the signer's certificate is not in the signature");
  const hash = digestName(si);
  if (!hash) problems.push(`unsupported digest algorithm ${si.digestAlgorithm}`);
  if (!si.signedAttrs) {
    problems.push('the signature has no signed attributes');
    return { signer, ok: false, problems };
  }
  const ct = oidOfNode(si.attributes.get(OID.contentType)?.[0]);
  if (ct !== opts.expectedContentType) problems.push('the content-type attribute is missing or wrong');
  const md = octetsOf(si.attributes.get(OID.messageDigest)?.[0]);
  if (!md) problems.push('the message-digest attribute is missing');
  else if (!sameBytes(md, contentDigest)) problems.push('the document digest does not match the signature: the signed bytes were changed');

  if (signer && hash) {
    const sigAlg = si.signatureAlgorithm ?? '';
    if (!(sigAlg in SIGNATURE_DIGEST_BY_OID)) problems.push(`unsupported signature algorithm ${sigAlg}`);
    else {
      let good = false;
      try {
        good = verify(SIGNATURE_DIGEST_BY_OID[sigAlg] ?? hash, si.signedAttrs, signer.x509.publicKey, si.signature);
      } catch {
        good = false;
      }
      if (!good) problems.push('the cryptographic signature does not verify with the signer certificate');
    }
    problems.push(...essProblems(si, signer, opts.requireEss));
  }
  return { signer, ok: problems.length === 0, problems };
};

/** signing-certificate-v2 (or v1) must name exactly the signer's certificate. */
const essProblems = (si: ParsedSignerInfo, signer: CertView, required: boolean): string[] => {
  const v2 = si.attributes.get(OID.signingCertificateV2)?.[0];
  const v1 = si.attributes.get(OID.signingCertificate)?.[0];
  if (!v2 && !v1) return required ? ['the signing-certificate-v2 attribute is missing'] : [];
  try {
    // SigningCertificate(V2) ::= SEQUENCE { certs SEQUENCE OF ESSCertID(v2), policies OPTIONAL }
    const first = childrenOf(childrenOf(v2 ?? v1)[0])[0];
    const f = childrenOf(first);
    let hashName = 'sha1';
    let certHash: Uint8Array | null;
    if (v2) {
      const hasAlg = is(f[0], TAGS.sequence);
      hashName = hasAlg ? (DIGEST_BY_OID[algorithmOid(f[0], 'ESS hash algorithm')] ?? '') : 'sha256';
      certHash = octetsOf(hasAlg ? f[1] : f[0]);
    } else certHash = octetsOf(f[0]);
    if (!hashName || !certHash) return ['the signing-certificate attribute cannot be read'];
    return sameBytes(createHash(hashName).update(signer.der).digest(), certHash)
      ? []
      : ['the signing-certificate attribute names a different certificate than the one that signed'];
  } catch {
    return ['the signing-certificate attribute cannot be read'];
  }
};

export const ALTERED = 'the signature value was altered: ';

/**
 * The parts of a SignedData its signature does not cover must still be exactly what a signer
 * writes, so that no byte can change unnoticed: versions, the digest algorithm list, the
 * content type, every certificate carried (each must verify under a certificate the
 * signature carries or the verifier trusts; a damaged copy of a root would otherwise go unseen,
 * since paths are built through the trusted copy), and every CRL in `crls` (each must be a list
 * one of those certificates signed: a revocation list is evidence only as its issuer wrote it).
 */
export const unsignedPartProblems = (sd: ParsedSignedData, si: ParsedSignerInfo, eContentType: string, anchors: CertView[]): string[] => {
  const p: string[] = [];
  if (sd.version !== 1 && sd.version !== 3) p.push(`${ALTERED}SignedData version ${sd.version}`);
  if (si.version !== (si.sidKeyId ? 3 : 1)) p.push(`${ALTERED}SignerInfo version ${si.version}`);
  if (sd.digestAlgorithms.length !== 1 || sd.digestAlgorithms[0] !== si.digestAlgorithm)
    p.push(`${ALTERED}its digest algorithm list does not match the signer's`);
  if (sd.eContentType !== eContentType) p.push(`${ALTERED}its content type is not the expected one`);
  const pool = [...sd.certificates, ...anchors];
  for (const c of sd.certificates) {
    // Only "is this certificate's signature intact": trust (CA flags, key usage) is chainToAnchor's.
    if (!pool.some((issuer) => sameBytes(c.issuerRaw, issuer.subjectRaw) && c.x509.verify(issuer.x509.publicKey)))
      p.push(`${ALTERED}the certificate "${c.commonName}" it carries is damaged or unsigned`);
  }
  for (const der of sd.crls) {
    let crl: ParsedCrl | null = null;
    try {
      crl = parseCrl(der);
    } catch {
      crl = null;
    }
    if (!crl || !pool.some((issuer) => signedBy(crl, issuer)))
      p.push(`${ALTERED}a revocation list it carries is damaged or not signed by a certificate it names`);
  }
  return p;
};
