/**
 * ASN.1 helpers and object identifiers shared by the signing adapters: asn1js for building and
 * for the cold paths (certificates, PKCS#12), `tlv` to assemble DER from parts whose bytes must
 * be kept. The hot verification path reads with der-reader.ts.
 */
import * as asn1js from 'asn1js';

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  encryptedData: '1.2.840.113549.1.7.6',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimeStampToken: '1.2.840.113549.1.9.16.2.14',
  /** Adobe's signed attribute carrying revocation data (RevocationInfoArchival). */
  adbeRevocationInfoArchival: '1.2.840.113583.1.1.8',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  sha1: '1.3.14.3.2.26',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha1WithRSA: '1.2.840.113549.1.1.5',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  sha384WithRSA: '1.2.840.113549.1.1.12',
  sha512WithRSA: '1.2.840.113549.1.1.13',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
  ecdsaWithSHA384: '1.2.840.10045.4.3.3',
  ecdsaWithSHA512: '1.2.840.10045.4.3.4',
  ecPublicKey: '1.2.840.10045.2.1',
  commonName: '2.5.4.3',
  serialNumber: '2.5.4.5',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  title: '2.5.4.12',
  country: '2.5.4.6',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  crlDistributionPoints: '2.5.29.31',
  crlNumber: '2.5.29.20',
  extKeyUsage: '2.5.29.37',
  timeStamping: '1.3.6.1.5.5.7.3.8',
} as const;

/** Digest OIDs Node can compute, by Node's name. */
export const DIGEST_BY_OID: Record<string, 'sha1' | 'sha256' | 'sha384' | 'sha512'> = {
  [OID.sha1]: 'sha1',
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
};

/** Signature algorithm OIDs → the digest they imply (null: the digest comes from the signer info). */
export const SIGNATURE_DIGEST_BY_OID: Record<string, 'sha1' | 'sha256' | 'sha384' | 'sha512' | null> = {
  [OID.rsaEncryption]: null,
  [OID.sha1WithRSA]: 'sha1',
  [OID.sha256WithRSA]: 'sha256',
  [OID.sha384WithRSA]: 'sha384',
  [OID.sha512WithRSA]: 'sha512',
  [OID.ecdsaWithSHA256]: 'sha256',
  [OID.ecdsaWithSHA384]: 'sha384',
  [OID.ecdsaWithSHA512]: 'sha512',
  [OID.ecPublicKey]: null,
};

export const bytes = (b: ArrayBuffer | ArrayBufferView): Uint8Array =>
  b instanceof Uint8Array ? b : ArrayBuffer.isView(b) ? new Uint8Array(b.buffer, b.byteOffset, b.byteLength) : new Uint8Array(b);

/** Parses exactly one BER element (trailing bytes, such as /Contents zero padding, are ignored). */
export const parse = (der: Uint8Array, what: string): asn1js.AsnType => {
  const r = asn1js.fromBER(der);
  if (r.offset === -1 || r.result.error) throw new Error(`${what}: not valid ASN.1 (${r.result.error || 'unreadable'})`);
  return r.result;
};

/** The DER of a freshly built element. */
export const der = (el: { toBER(sizeOnly?: boolean): ArrayBuffer }): Uint8Array => new Uint8Array(el.toBER(false));

export const oid = (value: string) => new asn1js.ObjectIdentifier({ value });

/** AlgorithmIdentifier with NULL parameters (digests and RSA), or none (ECDSA). */
export const algorithm = (id: string, withNull = true) => new asn1js.Sequence({ value: withNull ? [oid(id), new asn1js.Null()] : [oid(id)] });

/** Children of a constructed element, or [] for anything else. */
export const children = (el: unknown): asn1js.AsnType[] => {
  const v = (el as { valueBlock?: { value?: unknown } } | undefined)?.valueBlock?.value;
  return Array.isArray(v) ? (v as asn1js.AsnType[]) : [];
};

/** The original encoding of a parsed element. */
export const raw = (el: asn1js.AsnType): Uint8Array => (el as asn1js.BaseBlock).valueBeforeDecodeView;

export const oidOf = (el: unknown): string | null => (el instanceof asn1js.ObjectIdentifier ? el.valueBlock.toString() : null);

/** Contents of an OCTET STRING, primitive or constructed (BER chunks are joined; PKCS#12 files use both). */
export const octets = (el: unknown): Uint8Array | null => {
  if (!(el instanceof asn1js.OctetString)) return null;
  if (!el.idBlock.isConstructed) return el.valueBlock.valueHexView;
  const parts = children(el).map((c) => octets(c));
  return parts.some((p) => p === null) ? null : Buffer.concat(parts as Uint8Array[]);
};

/** A context-specific [n] element's contents as raw bytes (IMPLICIT OCTET STRING, maybe chunked). */
export const implicitOctets = (el: asn1js.AsnType): Uint8Array => {
  const b = el as asn1js.BaseBlock & { valueBlock: { valueHexView?: Uint8Array; value?: asn1js.AsnType[] } };
  if (!b.idBlock.isConstructed) return b.valueBlock.valueHexView ?? new Uint8Array();
  return Buffer.concat((b.valueBlock.value ?? []).map((c) => octets(c) ?? new Uint8Array()));
};

export const isContext = (el: unknown, tag: number): boolean => {
  const id = (el as asn1js.BaseBlock | undefined)?.idBlock;
  return !!id && id.tagClass === 3 && id.tagNumber === tag;
};

export const integerHex = (el: unknown): string =>
  el instanceof asn1js.Integer
    ? Buffer.from(el.valueBlock.valueHexView)
        .toString('hex')
        .toUpperCase()
        .replace(/^(00)+(?=.)/, '')
    : '';

export const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);

/** DER length octets. */
const lengthOctets = (n: number): Uint8Array => {
  if (n < 0x80) return Uint8Array.of(n);
  const out: number[] = [];
  for (let x = n; x > 0; x = Math.floor(x / 256)) out.unshift(x & 0xff);
  return Uint8Array.of(0x80 | out.length, ...out);
};

/**
 * One DER element from a tag and already-encoded contents. Used to assemble structures from
 * parts whose exact bytes must be kept (certificates, signed attributes, a timestamp token).
 */
export const tlv = (tag: number, ...parts: Uint8Array[]): Uint8Array => {
  const body = Buffer.concat(parts);
  return Buffer.concat([Uint8Array.of(tag), lengthOctets(body.length), body]);
};

export const TAG = { sequence: 0x30, set: 0x31, context0: 0xa0, context1: 0xa1, context4: 0xa4, octetString: 0x04 } as const;

/** SET OF in DER order: elements sorted by their encodings. */
export const derSetOf = (elements: Uint8Array[]): Uint8Array[] => [...elements].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
