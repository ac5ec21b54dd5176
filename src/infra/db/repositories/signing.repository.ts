import { Op, type Transaction, UniqueConstraintError } from 'sequelize';
import type { CertificateDer } from '../../../ports/pdf-signing.ts';
import type {
  CertificateRepository,
  CertificateSource,
  OfficeCaRecord,
  SignedLetterRecord,
  SignedLetterRepository,
  SignedSubjectType,
  SigningCertificateRecord,
  TrustAnchorRecord,
} from '../../../ports/signing-repositories.ts';
import type { SealRecord, SealRepository } from '../../../ports/records-repositories.ts';
import type { Models } from '../models.ts';
import { mapAll, mapOne, type RawRow, str, strOrNull, toDate, toDateOrNull, toNum } from './row.ts';

const OFFICE_CA_ID = 'office';

const der = (v: unknown): CertificateDer => new Uint8Array(Buffer.from(str(v), 'base64'));
const b64 = (d: CertificateDer): string => Buffer.from(d).toString('base64');
const bool = (v: unknown): boolean => v === true || v === 1 || v === '1';

const toCa = (r: RawRow): OfficeCaRecord => ({
  certificate: der(r.certificate),
  lockedKey: str(r.lockedKey),
  serial: str(r.serial),
  sha256: str(r.sha256),
  subject: str(r.subject),
  notAfter: toDate(r.notAfter),
  createdBy: strOrNull(r.createdBy),
  createdAt: toDate(r.createdAt),
});

const toAnchor = (r: RawRow): TrustAnchorRecord => ({
  sha256: str(r.sha256),
  certificate: der(r.certificate),
  subject: str(r.subject),
  notAfter: toDate(r.notAfter),
  addedBy: str(r.addedBy),
  addedAt: toDate(r.addedAt),
});

const toCert = (r: RawRow): SigningCertificateRecord => ({
  id: str(r.id),
  userId: str(r.userId),
  source: str(r.source) as CertificateSource,
  serial: str(r.serial),
  issuer: str(r.issuer),
  sha256: str(r.sha256),
  commonName: str(r.commonName),
  title: strOrNull(r.title),
  nip: strOrNull(r.nip),
  notBefore: toDate(r.notBefore),
  notAfter: toDate(r.notAfter),
  certificate: der(r.certificate),
  chain: (JSON.parse(str(r.chain)) as string[]).map(der),
  lockedKey: str(r.lockedKey),
  current: r.currentUserId !== null && r.currentUserId !== undefined,
  revokedAt: toDateOrNull(r.revokedAt),
  revokedBy: strOrNull(r.revokedBy),
  revocationReason: strOrNull(r.revocationReason),
  createdBy: str(r.createdBy),
  createdAt: toDate(r.createdAt),
});

const toSigned = (r: RawRow): SignedLetterRecord => ({
  code: str(r.code),
  letterId: str(r.letterId),
  documentId: str(r.documentId),
  sha256: str(r.sha256),
  letterNumber: str(r.letterNumber),
  subject: str(r.subject),
  securityLevel: str(r.securityLevel),
  signerId: str(r.signerId),
  signerName: str(r.signerName),
  signerTitle: str(r.signerTitle),
  certificateId: str(r.certificateId),
  certificateSerial: str(r.certificateSerial),
  signedAt: toDate(r.signedAt),
  timestamped: bool(r.timestamped),
  subjectType: (strOrNull(r.subjectType) ?? 'outgoing') as SignedSubjectType,
});

/** The office CA, trusted roots and officials' certificates. */
export const certificateRepository = (m: Models, transaction?: Transaction): CertificateRepository => ({
  async officeCa() {
    return mapOne(await m.SigningAuthority.findByPk(OFFICE_CA_ID, { raw: true, transaction }), toCa);
  },
  async createOfficeCa(ca) {
    await m.SigningAuthority.create({ ...ca, id: OFFICE_CA_ID, certificate: b64(ca.certificate) }, { transaction });
  },
  async relockOfficeCa(lockedKey) {
    await m.SigningAuthority.update({ lockedKey }, { where: { id: OFFICE_CA_ID }, transaction });
  },
  async trustAnchors() {
    return mapAll(await m.TrustAnchor.findAll({ order: [['addedAt', 'ASC']], raw: true, transaction }), toAnchor);
  },
  async addTrustAnchor(a) {
    const [, created] = await m.TrustAnchor.findOrCreate({ where: { sha256: a.sha256 }, defaults: { ...a, certificate: b64(a.certificate) }, transaction });
    return created;
  },
  async removeTrustAnchor(sha256) {
    return (await m.TrustAnchor.destroy({ where: { sha256 }, transaction })) > 0;
  },
  async addCurrent(c) {
    // The one before stops being current; the unique index on current_user_id catches a race.
    await m.SigningCertificate.update({ currentUserId: null }, { where: { currentUserId: c.userId }, transaction });
    const { current: _current, certificate, chain, ...rest } = c;
    await m.SigningCertificate.create(
      { ...rest, currentUserId: c.userId, certificate: b64(certificate), chain: JSON.stringify(chain.map(b64)) },
      { transaction },
    );
  },
  async currentOf(userId) {
    return mapOne(await m.SigningCertificate.findOne({ where: { currentUserId: userId }, raw: true, transaction }), toCert);
  },
  async findById(id) {
    return mapOne(await m.SigningCertificate.findByPk(id, { raw: true, transaction }), toCert);
  },
  async listOf(userId) {
    return mapAll(
      await m.SigningCertificate.findAll({
        where: { userId },
        order: [
          ['createdAt', 'DESC'],
          ['id', 'DESC'],
        ],
        raw: true,
        transaction,
      }),
      toCert,
    );
  },
  async findBySerial(serial) {
    return mapAll(await m.SigningCertificate.findAll({ where: { serial }, raw: true, transaction }), toCert);
  },
  async revoked(source) {
    const rows = (await m.SigningCertificate.findAll({
      where: { source, revokedAt: { [Op.ne]: null } },
      attributes: ['serial', 'revokedAt'],
      raw: true,
      transaction,
    })) as unknown as { serial: string; revokedAt: unknown }[];
    return rows.map((r) => ({ serial: r.serial, revokedAt: toDateOrNull(r.revokedAt)! }));
  },
  async revoke(id, at, by, reason) {
    const [n] = await m.SigningCertificate.update(
      { revokedAt: at, revokedBy: by, revocationReason: reason, currentUserId: null },
      { where: { id, revokedAt: null }, transaction },
    );
    return n === 1;
  },
  async relock(id, from, to) {
    const [n] = await m.SigningCertificate.update({ lockedKey: to }, { where: { id, lockedKey: from, revokedAt: null }, transaction });
    return n === 1;
  },
});

/** The register of signed letters, signing claims, and a lock-free look at a counter. */
export const signedLetterRepository = (m: Models, transaction?: Transaction): SignedLetterRepository => ({
  async register(l) {
    await m.SignedLetter.create({ ...l, subjectType: l.subjectType ?? 'outgoing' }, { transaction });
  },
  async findByCode(code) {
    return mapOne(await m.SignedLetter.findByPk(code, { raw: true, transaction }), toSigned);
  },
  async findBySha256(sha256) {
    return mapOne(await m.SignedLetter.findOne({ where: { sha256 }, raw: true, transaction }), toSigned);
  },
  async findByLetter(letterId) {
    return mapOne(await m.SignedLetter.findOne({ where: { letterId }, raw: true, transaction }), toSigned);
  },
  async claim(letterId, holder, now, until) {
    // Take over a lapsed claim by compare-and-set; else insert, and a concurrent insert loses on the key.
    const [taken] = await m.SigningClaim.update({ holder, expiresAt: until }, { where: { letterId, expiresAt: { [Op.lt]: now } }, transaction });
    if (taken === 1) return true;
    try {
      await m.SigningClaim.create({ letterId, holder, expiresAt: until }, { transaction });
      return true;
    } catch (e) {
      if (e instanceof UniqueConstraintError) return false;
      throw e;
    }
  },
  async release(letterId, holder) {
    await m.SigningClaim.destroy({ where: { letterId, holder }, transaction });
  },
  async counterValue(scope) {
    const row = (await m.Counter.findByPk(scope, { raw: true, transaction })) as RawRow | null;
    return row ? toNum(row.value) : 0;
  },
});

const toSeal = (r: RawRow): SealRecord => ({
  serial: str(r.serial),
  certificate: der(r.certificate),
  chain: (JSON.parse(str(r.chain)) as string[]).map(der),
  lockedKey: str(r.lockedKey),
  commonName: str(r.commonName),
  notAfter: toDate(r.notAfter),
  createdAt: toDate(r.createdAt),
});

/** The office seal (see migration 007). */
export const sealRepository = (m: Models, transaction?: Transaction): SealRepository => ({
  async current() {
    return mapOne(
      await m.OfficeSeal.findOne({
        order: [
          ['createdAt', 'DESC'],
          ['serial', 'DESC'],
        ],
        raw: true,
        transaction,
      }),
      toSeal,
    );
  },
  async add(seal) {
    await m.OfficeSeal.create({ ...seal, certificate: b64(seal.certificate), chain: JSON.stringify(seal.chain.map(b64)) }, { transaction });
  },
});
