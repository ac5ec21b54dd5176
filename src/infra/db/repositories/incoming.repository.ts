import { createHash } from 'node:crypto';
import { Op, literal, type OrderItem, type Sequelize, type Transaction, type WhereOptions } from 'sequelize';
import { letterIdentity, type IncomingLetterRecord, type IncomingStatus, type Urgency } from '../../../domain/correspondence.ts';
import type { DeliveryKind } from '../../../domain/parties.ts';
import type { SecurityLevel } from '../../../domain/security-level.ts';
import type { IncomingLetterRepository } from '../../../ports/correspondence-repositories.ts';
import type { Models } from '../models.ts';
import type { IncomingLetterRow } from '../models/correspondence.models.ts';
import { mapOne, toDate } from './row.ts';
import { visibleDocumentIds } from './visibility.ts';
import { pagedRows } from './paged.ts';

const toIncoming = (r: IncomingLetterRow): IncomingLetterRecord => ({
  id: r.id,
  documentId: r.documentId,
  unitCode: r.unitCode,
  agendaYear: r.agendaYear,
  agendaNumber: r.agendaNumber,
  letterNumber: r.letterNumber,
  letterDate: r.letterDate,
  sender: r.sender,
  subject: r.subject,
  urgency: r.urgency as Urgency,
  securityLevel: r.securityLevel as SecurityLevel,
  classificationCode: r.classificationCode,
  receivedAt: toDate(r.receivedAt),
  status: r.status as IncomingStatus,
  registeredBy: r.registeredBy,
  sourceOutgoingId: r.sourceOutgoingId,
  deliveryKind: r.deliveryKind as DeliveryKind | null,
  version: r.version,
  // A void mark is written whole (markVoid): when it is there, so are who and why.
  voided: r.voidedAt ? { at: toDate(r.voidedAt), by: String(r.voidedBy), reason: String(r.voidReason) } : null,
  createdAt: toDate(r.createdAt),
  updatedAt: toDate(r.updatedAt),
});

/** The indexed form of the duplicate rule: equal keys are the same sender and letter number. */
const numberKey = (sender: string, letterNumber: string): string => createHash('sha256').update(letterIdentity(sender, letterNumber)).digest('hex');

/**
 * A case-insensitive substring match. Both sides go through the database's LOWER (so the two
 * agree on which letters fold), and the reader's % and _ are matched literally.
 */
const contains = (q: Sequelize, columns: string[], needle: string) => {
  const pattern = q.escape(`%${needle.replace(/[!%_]/g, (c) => `!${c}`)}%`);
  return literal(`(${columns.map((c) => `LOWER(${c}) LIKE LOWER(${pattern}) ESCAPE '!'`).join(' OR ')})`);
};

/** How many earlier letters a duplicate check reports at most. */
const DUPLICATES_MAX = 50;

export const incomingLetterRepository = (m: Models, transaction?: Transaction): IncomingLetterRepository => ({
  async create({ voided, ...letter }) {
    const marks = voided ? { voidedAt: voided.at, voidedBy: voided.by, voidReason: voided.reason } : {};
    await m.IncomingLetter.create({ ...letter, ...marks, numberKey: numberKey(letter.sender, letter.letterNumber) }, { transaction });
  },
  async update(id, patch, version, now) {
    // The duplicate key follows the sender and number as corrected.
    const [n] = await m.IncomingLetter.update(
      { ...patch, numberKey: numberKey(patch.sender, patch.letterNumber), version: version + 1, updatedAt: now },
      { where: { id, version, voidedAt: null }, transaction },
    );
    return n === 1;
  },
  async markVoid(id, mark, version) {
    const [n] = await m.IncomingLetter.update(
      { voidedAt: mark.at, voidedBy: mark.by, voidReason: mark.reason, version: version + 1, updatedAt: mark.at },
      { where: { id, version, voidedAt: null }, transaction },
    );
    return n === 1;
  },
  async findById(id) {
    return mapOne(await m.IncomingLetter.findByPk(id, { raw: true, transaction }), toIncoming);
  },
  async findByDocument(documentId) {
    // A letter moved to another unit's register leaves a void entry with the same scan behind
    // (written after it): a letter in force first, then the earliest.
    const order: OrderItem[] = [
      [literal('CASE WHEN voided_at IS NULL THEN 0 ELSE 1 END'), 'ASC'],
      ['createdAt', 'ASC'],
    ];
    return mapOne(await m.IncomingLetter.findOne({ where: { documentId }, order, raw: true, transaction }), toIncoming);
  },
  async voidScans(documentIds) {
    if (documentIds.length === 0) return new Set();
    const rows = await m.IncomingLetter.findAll({
      attributes: ['documentId'],
      where: { documentId: { [Op.in]: documentIds } },
      group: ['documentId'],
      having: literal('SUM(CASE WHEN voided_at IS NULL THEN 1 ELSE 0 END) = 0'),
      raw: true,
      transaction,
    });
    return new Set(rows.map((r) => r.documentId));
  },
  async list(filter, visibility, page, limit) {
    const q = m.IncomingLetter.sequelize!;
    const where: WhereOptions[] = [{ documentId: { [Op.in]: literal(`(${visibleDocumentIds(q, visibility)})`) } }];
    if (filter.status) where.push({ status: filter.status });
    if (filter.voided !== undefined) where.push({ voidedAt: filter.voided ? { [Op.ne]: null } : null });
    if (filter.urgency) where.push({ urgency: filter.urgency });
    if (filter.unitCode) where.push({ unitCode: filter.unitCode });
    if (filter.from) where.push({ receivedAt: { [Op.gte]: filter.from } });
    if (filter.to) where.push({ receivedAt: { [Op.lte]: filter.to } });
    if (filter.sender) where.push(contains(q, ['sender'], filter.sender));
    if (filter.q) where.push(contains(q, ['letter_number', 'subject', 'sender'], filter.q));
    return pagedRows(
      m.IncomingLetter,
      {
        where: { [Op.and]: where },
        order: [
          ['receivedAt', 'DESC'],
          ['createdAt', 'DESC'],
          ['id', 'DESC'],
        ],
        page,
        limit,
        transaction,
      },
      toIncoming,
    );
  },
  async ofSource(outgoingId) {
    return (await m.IncomingLetter.findAll({ where: { sourceOutgoingId: outgoingId }, order: [['unitCode', 'ASC']], raw: true, transaction })).map(toIncoming);
  },
  async findDuplicates({ sender, letterNumber, documentId }) {
    const rows = await m.IncomingLetter.findAll({
      where: { [Op.or]: [{ numberKey: numberKey(sender, letterNumber) }, { documentId }] },
      order: [
        ['createdAt', 'ASC'],
        ['id', 'ASC'],
      ],
      limit: DUPLICATES_MAX,
      raw: true,
      transaction,
    });
    return rows.map(toIncoming);
  },
  async setStatus(id, status, now) {
    await m.IncomingLetter.update({ status, updatedAt: now }, { where: { id }, transaction });
  },
});
