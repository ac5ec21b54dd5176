/**
 * X.509 certificates: building (RSA keys from Node's crypto, structures with asn1js, the
 * signature with `crypto.sign`) and reading (pkijs) into CertificateInfo.
 */
import { createHash, randomBytes, sign, X509Certificate, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { AppError } from '../../domain/errors.ts';
import type { CertificateDer, CertificateInfo, CertificateSubject, KeyUsage } from '../../ports/pdf-signing.ts';
import { algorithm, bytes, der, OID, oid, parse } from './asn1.ts';

const KEY_USAGE_BITS: KeyUsage[] = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign'];

/** A Name with one attribute per RDN, in encoding order (country/organization first, CN last). */
export const buildName = (s: CertificateSubject): asn1js.Sequence => {
  const rdn = (type: string, value: asn1js.BaseStringBlock | asn1js.PrintableString) =>
    new asn1js.Set({ value: [new asn1js.Sequence({ value: [oid(type), value] })] });
  const rdns = [rdn(OID.organization, new asn1js.Utf8String({ value: s.organization }))];
  if (s.title) rdns.push(rdn(OID.title, new asn1js.Utf8String({ value: s.title })));
  // X.520 serialNumber is a PrintableString; a NIP is 18 digits.
  if (s.nip) rdns.push(rdn(OID.serialNumber, new asn1js.PrintableString({ value: s.nip })));
  rdns.push(rdn(OID.commonName, new asn1js.Utf8String({ value: s.name })));
  return new asn1js.Sequence({ value: rdns });
};

/** RFC 5280: UTCTime through 2049, GeneralizedTime from 2050; whole seconds. */
export const time = (d: Date) => {
  const t = new Date(Math.floor(d.getTime() / 1000) * 1000);
  return t.getUTCFullYear() < 2050 ? new asn1js.UTCTime({ valueDate: t }) : new asn1js.GeneralizedTime({ valueDate: t });
};

const keyUsageBits = (usages: KeyUsage[]): asn1js.BitString => {
  let mask = 0;
  for (const u of usages) mask |= 0x80 >> KEY_USAGE_BITS.indexOf(u);
  const last = Math.max(...usages.map((u) => KEY_USAGE_BITS.indexOf(u)));
  // DER: named bits, trailing zero bits dropped.
  return new asn1js.BitString({ valueHex: new Uint8Array([mask]), unusedBits: 7 - last });
};

export const extension = (id: string, critical: boolean, value: asn1js.AsnType) =>
  new asn1js.Sequence({ value: [oid(id), ...(critical ? [new asn1js.Boolean({ value: true })] : []), new asn1js.OctetString({ valueHex: der(value) })] });

/** SHA-1 of the subjectPublicKey bits (RFC 5280 4.2.1.2 method 1). */
export const keyIdentifier = (spkiDer: Uint8Array): Uint8Array => {
  const spki = parse(spkiDer, 'public key') as asn1js.Sequence;
  const bits = spki.valueBlock.value[1] as asn1js.BitString;
  return createHash('sha1').update(bits.valueBlock.valueHexView).digest();
};

export interface CertificateSpec {
  subject: asn1js.Sequence;
  issuer: asn1js.Sequence | Uint8Array;
  publicKey: KeyObject;
  /** Signs the TBS certificate. */
  issuerKey: KeyObject;
  issuerKeyId: Uint8Array;
  notBefore: Date;
  notAfter: Date;
  ca: boolean;
  keyUsage: KeyUsage[];
  /** Where relying parties fetch the issuer's CRL (the CRL Distribution Points extension). */
  crlUrl?: string;
}

/** [0] fullName [0] GeneralNames { [6] uniformResourceIdentifier } of one distribution point (RFC 5280 4.2.1.13). */
const crlDistributionPoints = (url: string) =>
  new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [
          new asn1js.Constructed({
            idBlock: { tagClass: 3, tagNumber: 0 },
            value: [
              new asn1js.Constructed({
                idBlock: { tagClass: 3, tagNumber: 0 },
                value: [new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 6 }, valueHex: new TextEncoder().encode(url) })],
              }),
            ],
          }),
        ],
      }),
    ],
  });

/** The AuthorityKeyIdentifier value: [0] keyIdentifier. */
export const authorityKeyId = (keyId: Uint8Array) =>
  new asn1js.Sequence({ value: [new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: keyId })] });

/** Builds and signs a v3 certificate (sha256WithRSAEncryption). */
export const buildCertificate = (spec: CertificateSpec): CertificateDer => {
  const spkiDer = bytes(spec.publicKey.export({ type: 'spki', format: 'der' }));
  const serial = randomBytes(16);
  serial[0] = (serial[0]! & 0x7f) | 0x40; // positive, 16 octets, never a leading zero
  const sigAlg = algorithm(OID.sha256WithRSA);
  const extensions = [
    extension(OID.basicConstraints, true, new asn1js.Sequence({ value: spec.ca ? [new asn1js.Boolean({ value: true })] : [] })),
    extension(OID.keyUsage, true, keyUsageBits(spec.keyUsage)),
    extension(OID.subjectKeyIdentifier, false, new asn1js.OctetString({ valueHex: keyIdentifier(spkiDer) })),
    extension(OID.authorityKeyIdentifier, false, authorityKeyId(spec.issuerKeyId)),
    ...(spec.crlUrl ? [extension(OID.crlDistributionPoints, false, crlDistributionPoints(spec.crlUrl))] : []),
  ];
  const issuer = spec.issuer instanceof Uint8Array ? parse(spec.issuer, 'issuer name') : spec.issuer;
  const tbs = new asn1js.Sequence({
    value: [
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Integer({ value: 2 })] }),
      new asn1js.Integer({ valueHex: serial }),
      sigAlg,
      issuer,
      new asn1js.Sequence({ value: [time(spec.notBefore), time(spec.notAfter)] }),
      spec.subject,
      parse(spkiDer, 'public key'),
      new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 3 }, value: [new asn1js.Sequence({ value: extensions })] }),
    ],
  });
  const tbsDer = der(tbs);
  const signature = sign('sha256', tbsDer, spec.issuerKey);
  return der(new asn1js.Sequence({ value: [parse(tbsDer, 'tbs'), algorithm(OID.sha256WithRSA), new asn1js.BitString({ valueHex: signature })] }));
};

/** A certificate parsed by pkijs; AppError `invalid` when the bytes are not one. */
export const pkijsCertificate = (certificate: CertificateDer): pkijs.Certificate => {
  try {
    return new pkijs.Certificate({ schema: parse(certificate, 'certificate') });
  } catch (err) {
    throw new AppError('invalid', 'not an X.509 certificate', { cause: err });
  }
};

const attr = (name: pkijs.RelativeDistinguishedNames, type: string): string | null => {
  const found = name.typesAndValues.find((t) => t.type === type);
  return found ? String((found.value as asn1js.BaseStringBlock).valueBlock.value) : null;
};

const SHORT: Record<string, string> = {
  [OID.commonName]: 'CN',
  [OID.organization]: 'O',
  [OID.organizationalUnit]: 'OU',
  [OID.title]: 'title',
  [OID.serialNumber]: 'serialNumber',
  [OID.country]: 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

/** "CN=…, O=…": most specific first (RFC 4514). */
export const dnString = (name: pkijs.RelativeDistinguishedNames): string =>
  [...name.typesAndValues]
    .reverse()
    .map((t) => `${SHORT[t.type] ?? t.type}=${String((t.value as asn1js.BaseStringBlock).valueBlock?.value ?? '').replace(/([,+"\\<>;])/g, '\\$1')}`)
    .join(', ');

/** The certificate's extension value parsed with asn1js, or null. */
const extensionValue = (cert: pkijs.Certificate, id: string): asn1js.AsnType | null => {
  const ext = cert.extensions?.find((e) => e.extnID === id);
  return ext ? parse(ext.extnValue.valueBlock.valueHexView, id) : null;
};

export const keyUsageOf = (cert: pkijs.Certificate): KeyUsage[] => {
  const ku = extensionValue(cert, OID.keyUsage);
  if (!(ku instanceof asn1js.BitString)) return [];
  const view = ku.valueBlock.valueHexView;
  return KEY_USAGE_BITS.filter((_, i) => i < view.length * 8 && ((view[i >> 3] ?? 0) & (0x80 >> (i & 7))) !== 0);
};

export const isCaOf = (cert: pkijs.Certificate): boolean => {
  const bc = extensionValue(cert, OID.basicConstraints);
  const first = bc instanceof asn1js.Sequence ? bc.valueBlock.value[0] : undefined;
  return first instanceof asn1js.Boolean && first.valueBlock.value;
};

const described = new Map<string, CertificateInfo>();

/** CertificateInfo of a certificate; cached by its SHA-256 (signing describes the same chain every time). */
export const describeCertificate = (certificate: CertificateDer): CertificateInfo => {
  const sha256 = createHash('sha256').update(certificate).digest('hex');
  const hit = described.get(sha256);
  if (hit) return { ...hit, keyUsage: [...hit.keyUsage] };
  const info = describeUncached(certificate, sha256);
  if (described.size >= 512) described.delete(described.keys().next().value!);
  described.set(sha256, info);
  return { ...info, keyUsage: [...info.keyUsage] };
};

const describeUncached = (certificate: CertificateDer, sha256: string): CertificateInfo => {
  const c = pkijsCertificate(certificate);
  const x509 = new X509Certificate(certificate);
  const subject = dnString(c.subject);
  const issuerCn = attr(c.issuer, OID.commonName);
  return {
    commonName: attr(c.subject, OID.commonName) ?? subject,
    title: attr(c.subject, OID.title),
    nip: attr(c.subject, OID.serialNumber),
    organization: attr(c.subject, OID.organization),
    subject,
    issuer: issuerCn ?? dnString(c.issuer),
    serial: Buffer.from(c.serialNumber.valueBlock.valueHexView)
      .toString('hex')
      .toUpperCase()
      .replace(/^(00)+(?=.)/, ''),
    notBefore: c.notBefore.value,
    notAfter: c.notAfter.value,
    isCa: isCaOf(c),
    selfSigned: c.subject.isEqual(c.issuer) && x509.verify(x509.publicKey),
    keyUsage: keyUsageOf(c),
    sha256,
  };
};

export const certificateToPem = (certificate: CertificateDer): string =>
  `-----BEGIN CERTIFICATE-----\n${Buffer.from(certificate)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;

export const certificatesFromPem = (pem: string): CertificateDer[] =>
  [...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map(
    (m) => new Uint8Array(Buffer.from(m[1]!.replace(/\s+/g, ''), 'base64')),
  );
