import type { Transaction } from 'sequelize';
import type { LetterEmailRecord, LetterEmailState } from '../../../domain/letter-emails.ts';
import type { DeliveryKind } from '../../../domain/parties.ts';
import type { LetterEmailRepository } from '../../../ports/letter-email-repository.ts';
import type { Models } from '../models.ts';
import { mapAll, mapOne, type RawRow, str, strOrNull, toDate, toDateOrNull, toNum } from './row.ts';

const toEmail = (r: RawRow): LetterEmailRecord => ({
  id: str(r.id),
  letterId: str(r.letterId),
  position: toNum(r.position),
  kind: str(r.kind) as DeliveryKind,
  name: str(r.name),
  address: str(r.address),
  state: str(r.state) as LetterEmailState,
  reason: strOrNull(r.reason),
  sentAt: toDateOrNull(r.sentAt),
  createdAt: toDate(r.createdAt),
  updatedAt: toDate(r.updatedAt),
});

export const letterEmailRepository = (m: Models, transaction?: Transaction): LetterEmailRepository => ({
  async create(e) {
    await m.LetterEmail.create({ ...e }, { transaction });
  },
  async findById(id) {
    return mapOne(await m.LetterEmail.findByPk(id, { raw: true, transaction }), toEmail);
  },
  async ofLetter(letterId) {
    return mapAll(await m.LetterEmail.findAll({ where: { letterId }, order: [['position', 'ASC']], raw: true, transaction }), toEmail);
  },
  async setState(id, from, to, now, extra = {}) {
    const row: Record<string, unknown> = { state: to, updatedAt: now };
    if (extra.reason !== undefined) row.reason = extra.reason;
    if (extra.sentAt !== undefined) row.sentAt = extra.sentAt;
    const [n] = await m.LetterEmail.update(row, { where: { id, state: from }, transaction });
    return n > 0;
  },
});
