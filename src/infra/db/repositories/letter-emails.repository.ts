import type { Transaction } from 'sequelize';
import type { LetterEmailRecord, LetterEmailState } from '../../../domain/letter-emails.ts';
import type { DeliveryKind } from '../../../domain/parties.ts';
import type { LetterEmailRepository } from '../../../ports/letter-email-repository.ts';
import type { Models } from '../models.ts';
import type { LetterEmailRow } from '../models/letters.models.ts';
import { mapOne, toDate, toDateOrNull } from './row.ts';

const toEmail = (r: LetterEmailRow): LetterEmailRecord => ({
  id: r.id,
  letterId: r.letterId,
  position: r.position,
  kind: r.kind as DeliveryKind,
  name: r.name,
  address: r.address,
  state: r.state as LetterEmailState,
  reason: r.reason,
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
    return (await m.LetterEmail.findAll({ where: { letterId }, order: [['position', 'ASC']], raw: true, transaction })).map(toEmail);
  },
  async setState(id, from, to, now, extra = {}) {
    const row: Partial<LetterEmailRow> = { state: to, updatedAt: now };
    if (extra.reason !== undefined) row.reason = extra.reason;
    if (extra.sentAt !== undefined) row.sentAt = extra.sentAt;
    const [n] = await m.LetterEmail.update(row, { where: { id, state: from }, transaction });
    return n > 0;
  },
});
