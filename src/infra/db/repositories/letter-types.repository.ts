import type { Transaction } from 'sequelize';
import type { LetterTypeRecord, LetterTypeTemplate } from '../../../domain/letter-types.ts';
import type { LetterTypeRepository } from '../../../ports/letter-type-repositories.ts';
import type { Models } from '../models.ts';
import type { LetterTypeRow } from '../models/letters.models.ts';
import { mapOne, toBool, toDate } from './row.ts';

const toType = (r: LetterTypeRow): LetterTypeRecord => ({
  code: r.code,
  name: r.name,
  numberFormat: r.numberFormat,
  unitFormats: JSON.parse(r.unitFormats) as Record<string, string>,
  template: JSON.parse(r.template) as LetterTypeTemplate,
  builtin: toBool(r.builtin),
  createdAt: toDate(r.createdAt),
  updatedAt: toDate(r.updatedAt),
});

export const letterTypeRepository = (m: Models, transaction?: Transaction): LetterTypeRepository => ({
  async all() {
    return (await m.LetterType.findAll({ order: [['name', 'ASC']], raw: true, transaction })).map(toType);
  },
  async find(code) {
    return mapOne(await m.LetterType.findByPk(code, { raw: true, transaction }), toType);
  },
  async create(t) {
    await m.LetterType.create({ ...t, unitFormats: JSON.stringify(t.unitFormats), template: JSON.stringify(t.template) }, { transaction });
  },
  async update(code, patch, now) {
    const row: Partial<LetterTypeRow> = { updatedAt: now };
    if (patch.name !== undefined) row.name = patch.name;
    if (patch.numberFormat !== undefined) row.numberFormat = patch.numberFormat;
    if (patch.unitFormats !== undefined) row.unitFormats = JSON.stringify(patch.unitFormats);
    if (patch.template !== undefined) row.template = JSON.stringify(patch.template);
    const [n] = await m.LetterType.update(row, { where: { code }, transaction });
    return n > 0;
  },
});
