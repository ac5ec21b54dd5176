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
import type { OfficeSealRow, SignedLetterRow, SigningAuthorityRow, SigningCertificateRow, TrustAnchorRow } from '../models/signing.models.ts';
import { mapOne, toBool, toDate, toDateOrNull, toNum } from './row.ts';

const OFFICE_CA_ID = 'office';

const der = (v: string): CertificateDer => new Uint8Array(Buffer.from(v, 'base64'));
const b64 = (d: CertificateDer): string => Buffer.from(d).toString('base64');

const toCa = (r: SigningAuthorityRow): OfficeCaRecord => ({
  certificate: der(r.certificate),
  lockedKey: r.lockedKey,
  serial: r.serial,
  sha256: r.sha256,
  subject: r.subject,
  notAfter: toDate(r.notAfter),
  createdBy: r.createdBy,
  createdAt: toDate(r.createdAt),
});

const toAnchor = (r: TrustAnchorRow): TrustAnchorRecord => ({
  sha256: r.sha256,
  certificate: der(r.certificate),
  subject: r.subject,
  notAfter: toDate(r.notAfter),
  addedBy: r.addedBy,
  addedAt: toDate(r.addedAt),
});

const toCert = (r: SigningCertificateRow): SigningCertificateRecord => ({
  id: r.id,
  userId: r.userId,
  source: r.source as CertificateSource,
  serial: r.serial,
  issuer: r.issuer,
  sha256: r.sha256,
  commonName: r.commonName,
  title: r.title,
  nip: r.nip,
  notBefore: toDate(r.notBefore),
  notAfter: toDate(r.notAfter),
  certificate: der(r.certificate),
  chain: (JSON.parse(r.chain) as string[]).map(der),
  lockedKey: r.lockedKey,
  current: r.currentUserId !== null,
  revokedAt: toDateOrNull(r.revokedAt),
  revokedBy: r.revokedBy,
  revocationReason: r.revocationReason,
  createdBy: r.createdBy,
  createdAt: toDate(r.createdAt),
});

const toSigned = (r: SignedLetterRow): SignedLetterRecord => ({
  code: r.code,
  letterId: r.letterId,
  documentId: r.documentId,
  sha256: r.sha256,
  letterNumber: r.letterNumber,
  subject: r.subject,
  securityLevel: r.securityLevel,
  signerId: r.signerId,
  signerName: r.signerName,
  signerTitle: r.signerTitle,
  certificateId: r.certificateId,
  certificateSerial: r.certificateSerial,
  signedAt: toDate(r.signedAt),
  timestamped: toBool(r.timestamped),
  subjectType: r.subjectType as SignedSubjectType,
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
    return (await m.TrustAnchor.findAll({ order: [['addedAt', 'ASC']], raw: true, transaction })).map(toAnchor);
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
    const rows = await m.SigningCertificate.findAll({
      where: { userId },
      order: [
        ['createdAt', 'DESC'],
        ['id', 'DESC'],
      ],
      raw: true,
      transaction,
    });
    return rows.map(toCert);
  },
  async findBySerial(serial) {
    return (await m.SigningCertificate.findAll({ where: { serial }, raw: true, transaction })).map(toCert);
  },
  async revoked(source) {
    const rows = await m.SigningCertificate.findAll({
      where: { source, revokedAt: { [Op.ne]: null } },
      attributes: ['serial', 'revokedAt'],
      raw: true,
      transaction,
    });
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
    const row = await m.Counter.findByPk(scope, { raw: true, transaction });
    return row ? toNum(row.value) : 0;
  },
});

const toSeal = (r: OfficeSealRow): SealRecord => ({
  serial: r.serial,
  certificate: der(r.certificate),
  chain: (JSON.parse(r.chain) as string[]).map(der),
  lockedKey: r.lockedKey,
  commonName: r.commonName,
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
