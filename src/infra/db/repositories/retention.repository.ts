import { Op, type Transaction, type WhereOptions } from 'sequelize';
import type { FinalDisposition } from '../../../domain/classification.ts';
import type { DocumentKind } from '../../../domain/document.ts';
import { type RetentionPhase, SETTLED_PHASES } from '../../../domain/retention.ts';
import type { RecordListFilter, RetentionRepository } from '../../../ports/records-repositories.ts';
import type { Models } from '../models.ts';
import { toDocument } from './documents.repository.ts';
import { countBy, toDate } from './row.ts';
import { visibleDocumentIds } from './visibility.ts';
import { pagedRows } from './paged.ts';

/** Rows whose phase follows the scheme and the calendar: not minutes, and not held, disposed or transferred. */
const moving = { kind: { [Op.ne]: 'minutes' }, [Op.or]: [{ retentionPhase: null }, { retentionPhase: { [Op.notIn]: [...SETTLED_PHASES] } }] };
/** Rows whose dates may still change: everything but minutes and what is gone. */
const living = { kind: { [Op.ne]: 'minutes' }, [Op.or]: [{ retentionPhase: null }, { retentionPhase: { [Op.notIn]: ['disposed', 'transferred'] } }] };

export const retentionRepository = (m: Models, transaction?: Transaction): RetentionRepository => {
  const q = m.Document.sequelize!;
  const visible = (f: RecordListFilter): WhereOptions => ({
    [Op.and]: [
      q.literal(`id IN (${visibleDocumentIds(q, f.visibility)})`),
      ...(f.unitCode ? [{ unitCode: f.unitCode }] : []),
      ...(f.finalDisposition ? [{ finalDisposition: f.finalDisposition }] : []),
    ],
  });
  const list = async (phase: RetentionPhase, f: RecordListFilter, page: number, limit: number, order: [string, string][]) => {
    const where = { [Op.and]: [{ retentionPhase: phase }, visible(f)] };
    return pagedRows(m.Document, { where, order: order, page, limit, transaction }, toDocument);
  };
  return {
    async withoutRecordDate(limit) {
      const rows = await m.Document.findAll({
        attributes: ['id', 'kind', 'documentDate', 'createdAt'],
        where: { recordDate: null },
        order: [['id', 'ASC']],
        limit,
        raw: true,
        transaction,
      });
      return rows.map((r) => ({ id: r.id, kind: r.kind as DocumentKind, documentDate: r.documentDate, createdAt: toDate(r.createdAt) }));
    },
    async setRecordDate(ids, recordDate) {
      if (ids.length) await m.Document.update({ recordDate }, { where: { id: ids }, transaction });
    },
    async groups(codes) {
      const where = { kind: { [Op.ne]: 'minutes' }, recordDate: { [Op.ne]: null }, ...(codes === 'all' ? {} : { classificationCode: codes }) };
      const by = ['classificationCode', 'recordDate', 'activeUntil', 'inactiveUntil', 'finalDisposition', 'retentionPhase'] as const;
      const rows = await countBy(m.Document, [...by], { where, transaction });
      return rows.map((r) => ({
        classificationCode: r.classificationCode,
        // Selected where not null.
        recordDate: r.recordDate!,
        activeUntil: r.activeUntil,
        inactiveUntil: r.inactiveUntil,
        finalDisposition: r.finalDisposition as FinalDisposition | null,
        phase: r.retentionPhase as RetentionPhase | null,
        count: r.n,
      }));
    },
    async applyGroup(g, dates, phase) {
      const group = { classificationCode: g.classificationCode, recordDate: g.recordDate };
      await m.Document.update(
        { activeUntil: dates.activeUntil, inactiveUntil: dates.inactiveUntil, finalDisposition: dates.finalDisposition },
        { where: { ...group, ...living }, transaction },
      );
      const changing = { [Op.and]: [group, moving, { [Op.or]: [{ retentionPhase: null }, { retentionPhase: { [Op.ne]: phase } }] }] };
      const ids = (await m.Document.findAll({ attributes: ['id'], where: changing, raw: true, transaction })).map((r) => r.id);
      if (ids.length) await m.Document.update({ retentionPhase: phase }, { where: { id: ids }, transaction });
      return ids;
    },
    async advance(today, limit) {
      const pick = async (where: WhereOptions, phase: 'inactive' | 'due', room: number) => {
        if (room <= 0) return [];
        // No order: any rows that moved on will do, and sorting a large phase would cost more than the pass.
        const rows = await m.Document.findAll({
          attributes: ['id', 'unitCode', 'finalDisposition'],
          where,
          limit: room,
          raw: true,
          transaction,
        });
        const out = rows.map((r) => ({
          id: r.id,
          unitCode: r.unitCode,
          phase,
          finalDisposition: r.finalDisposition as FinalDisposition | null,
        }));
        if (out.length) await m.Document.update({ retentionPhase: phase }, { where: { id: out.map((o) => o.id) }, transaction });
        return out;
      };
      const due = await pick({ retentionPhase: ['active', 'inactive'], inactiveUntil: { [Op.ne]: null, [Op.lte]: today } }, 'due', limit);
      const inactive = await pick(
        { retentionPhase: 'active', activeUntil: { [Op.ne]: null, [Op.lte]: today }, inactiveUntil: { [Op.gt]: today } },
        'inactive',
        limit - due.length,
      );
      return [...due, ...inactive];
    },
    async set(id, r) {
      await m.Document.update(
        { recordDate: r.recordDate, activeUntil: r.activeUntil, inactiveUntil: r.inactiveUntil, finalDisposition: r.finalDisposition },
        { where: { id }, transaction },
      );
      await m.Document.update({ retentionPhase: r.phase }, { where: { id, ...moving }, transaction });
    },
    async setPhase(ids, phase) {
      if (ids.length) await m.Document.update({ retentionPhase: phase }, { where: { id: ids }, transaction });
    },
    due: (f, page, limit) =>
      list('due', f, page, limit, [
        ['inactiveUntil', 'ASC'],
        ['id', 'ASC'],
      ]),
    unclassified: (f, page, limit) =>
      list('unclassified', f, page, limit, [
        ['createdAt', 'DESC'],
        ['id', 'ASC'],
      ]),
    async counts(visibility) {
      const rows = await countBy(m.Document, ['unitCode', 'retentionPhase', 'finalDisposition'], {
        where: { [Op.and]: [{ retentionPhase: { [Op.ne]: null } }, q.literal(`id IN (${visibleDocumentIds(q, visibility)})`)] },
        transaction,
      });
      return rows.map((r) => ({
        unitCode: r.unitCode,
        phase: r.retentionPhase as RetentionPhase,
        finalDisposition: r.finalDisposition as FinalDisposition | null,
        count: r.n,
      }));
    },
    async markDisposed(id, disposalId, at) {
      const [n] = await m.Document.update(
        { retentionPhase: 'disposed', disposalId, disposedAt: at, storageKey: '', updatedAt: at },
        { where: { id, retentionPhase: 'due' }, transaction },
      );
      return n === 1;
    },
    async markTransferred(ids, transferId, at, dropBytes) {
      if (ids.length)
        await m.Document.update(
          { retentionPhase: 'transferred', transferId, transferredAt: at, ...(dropBytes ? { storageKey: '' } : {}), updatedAt: at },
          { where: { id: ids }, transaction },
        );
    },
  };
};
