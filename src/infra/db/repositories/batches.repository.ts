import { Op, type Transaction } from 'sequelize';
import type { BatchItemRecord, BatchItemStatus, BatchRepository } from '../../../ports/repositories.ts';
import type { Models } from '../models.ts';
import { type RawRow, str, strOrNull, toDate, toNum } from './row.ts';

const toItem = (r: RawRow): BatchItemRecord => ({
  batchId: str(r.batchId),
  seq: toNum(r.seq),
  filename: str(r.filename),
  status: str(r.status) as BatchItemStatus,
  inboxKey: strOrNull(r.inboxKey),
  documentId: strOrNull(r.documentId),
  error: strOrNull(r.error),
});

export const batchRepository = (m: Models, transaction?: Transaction): BatchRepository => ({
  async create(batch, items) {
    await m.Batch.create({ ...batch, defaults: JSON.stringify(batch.defaults) }, { transaction });
    if (items.length)
      await m.BatchItem.bulkCreate(
        items.map((i) => ({ ...i })),
        { transaction },
      );
  },
  async findById(id) {
    const r = (await m.Batch.findByPk(id, { raw: true, transaction })) as unknown as RawRow | null;
    return r
      ? { id: str(r.id), createdBy: str(r.createdBy), defaults: JSON.parse(str(r.defaults)) as Record<string, unknown>, createdAt: toDate(r.createdAt) }
      : null;
  },
  async items(batchId) {
    const rows = (await m.BatchItem.findAll({ where: { batchId }, order: [['seq', 'ASC']], raw: true, transaction })) as unknown as RawRow[];
    return rows.map(toItem);
  },
  async updateItem(batchId, seq, patch) {
    await m.BatchItem.update({ ...patch }, { where: { batchId, seq }, transaction });
  },
  async pendingInboxKeys() {
    const rows = (await m.BatchItem.findAll({
      attributes: ['inboxKey'],
      where: { status: 'received', inboxKey: { [Op.ne]: null } },
      raw: true,
      transaction,
    })) as unknown as RawRow[];
    return rows.map((r) => str(r.inboxKey));
  },
});
