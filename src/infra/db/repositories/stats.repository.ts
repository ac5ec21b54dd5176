import { Op, QueryTypes, type Transaction, literal } from 'sequelize';
import type { StatsSource } from '../../../ports/stats-source.ts';
import type { Models } from '../models.ts';
import type { DbDate } from '../models/columns.ts';
import { toDate, toDateOrNull, toNum } from './row.ts';
import { visibleDocumentIds } from './visibility.ts';

/**
 * Aggregations over the correspondence tables; bucketing and medians happen in domain/stats.ts.
 * A void agenda entry was a mistake (or the mark a letter moved to another register left): it
 * counts for nothing here.
 */
export const statsSource = (m: Models, transaction?: Transaction): StatsSource => {
  const q = m.IncomingLetter.sequelize!;
  const visible = (v: Parameters<StatsSource['incomingReceived']>[0]) => ({ documentId: { [Op.in]: literal(`(${visibleDocumentIds(q, v)})`) } });
  return {
    async incomingReceived(v, from, to) {
      const rows = await m.IncomingLetter.findAll({
        attributes: ['receivedAt'],
        where: { ...visible(v), receivedAt: { [Op.gte]: from, [Op.lt]: to }, voidedAt: null },
        raw: true,
        transaction,
      });
      return rows.map((r) => toDate(r.receivedAt));
    },
    async outgoing(v, from, to) {
      const rows = await m.OutgoingLetter.findAll({
        attributes: ['createdAt', 'signedAt'],
        where: { ...visible(v), [Op.or]: [{ createdAt: { [Op.gte]: from, [Op.lt]: to } }, { signedAt: { [Op.gte]: from, [Op.lt]: to } }] },
        raw: true,
        transaction,
      });
      return rows.map((r) => ({ createdAt: toDate(r.createdAt), signedAt: toDateOrNull(r.signedAt) }));
    },
    async letterTimes(v, from, to) {
      const ids = visibleDocumentIds(q, v);
      // SUM is a DECIMAL on MySQL, which the driver hands over as a string.
      const rows = await q.query<{ receivedAt: DbDate; firstAt: DbDate | null; lastDone: DbDate | null; stillOpen: number | string }>(
        `SELECT l.received_at AS receivedAt, MIN(d.created_at) AS firstAt, MAX(d.completed_at) AS lastDone,
                SUM(CASE WHEN d.id IS NOT NULL AND d.status <> 'completed' THEN 1 ELSE 0 END) AS stillOpen
           FROM incoming_letters l LEFT JOIN dispositions d ON d.letter_id = l.id
          WHERE l.received_at >= :from AND l.received_at < :to AND l.voided_at IS NULL AND l.document_id IN (${ids})
          GROUP BY l.id, l.received_at`,
        { replacements: { from, to }, type: QueryTypes.SELECT, transaction },
      );
      return rows.map((r) => {
        const firstDispositionAt = toDateOrNull(r.firstAt);
        return {
          receivedAt: toDate(r.receivedAt),
          firstDispositionAt,
          completedAt: firstDispositionAt && toNum(r.stillOpen) === 0 ? toDateOrNull(r.lastDone) : null,
        };
      });
    },
    async overdueByUnit(v, now) {
      const ids = visibleDocumentIds(q, v);
      const rows = await q.query<{ unitCode: string | null; overdue: number }>(
        `SELECT COALESCE(d.to_unit_code, u.unit_code) AS unitCode, COUNT(*) AS overdue
           FROM dispositions d JOIN incoming_letters l ON l.id = d.letter_id LEFT JOIN users u ON u.id = d.to_user_id
          WHERE d.status = 'open' AND d.due_at IS NOT NULL AND d.due_at < :now AND l.voided_at IS NULL AND l.document_id IN (${ids})
          GROUP BY COALESCE(d.to_unit_code, u.unit_code)
          ORDER BY overdue DESC`,
        { replacements: { now }, type: QueryTypes.SELECT, transaction },
      );
      return rows.map((r) => ({ unitCode: String(r.unitCode), overdue: r.overdue }));
    },
  };
};
