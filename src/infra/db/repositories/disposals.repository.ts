import { QueryTypes, type Transaction } from 'sequelize';
import type { DisposalRecord, DisposalStatus, RecordItemState, TransferRecord, TransferStatus } from '../../../domain/records.ts';
import type { DisposalRepository, TransferRepository } from '../../../ports/records-repositories.ts';
import type { Models } from '../models.ts';
import type { DisposalRow, TransferRow } from '../models/records.models.ts';
import { mapOne, toDate, toDateOrNull } from './row.ts';
import { pagedRows } from './paged.ts';

const toDisposal = (r: DisposalRow): DisposalRecord => ({
  id: r.id,
  status: r.status as DisposalStatus,
  reason: r.reason,
  unitCode: r.unitCode,
  items: r.items,
  proposedBy: r.proposedBy,
  proposedAt: toDate(r.proposedAt),
  decidedBy: r.decidedBy,
  decidedAt: toDateOrNull(r.decidedAt),
  decisionNote: r.decisionNote,
  executedBy: r.executedBy,
  executedAt: toDateOrNull(r.executedAt),
  minutesDocumentId: r.minutesDocumentId,
  minutesNumber: r.minutesNumber,
});

const toTransfer = (r: TransferRow): TransferRecord => ({
  id: r.id,
  status: r.status as TransferStatus,
  unitCode: r.unitCode,
  recipient: r.recipient,
  items: r.items,
  createdBy: r.createdBy,
  createdAt: toDate(r.createdAt),
  confirmedBy: r.confirmedBy,
  confirmedAt: toDateOrNull(r.confirmedAt),
  minutesDocumentId: r.minutesDocumentId,
  minutesNumber: r.minutesNumber,
});

/** Items of acts still under way (in `open` states), per document: which act holds each. */
const openActs = async (m: Models, kind: 'disposal' | 'transfer', transaction: Transaction | undefined, documentIds: string[], open: string[]) => {
  const out = new Map<string, string>();
  if (documentIds.length === 0) return out;
  const rows = await m.Disposal.sequelize!.query<{ documentId: string; actId: string }>(
    `SELECT i.document_id AS documentId, i.${kind}_id AS actId FROM ${kind}_items i JOIN ${kind}s a ON a.id = i.${kind}_id WHERE a.status IN (:open) AND i.document_id IN (:ids)`,
    { replacements: { open, ids: documentIds }, type: QueryTypes.SELECT, transaction },
  );
  for (const r of rows) out.set(r.documentId, r.actId);
  return out;
};

export const disposalRepository = (m: Models, transaction?: Transaction): DisposalRepository => ({
  async create(d, documentIds) {
    await m.Disposal.create({ ...d, updatedAt: d.proposedAt }, { transaction });
    await m.DisposalItem.bulkCreate(
      documentIds.map((documentId) => ({ disposalId: d.id, documentId, state: 'pending', doneAt: null })),
      { transaction },
    );
  },
  async findById(id) {
    return mapOne(await m.Disposal.findByPk(id, { raw: true, transaction }), toDisposal);
  },
  async list(filter, page, limit) {
    const where = { ...(filter.status ? { status: filter.status } : {}), ...(filter.unitCodes ? { unitCode: filter.unitCodes } : {}) };
    return pagedRows(
      m.Disposal,
      {
        where,
        order: [
          ['updatedAt', 'DESC'],
          ['id', 'ASC'],
        ],
        page,
        limit,
        transaction,
      },
      toDisposal,
    );
  },
  async items(id) {
    const rows = await m.DisposalItem.findAll({ where: { disposalId: id }, order: [['documentId', 'ASC']], raw: true, transaction });
    return rows.map((r) => ({ documentId: r.documentId, state: r.state as RecordItemState, doneAt: toDateOrNull(r.doneAt) }));
  },
  async setStatus(id, from, to, extra, now) {
    const [n] = await m.Disposal.update({ ...extra, status: to, updatedAt: now }, { where: { id, status: from }, transaction });
    return n === 1;
  },
  async markItem(id, documentId, state, at) {
    await m.DisposalItem.update({ state, doneAt: at }, { where: { disposalId: id, documentId, state: 'pending' }, transaction });
  },
  openFor: (documentIds) => openActs(m, 'disposal', transaction, documentIds, ['proposed', 'approved', 'executing']),
});

export const transferRepository = (m: Models, transaction?: Transaction): TransferRepository => ({
  async create(t, documentIds) {
    await m.Transfer.create({ ...t, updatedAt: t.createdAt }, { transaction });
    await m.TransferItem.bulkCreate(
      documentIds.map((documentId) => ({ transferId: t.id, documentId })),
      { transaction },
    );
  },
  async findById(id) {
    return mapOne(await m.Transfer.findByPk(id, { raw: true, transaction }), toTransfer);
  },
  async list(filter, page, limit) {
    const where = { ...(filter.status ? { status: filter.status } : {}), ...(filter.unitCodes ? { unitCode: filter.unitCodes } : {}) };
    return pagedRows(
      m.Transfer,
      {
        where,
        order: [
          ['updatedAt', 'DESC'],
          ['id', 'ASC'],
        ],
        page,
        limit,
        transaction,
      },
      toTransfer,
    );
  },
  async items(id) {
    return (await m.TransferItem.findAll({ where: { transferId: id }, order: [['documentId', 'ASC']], raw: true, transaction })).map((r) => r.documentId);
  },
  async setStatus(id, from, to, extra, now) {
    const [n] = await m.Transfer.update({ ...extra, status: to, updatedAt: now }, { where: { id, status: from }, transaction });
    return n === 1;
  },
  openFor: (documentIds) => openActs(m, 'transfer', transaction, documentIds, ['prepared']),
});
