import { Op, type Transaction } from 'sequelize';
import type { BatchItemRecord, BatchItemStatus, BatchRepository } from '../../../ports/repositories.ts';
import type { Models } from '../models.ts';
import type { BatchItemRow } from '../models/documents.models.ts';
import { mapOne, toDate } from './row.ts';

const toItem = (r: BatchItemRow): BatchItemRecord => ({
  batchId: r.batchId,
  seq: r.seq,
  filename: r.filename,
  status: r.status as BatchItemStatus,
  inboxKey: r.inboxKey,
  documentId: r.documentId,
  error: r.error,
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
    return mapOne(await m.Batch.findByPk(id, { raw: true, transaction }), (r) => ({
      id: r.id,
      createdBy: r.createdBy,
      defaults: JSON.parse(r.defaults) as Record<string, unknown>,
      createdAt: toDate(r.createdAt),
    }));
  },
  async items(batchId) {
    return (await m.BatchItem.findAll({ where: { batchId }, order: [['seq', 'ASC']], raw: true, transaction })).map(toItem);
  },
  async updateItem(batchId, seq, patch) {
    await m.BatchItem.update({ ...patch }, { where: { batchId, seq }, transaction });
  },
  async pendingInboxKeys() {
    const rows = await m.BatchItem.findAll({
      attributes: ['inboxKey'],
      where: { status: 'received', inboxKey: { [Op.ne]: null } },
      raw: true,
      transaction,
    });
    // Selected where not null.
    return rows.map((r) => r.inboxKey!);
  },
});
