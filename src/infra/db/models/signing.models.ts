import type { Sequelize } from 'sequelize';
import { bool, date, type DbBool, type DbDate, key, str, table, text } from './columns.ts';

/** A row of `signing_authority`. */
export interface SigningAuthorityRow {
  id: string;
  certificate: string;
  lockedKey: string;
  serial: string;
  sha256: string;
  subject: string;
  notAfter: DbDate;
  createdBy: string | null;
  createdAt: DbDate;
}

/** A row of `signing_trust_anchors`. */
export interface TrustAnchorRow {
  sha256: string;
  certificate: string;
  subject: string;
  notAfter: DbDate;
  addedBy: string;
  addedAt: DbDate;
}

/** A row of `signing_certificates`. */
export interface SigningCertificateRow {
  id: string;
  userId: string;
  currentUserId: string | null;
  source: string;
  serial: string;
  issuer: string;
  sha256: string;
  commonName: string;
  title: string | null;
  nip: string | null;
  notBefore: DbDate;
  notAfter: DbDate;
  certificate: string;
  chain: string;
  lockedKey: string;
  revokedAt: DbDate | null;
  revokedBy: string | null;
  revocationReason: string | null;
  createdBy: string;
  createdAt: DbDate;
}

/** A row of `signed_letters`. */
export interface SignedLetterRow {
  code: string;
  letterId: string;
  documentId: string;
  sha256: string;
  letterNumber: string;
  subject: string;
  securityLevel: string;
  signerId: string;
  signerName: string;
  signerTitle: string;
  certificateId: string;
  certificateSerial: string;
  signedAt: DbDate;
  timestamped: DbBool;
  subjectType: string;
}

/** A row of `signing_claims`. */
export interface SigningClaimRow {
  letterId: string;
  holder: string;
  expiresAt: DbDate;
}

/** A row of `office_seals`. */
export interface OfficeSealRow {
  serial: string;
  certificate: string;
  chain: string;
  lockedKey: string;
  commonName: string;
  notAfter: DbDate;
  createdAt: DbDate;
}

/** Migration 004's tables (signing) and 007's office seal. */
export const defineSigningModels = (s: Sequelize) => ({
  SigningAuthority: table<SigningAuthorityRow>(s, 'SigningAuthority', 'signing_authority', {
    id: key(str()),
    certificate: text(),
    lockedKey: text(),
    serial: str(),
    sha256: str(),
    subject: str(),
    notAfter: date(),
    createdBy: str(),
    createdAt: date(),
  }),
  TrustAnchor: table<TrustAnchorRow>(s, 'TrustAnchor', 'signing_trust_anchors', {
    sha256: key(str()),
    certificate: text(),
    subject: str(),
    notAfter: date(),
    addedBy: str(),
    addedAt: date(),
  }),
  SigningCertificate: table<SigningCertificateRow>(s, 'SigningCertificate', 'signing_certificates', {
    id: key(str()),
    userId: str(),
    currentUserId: str(),
    source: str(),
    serial: str(),
    issuer: str(),
    sha256: str(),
    commonName: str(),
    title: str(),
    nip: str(),
    notBefore: date(),
    notAfter: date(),
    certificate: text(),
    chain: text(),
    lockedKey: text(),
    revokedAt: date(),
    revokedBy: str(),
    revocationReason: str(),
    createdBy: str(),
    createdAt: date(),
  }),
  SignedLetter: table<SignedLetterRow, 'subjectType'>(s, 'SignedLetter', 'signed_letters', {
    code: key(str()),
    letterId: str(),
    documentId: str(),
    sha256: str(),
    letterNumber: str(),
    subject: str(),
    securityLevel: str(),
    signerId: str(),
    signerName: str(),
    signerTitle: str(),
    certificateId: str(),
    certificateSerial: str(),
    signedAt: date(),
    timestamped: bool(),
    subjectType: str(),
  }),
  SigningClaim: table<SigningClaimRow>(s, 'SigningClaim', 'signing_claims', { letterId: key(str()), holder: str(), expiresAt: date() }),
  OfficeSeal: table<OfficeSealRow>(s, 'OfficeSeal', 'office_seals', {
    serial: key(str()),
    certificate: text(),
    chain: text(),
    lockedKey: text(),
    commonName: str(),
    notAfter: date(),
    createdAt: date(),
  }),
});
