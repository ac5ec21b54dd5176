/**
 * X.509 certificate revocation lists (RFC 5280 section 5), v2, signed sha256WithRSA by the
 * issuing CA: what a PDF reader or OpenSSL fetches from a certificate's CRL Distribution Point
 * to learn that a certificate was revoked.
 */
import { sign } from 'node:crypto';
import * as asn1js from 'asn1js';
import type { CrlInput, SigningCredential } from '../../ports/pdf-signing.ts';
import { algorithm, der, OID, parse } from './asn1.ts';
import { authorityKeyId, extension, keyIdentifier, pkijsCertificate, time } from './x509.ts';

/** A non-negative integer (a serial in hex, a CRL number) as a DER INTEGER. */
const unsignedInteger = (bytes: Buffer) => new asn1js.Integer({ valueHex: bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes });

const serialInteger = (hex: string) => {
  // A DER INTEGER is signed: a serial whose first bit is set needs a leading zero.
  return unsignedInteger(Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex'));
};

const numberInteger = (n: number) => {
  const hex = BigInt(n).toString(16);
  return unsignedInteger(Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex'));
};

export const buildCrl = (issuer: SigningCredential, input: CrlInput): Uint8Array => {
  const cert = pkijsCertificate(issuer.certificate);
  const keyId = keyIdentifier(der(cert.subjectPublicKeyInfo.toSchema()));
  const entries = [...input.entries]
    .sort((a, b) => a.revokedAt.getTime() - b.revokedAt.getTime() || a.serial.localeCompare(b.serial))
    .map((e) => new asn1js.Sequence({ value: [serialInteger(e.serial), time(e.revokedAt)] }));
  const tbs = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 1 }), // v2
      algorithm(OID.sha256WithRSA),
      cert.subject.toSchema(),
      time(input.thisUpdate),
      time(input.nextUpdate),
      // An empty list is left out, not encoded empty (RFC 5280 5.1.2.6).
      ...(entries.length ? [new asn1js.Sequence({ value: entries })] : []),
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 0 },
        value: [
          new asn1js.Sequence({
            value: [extension(OID.authorityKeyIdentifier, false, authorityKeyId(keyId)), extension(OID.crlNumber, false, numberInteger(input.number))],
          }),
        ],
      }),
    ],
  });
  const tbsDer = der(tbs);
  const signature = sign('sha256', tbsDer, issuer.privateKey);
  return der(new asn1js.Sequence({ value: [parse(tbsDer, 'tbs'), algorithm(OID.sha256WithRSA), new asn1js.BitString({ valueHex: signature })] }));
};
