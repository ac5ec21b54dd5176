import { Op, literal, type Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import type {
  DispatchVia,
  OutgoingLetterRecord,
  OutgoingReviewRecord,
  OutgoingStatus,
  OutgoingTemplate,
  OutgoingVersionRecord,
  ReviewState,
} from '../../../domain/correspondence.ts';
import type { Party } from '../../../domain/parties.ts';
import type { SecurityLevel } from '../../../domain/security-level.ts';
import { AppError } from '../../../domain/errors.ts';
import type { OutgoingLetterRepository } from '../../../ports/correspondence-repositories.ts';
import type { Models } from '../models.ts';
import type { OutgoingLetterRow, OutgoingReviewRow, OutgoingVersionRow } from '../models/correspondence.models.ts';
import { mapOne, toDate, toDateOrNull } from './row.ts';
import { visibleDocumentIds } from './visibility.ts';
import { pagedRows } from './paged.ts';

const parties = (v: string | null): Party[] => (v === null ? [] : (JSON.parse(v) as Party[]));

const toLetter = (r: OutgoingLetterRow): OutgoingLetterRecord => ({
  id: r.id,
  type: r.type,
  subject: r.subject,
  recipient: r.recipient,
  addressees: parties(r.addressees),
  copies: parties(r.copies),
  inReplyTo: r.inReplyTo,
  classificationCode: r.classificationCode,
  securityLevel: r.securityLevel as SecurityLevel,
  unitCode: r.unitCode,
  drafterId: r.drafterId,
  signerId: r.signerId,
  status: r.status as OutgoingStatus,
  version: r.version,
  documentId: r.documentId,
  letterNumber: r.letterNumber,
  signedAt: toDateOrNull(r.signedAt),
  signedDocumentId: r.signedDocumentId,
  dispatchedAt: toDateOrNull(r.dispatchedAt),
  dispatchedBy: r.dispatchedBy,
  dispatchVia: r.dispatchVia as DispatchVia | null,
  dispatchNote: r.dispatchNote,
  signerReturnedAt: toDateOrNull(r.signerReturnedAt),
  signerReturnComment: r.signerReturnComment,
  createdAt: toDate(r.createdAt),
  updatedAt: toDate(r.updatedAt),
});

const toVersion = (r: OutgoingVersionRow): OutgoingVersionRecord => ({
  letterId: r.letterId,
  version: r.version,
  documentId: r.documentId,
  createdBy: r.createdBy,
  note: r.note,
  template: r.template === null ? null : (JSON.parse(r.template) as OutgoingTemplate),
  createdAt: toDate(r.createdAt),
});

const toReview = (r: OutgoingReviewRow): OutgoingReviewRecord => ({
  letterId: r.letterId,
  version: r.version,
  position: r.position,
  reviewerId: r.reviewerId,
  state: r.state as ReviewState,
  comment: r.comment,
  decidedAt: toDateOrNull(r.decidedAt),
});

const versionRow = (v: OutgoingVersionRecord) => ({ ...v, template: v.template ? JSON.stringify(v.template) : null });

/**
 * Ids of letters waiting for a user as reviewer: in review, with the user's step pending and no
 * pending step before it in the current version.
 */
const currentReviewerOf = (q: Sequelize, userId: string): string =>
  `SELECT r.letter_id FROM outgoing_reviews r JOIN outgoing_letters l ON l.id = r.letter_id AND l.version = r.version
   WHERE l.status = 'in_review' AND r.reviewer_id = ${q.escape(userId)} AND r.state = 'pending'
   AND NOT EXISTS (SELECT 1 FROM outgoing_reviews p WHERE p.letter_id = r.letter_id AND p.version = r.version AND p.state = 'pending' AND p.position < r.position)`;

/** Outgoing letters with their versions and review steps; every state change is a compare-and-set. */
export const outgoingLetterRepository = (m: Models, transaction?: Transaction): OutgoingLetterRepository => ({
  async create(letter, version, reviews) {
    await m.OutgoingLetter.create({ ...letter, addressees: JSON.stringify(letter.addressees), copies: JSON.stringify(letter.copies) }, { transaction });
    await m.OutgoingVersion.create(versionRow(version), { transaction });
    if (reviews.length)
      await m.OutgoingReview.bulkCreate(
        reviews.map((r) => ({ ...r })),
        { transaction },
      );
  },
  async findById(id) {
    return mapOne(await m.OutgoingLetter.findByPk(id, { raw: true, transaction }), toLetter);
  },
  async findBySignedDocument(documentId) {
    return mapOne(await m.OutgoingLetter.findOne({ where: { signedDocumentId: documentId }, raw: true, transaction }), toLetter);
  },
  async ofDocuments(documentIds) {
    const out = new Map<string, OutgoingLetterRecord>();
    if (documentIds.length === 0) return out;
    const versions = await m.OutgoingVersion.findAll({ where: { documentId: { [Op.in]: documentIds } }, raw: true, transaction });
    const letterIds = [...new Set(versions.map((v) => v.letterId))];
    const rows = await m.OutgoingLetter.findAll({
      where: { [Op.or]: [{ id: { [Op.in]: letterIds } }, { signedDocumentId: { [Op.in]: documentIds } }] },
      raw: true,
      transaction,
    });
    const letters = rows.map(toLetter);
    const byId = new Map(letters.map((l) => [l.id, l]));
    for (const v of versions) {
      const l = byId.get(v.letterId);
      if (l) out.set(v.documentId, l);
    }
    for (const l of letters) if (l.signedDocumentId && documentIds.includes(l.signedDocumentId)) out.set(l.signedDocumentId, l);
    return out;
  },
  async list(filter, visibility, page, limit) {
    const q = m.OutgoingLetter.sequelize!;
    const where: WhereOptions[] = [{ documentId: { [Op.in]: literal(`(${visibleDocumentIds(q, visibility)})`) } }];
    if (filter.status) where.push({ status: filter.status });
    if (filter.drafterId) where.push({ drafterId: filter.drafterId });
    if (filter.inReplyTo) where.push({ inReplyTo: filter.inReplyTo });
    if (filter.dispatched !== undefined) where.push({ status: 'signed', dispatchedAt: filter.dispatched ? { [Op.ne]: null } : null });
    if (filter.waitingFor) {
      where.push({
        [Op.or]: [{ id: { [Op.in]: literal(`(${currentReviewerOf(q, filter.waitingFor)})`) } }, { status: 'approved', signerId: filter.waitingFor }],
      });
    }
    return pagedRows(
      m.OutgoingLetter,
      {
        where: { [Op.and]: where },
        order: [
          ['createdAt', 'DESC'],
          ['id', 'DESC'],
        ],
        page,
        limit,
        transaction,
      },
      toLetter,
    );
  },
  async versions(letterId) {
    return (await m.OutgoingVersion.findAll({ where: { letterId }, order: [['version', 'ASC']], raw: true, transaction })).map(toVersion);
  },
  async reviews(letterId, version) {
    return (await m.OutgoingReview.findAll({ where: { letterId, version }, order: [['position', 'ASC']], raw: true, transaction })).map(toReview);
  },
  async decide(letterId, version, position, state, comment, now) {
    const [n] = await m.OutgoingReview.update({ state, comment, decidedAt: now }, { where: { letterId, version, position, state: 'pending' }, transaction });
    return n === 1;
  },
  async addVersion(version, reviews, now) {
    // The letter moves from the version before to this one, or someone else revised it first.
    const [n] = await m.OutgoingLetter.update(
      { version: version.version, documentId: version.documentId, updatedAt: now },
      { where: { id: version.letterId, version: version.version - 1 }, transaction },
    );
    if (n !== 1) throw new AppError('conflict', `version ${version.version} of this letter exists already`);
    await m.OutgoingVersion.create(versionRow(version), { transaction });
    if (reviews.length)
      await m.OutgoingReview.bulkCreate(
        reviews.map((r) => ({ ...r })),
        { transaction },
      );
  },
  async setStatus(id, from, to, extra, now) {
    const [n] = await m.OutgoingLetter.update({ ...extra, status: to, updatedAt: now }, { where: { id, status: from }, transaction });
    return n === 1;
  },
  async dispatch(id, d) {
    const [n] = await m.OutgoingLetter.update(
      { dispatchedAt: d.at, dispatchedBy: d.by, dispatchVia: d.via, dispatchNote: d.note, updatedAt: d.at },
      { where: { id, status: 'signed', dispatchedAt: null }, transaction },
    );
    return n === 1;
  },
});
