/**
 * The office certificate authority with Node's crypto (RSA-2048 keys, SHA-256 signatures) and
 * asn1js structures; PKCS#12 read in-process (pkcs12.ts); keys locked with scrypt + AES-GCM.
 */
import { generateKeyPair as generateKeyPairCb, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { AppError, type FieldError } from '../../domain/errors.ts';
import type { CertificateAuthority, CertificateSubject, SigningCredential } from '../../ports/pdf-signing.ts';
import { lockKey, unlockKey } from './key-lock.ts';
import { readPkcs12 } from './pkcs12.ts';
import { buildCrl } from './crl.ts';
import { buildCertificate, buildName, certificatesFromPem, certificateToPem, describeCertificate, keyIdentifier, pkijsCertificate } from './x509.ts';
import { bytes, der } from './asn1.ts';

const generateKeyPair = promisify(generateKeyPairCb);

const rsaKeyPair = async (): Promise<{ publicKey: KeyObject; privateKey: KeyObject }> =>
  generateKeyPair('rsa', { modulusLength: 2048, publicExponent: 0x10001 });

const checkValidity = (notBefore: Date, notAfter: Date): void => {
  if (
    !(notBefore instanceof Date) ||
    !(notAfter instanceof Date) ||
    Number.isNaN(notBefore.getTime()) ||
    Number.isNaN(notAfter.getTime()) ||
    notAfter <= notBefore
  ) {
    throw new AppError('invalid', 'a certificate needs a validity period that ends after it starts', {
      errors: [{ field: 'notAfter', message: 'must be after notBefore', code: 'before_start' }],
    });
  }
};

const checkSubject = (s: CertificateSubject): void => {
  const errors: FieldError[] = [];
  if (!s.name?.trim()) errors.push({ field: 'name', message: 'required', code: 'required' });
  if (!s.organization?.trim()) errors.push({ field: 'organization', message: 'required', code: 'required' });
  if (s.nip && !/^[A-Za-z0-9 '()+,\-./:=?]+$/.test(s.nip)) errors.push({ field: 'nip', message: 'digits (a PrintableString)', code: 'nip_invalid' });
  if (errors.length) throw new AppError('invalid', 'the certificate subject is incomplete', { errors });
};

export const createCertificateAuthority = (): CertificateAuthority => ({
  async createRoot({ subject, notBefore, notAfter }) {
    checkSubject(subject);
    checkValidity(notBefore, notAfter);
    const { publicKey, privateKey } = await rsaKeyPair();
    const name = buildName(subject);
    const keyId = keyIdentifier(bytes(publicKey.export({ type: 'spki', format: 'der' })));
    const certificate = buildCertificate({
      subject: name,
      issuer: name,
      publicKey,
      issuerKey: privateKey,
      issuerKeyId: keyId,
      notBefore,
      notAfter,
      ca: true,
      keyUsage: ['keyCertSign', 'cRLSign'],
    });
    return { privateKey, certificate, chain: [] };
  },

  async issue(issuer: SigningCredential, { subject, notBefore, notAfter, crlUrl }) {
    checkSubject(subject);
    checkValidity(notBefore, notAfter);
    const info = describeCertificate(issuer.certificate);
    if (!info.isCa || !info.keyUsage.includes('keyCertSign')) throw new AppError('invalid', `${info.commonName} is not a certificate authority`);
    if (notBefore < info.notBefore || notAfter > info.notAfter) {
      throw new AppError('invalid', `the validity must lie within the issuer's (${info.notBefore.toISOString()} – ${info.notAfter.toISOString()})`, {
        errors: [{ field: 'notAfter', message: 'outside the issuer validity', code: 'outside_validity' }],
      });
    }
    const { publicKey, privateKey } = await rsaKeyPair();
    const issuerCert = pkijsCertificate(issuer.certificate);
    const issuerSpki = der(issuerCert.subjectPublicKeyInfo.toSchema());
    const certificate = buildCertificate({
      subject: buildName(subject),
      issuer: der(issuerCert.subject.toSchema()),
      publicKey,
      issuerKey: issuer.privateKey,
      issuerKeyId: keyIdentifier(issuerSpki),
      notBefore,
      notAfter,
      ca: false,
      keyUsage: ['digitalSignature', 'nonRepudiation'],
      ...(crlUrl ? { crlUrl } : {}),
    });
    return { privateKey, certificate, chain: [issuer.certificate, ...issuer.chain] };
  },

  issueCrl: buildCrl,
  readPkcs12: async (p12, password) => readPkcs12(p12, password),
  describe: describeCertificate,
  toPem: certificateToPem,
  fromPem: certificatesFromPem,
  lockKey,
  unlockKey,
});
